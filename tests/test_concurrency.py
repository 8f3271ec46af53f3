"""Many threads on one SearchService, as waitress runs it: answers must equal the single-threaded
ones. (Whoosh's readers share file handles; before Snapshot serialised them, two threads reading
the vocabulary at once got garbage bytes and the page a 500.)"""

from __future__ import annotations

import threading

from searchapp.search_request import SearchRequest
from searchapp.service import SearchService

QUERIES = ["impunty", "climate", "freedom of expression", '"human rights defenders"', "defend*",
           "rights -impunity", "*terror*", "women", "torture OR impunity"]


def answer(service: SearchService, query: str) -> tuple:
    result = service.search(SearchRequest(query=query, per_page=50))
    return result.total, result.mentions, tuple(h.highlight for h in result.hits), tuple(result.suggestions)


def test_concurrent_searches_give_the_single_threaded_answers(seed_settings):
    expected = {q: answer(SearchService(seed_settings), q) for q in QUERIES}
    for _ in range(3):  # a fresh service each round: cold caches are where threads collide
        service = SearchService(seed_settings)
        errors, results = [], []
        barrier = threading.Barrier(12)

        def worker(offset: int) -> None:
            barrier.wait()
            try:
                for i in range(len(QUERIES)):
                    query = QUERIES[(i + offset) % len(QUERIES)]
                    results.append((query, answer(service, query)))
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors[:3]
        assert len(results) == 12 * len(QUERIES)
        for query, got in results:
            assert got == expected[query], query
