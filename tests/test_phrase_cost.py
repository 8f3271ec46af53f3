"""The cheaper ways a phrase search is answered (issue 18 §2: "sexual violence" within FTS5's
time) give what the plain ways give: a page of hits built from positional fields and a batch of
stored fields, the merge that finds where a phrase starts, the per-paragraph counts of a word's
keys, the union of two matches without a sort, and a phrase's BM25 with deleted paragraphs."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import fields

import numpy as np
import pytest
from conftest import CORPUS_DIR, SEED_FILES

from searchapp.config import Settings
from searchapp.engine import IndexHandle, find
from searchapp.engine.evaluate import Evaluator, Match, _union
from searchapp.engine.rare_positions import SHIFT, counts_in, phrase_starts
from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.results import Hit
from searchapp.search.service import HIT_FIELDS


def _keys(pairs) -> np.ndarray:
    return np.array(sorted((doc << SHIFT) | position for doc, position in pairs), dtype=np.int64)


def test_hits_are_built_with_their_fields_in_the_order_the_hit_declares():
    assert HIT_FIELDS == tuple(f.name for f in fields(Hit))


def test_phrase_starts_are_the_places_where_every_word_follows_at_its_offset():
    # "sexual violence" as (paragraph, word position) pairs, and "sexual" alone elsewhere.
    sexual = {(3, 0), (3, 7), (5, 2), (9, 4), (12, 1)}
    violence = {(3, 1), (3, 5), (5, 3), (9, 9), (11, 2), (12, 2)}
    against = {(3, 2), (5, 9), (12, 3)}
    two = phrase_starts([(0, _keys(sexual)), (1, _keys(violence))])
    assert two.tolist() == _keys({(d, p) for d, p in sexual if (d, p + 1) in violence}).tolist()
    assert [(int(k) >> SHIFT, int(k) & 0xFFFF) for k in two] == [(3, 0), (5, 2), (12, 1)]
    three = phrase_starts([(0, _keys(sexual)), (1, _keys(violence)), (2, _keys(against))])
    assert [(int(k) >> SHIFT, int(k) & 0xFFFF) for k in three] == [(3, 0), (12, 1)]
    assert len(phrase_starts([(0, _keys(sexual)), (1, _keys(set()))])) == 0


@pytest.mark.parametrize("paragraphs", [[3], [3, 5, 11, 40], list(range(0, 60, 2))])
def test_counts_in_gives_each_paragraphs_number_of_keys(paragraphs):
    """One paragraph, a few, and more paragraphs than keys per paragraph."""
    rng = np.random.default_rng(18)
    pairs = {(int(d), int(p)) for d, p in zip(rng.integers(0, 50, 400), rng.integers(0, 300, 400))}
    per_paragraph = Counter(d for d, _ in pairs)
    docs = np.array(paragraphs, dtype=np.int64)
    found = counts_in([_keys(pairs), _keys({(d, p) for d, p in pairs if d % 3})], docs)
    assert found[0].tolist() == [per_paragraph[d] for d in paragraphs]
    assert found[1].tolist() == [per_paragraph[d] if d % 3 else 0 for d in paragraphs]


def test_union_of_two_matches_keeps_each_paragraphs_larger_score_and_mentions():
    rng = np.random.default_rng(2)
    for small_size, large_size in [(1, 1186), (0, 5), (7, 9), (40, 40), (3, 3)]:
        small, large = (Match(np.sort(rng.choice(span, size, replace=False)).astype(np.int64),
                              rng.random(size).astype(np.float32), rng.integers(0, 4, size, dtype=np.int32))
                        for span, size in ((60 if small_size < 40 else 80, small_size),
                                           (max(60, large_size + 10), large_size)))
        best: dict[int, tuple[float, int]] = {}
        for match in (small, large):
            for docnum, score, mentions in zip(match.ids.tolist(), match.score.tolist(), match.mentions.tolist()):
                old = best.get(docnum, (0.0, 0))
                best[docnum] = (max(old[0], score), max(old[1], mentions))
        for first, second in ((small, large), (large, small)):
            union = _union([first, second], combine="max")
            assert union.ids.tolist() == sorted(best)
            assert union.score.tolist() == [best[d][0] for d in sorted(best)]
            assert union.mentions.tolist() == [best[d][1] for d in sorted(best)]
            assert (union.ids.dtype, union.score.dtype, union.mentions.dtype) == (np.int64, np.float32, np.int32)


def test_a_page_of_phrase_hits_says_what_its_document_says(corpus_service):
    """Every hit of "sexual violence" (all pages): its text, type, number and position are
    those of the paragraph at its anchor on its document's page, its mentions what a regular
    expression counts in that text, its metadata its document's."""
    pattern = re.compile(r"\bsexual\s+violence\b", re.IGNORECASE)
    request = SearchRequest(query='"sexual violence"', per_page=50)
    first = corpus_service.search(request, facets=False, highlight=False)
    hits = [hit for page in range(1, (first.total + 49) // 50 + 1)
            for hit in corpus_service.search(SearchRequest(query='"sexual violence"', per_page=50, page=page),
                                             facets=False, highlight=False).hits]
    assert len(hits) == first.total >= 5
    documents = {}
    for hit in hits:
        view = documents.setdefault(hit.symbol, corpus_service.document(hit.symbol))
        paragraph = next(p for p in view.paragraphs if p.anchor == hit.anchor)
        assert (hit.text, hit.paragraph_type, hit.paragraph_number, hit.position, hit.part) == \
               (paragraph.text, paragraph.kind, paragraph.number, paragraph.position, paragraph.part)
        assert hit.mentions == len(pattern.findall(hit.text))
        assert (hit.title, hit.body, hit.year, hit.date, hit.session, hit.document_type, hit.language,
                hit.committee) == (view.title, view.body, view.year, view.date, view.session,
                                   view.document_type, view.language, view.committee)


@pytest.mark.slow
def test_phrase_scores_from_positions_equal_the_candidates_way_with_deleted_paragraphs(tmp_path, monkeypatch):
    """With paragraphs deleted (a file removed in an incremental run, two segments), a phrase of
    rarer words still scores each paragraph as the way through its words' postings does (the
    words' document frequencies count live paragraphs only), and reads stored fields in batches
    as one at a time."""
    monkeypatch.setattr("searchapp.indexing.run.PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr("searchapp.engine.bulk_writer.PARALLEL_MIN_ROWS", 0)  # two segments a run
    data = tmp_path / "data"
    data.mkdir()
    ga = CORPUS_DIR / "ga-resolutions"
    # "sexual violence" 4, 1, 2 and 2 times in these (grep -ciE over each file's paragraphs).
    holding = ["A_RES_78_118", "A_RES_78_119", "A_RES_78_180", "A_RES_78_181"]
    for path in [*SEED_FILES, *sorted(ga.glob("A_RES_79_*.txt"))[:20], *(ga / f"{n}.txt" for n in holding)]:
        shutil.copy(path, data / path.name)
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    run_index(settings)
    (data / f"{holding[0]}.txt").unlink()
    assert not run_index(settings).rewritten
    snapshot = IndexHandle(settings.index_dir).snapshot()
    assert snapshot.alive_count < snapshot.size and len(snapshot.segments) >= 2
    for phrase in ['"sexual violence"', '"enforced disappearances"', '"conflict-related sexual violence"']:
        fast, _ = find(snapshot, phrase, max_expansions=100)
        with monkeypatch.context() as patch:
            patch.setattr(Evaluator, "_rare_phrase", lambda self, stems, pieces: None)
            slow, _ = find(snapshot, phrase, max_expansions=100)
        assert fast.ids.tolist() == slow.ids.tolist() and fast.mentions.tolist() == slow.mentions.tolist()
        assert fast.score.tobytes() == slow.score.tobytes(), phrase
    assert int(find(snapshot, '"sexual violence"', max_expansions=100)[0].mentions.sum()) == 1 + 2 + 2
    docnums = [d for d in range(snapshot.size)][::-1]  # across segments, out of order
    assert snapshot.stored_many(docnums) == [snapshot.stored(d) for d in docnums]
    last = list(range(snapshot.segments[-1][1], snapshot.size))[::-1]  # all in the last segment
    assert snapshot.stored_many(last) == [snapshot.stored(d) for d in last] and snapshot.stored_many([]) == []
