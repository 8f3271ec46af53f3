"""A server worker freezes its long-lived heap after each generation it opens (engine/heap.py),
so that full garbage collections stop walking the open index (issue 18 §4: ~120 ms pauses), and
still lets go of every generation it replaced."""

from __future__ import annotations

import gc
import json
import urllib.request

import pytest
from conftest import copy_seeds, running_server, settings_for

from searchapp.engine import IndexHandle, find, heap
from searchapp.indexing.run import run_index


def publish_a_change(data, index: int, settings) -> None:
    paths = sorted(data.glob("*.txt"))
    path = paths[index % len(paths)]
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new hash, same text
    run_index(settings)


def generations(settings) -> list[str]:
    return sorted(p.name for p in settings.index_dir.glob("gen-*"))


@pytest.fixture
def settling(monkeypatch):
    """Settling on, after 3 requests; the test process's heap unfrozen again afterwards."""
    monkeypatch.setattr(heap, "_enabled", True)
    monkeypatch.setattr(heap, "SETTLE_AFTER", 3)
    yield
    gc.unfreeze()


def test_a_handle_freezes_its_heap_after_each_generation_and_still_lets_the_replaced_ones_go(tmp_path, settling):
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    handle = IndexHandle(settings.index_dir)
    frozen = []
    for number in range(1, 7):
        for _ in range(6):  # requests: the settle comes 3 after the open
            snapshot = handle.snapshot()
            match, _ = find(snapshot, "impunity", max_expansions=100)
            assert len(match.ids) == 9  # the seed paragraphs printing "impunity" (grep -ci)
            # A derived value that refers back to its snapshot: a reference cycle, which only a
            # collection (never a frozen heap) frees.
            snapshot.cached("cycle", lambda held=snapshot: [held])
        del snapshot
        assert handle.heap.settles == number
        frozen.append(gc.get_freeze_count())
        publish_a_change(data, number, settings)
        # The publish removed every generation but the two latest: none is held any more, though
        # the handle's snapshot of gen-{number} had been frozen.
        assert generations(settings) == [f"gen-{number:06d}", f"gen-{number + 1:06d}"]
    assert frozen[0] > 10_000  # the open generation and the modules: the long-lived heap
    # Six switches: the frozen heap does not grow by a replaced generation each time.
    assert max(frozen[2:]) - min(frozen[2:]) < frozen[0] // 20


def test_a_settle_waits_while_a_request_still_answers_from_the_replaced_generation(tmp_path, settling):
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    handle = IndexHandle(settings.index_dir)
    for _ in range(5):
        handle.snapshot()
    assert handle.heap.settles == 1
    in_flight = handle.snapshot()  # a long export, still reading gen-000001
    publish_a_change(data, 0, settings)
    for _ in range(10):
        handle.snapshot()
    assert handle.heap.settles == 1  # postponed: a freeze now would keep gen-000001 for good
    del in_flight
    for _ in range(5):
        handle.snapshot()
    assert handle.heap.settles == 2
    publish_a_change(data, 1, settings)
    assert generations(settings) == ["gen-000002", "gen-000003"]


def impunity_total(url: str) -> int:
    with urllib.request.urlopen(url + "/api/search?q=impunity", timeout=30) as response:
        return json.loads(response.read())["total"]


@pytest.mark.slow
def test_a_running_server_releases_each_generation_it_replaced_after_settling(tmp_path):
    """The real server (one worker): past heap.SETTLE_AFTER requests after each switch, the worker
    has frozen its heap, and the next publish can still remove the generation before."""
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    with running_server(settings.index_dir, "--workers", "1") as url:
        for number in range(1, 4):
            assert [impunity_total(url) for _ in range(heap.SETTLE_AFTER + 20)] == [9] * (heap.SETTLE_AFTER + 20)
            publish_a_change(data, number, settings)
            assert generations(settings) == [f"gen-{number:06d}", f"gen-{number + 1:06d}"]
