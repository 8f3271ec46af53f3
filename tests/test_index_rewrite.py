"""Incremental runs append segments and leave replaced paragraphs deleted in place; past a
limit (searchapp/index_rewrite.py) a run writes the index afresh from what it keeps. The
rewritten index must answer exactly as one built from the same files at once, and a failed
rewrite must leave the previous index in place."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request

import pytest
from conftest import CORPUS_DIR, SEED_FILES, require_corpus, running_server

from searchapp.config import Settings
from searchapp.engine import Snapshot, current_generation
from searchapp.exceptions import BadParameter
from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

REQUESTS = [SearchRequest(query="human rights", per_page=50), SearchRequest(query="impunity"),
            SearchRequest(query='"human rights defenders"'), SearchRequest(query="defend*"),
            SearchRequest(query="women peace security"), SearchRequest(sort="document"),
            SearchRequest(query="sanctions", bodies=("Security Council",), year_from=1960),
            SearchRequest(query="development", types=("operative",), sort="newest", page=2)]


@pytest.fixture
def files():
    require_corpus()
    ga = sorted((CORPUS_DIR / "ga-resolutions").glob("*.txt"))
    sc = sorted((CORPUS_DIR / "unsc-resolutions").glob("*.txt"))
    tagged = sorted((CORPUS_DIR / "ga-with-tags").glob("*.txt"))
    return {"ga": ga, "sc": sc, "tagged": tagged}


def _segments(index_dir) -> tuple[int, int, int]:
    snapshot = Snapshot(current_generation(index_dir))
    try:
        return snapshot.segment_count, snapshot.size, snapshot.alive_count
    finally:
        snapshot.close()


def _answers(settings: Settings) -> dict:
    """What a researcher sees: totals, facets and ranked hits of several searches, the
    documents, and the citations and series computed over the whole index."""
    service = SearchService(settings)
    answers = {}
    for request in REQUESTS:
        try:
            answer = service.search(request).to_json()
            answer["index"] = {k: v for k, v in answer["index"].items() if k in ("documents", "paragraphs")}
            answers[repr(request)] = answer  # the generation id and build time differ, the counts may not
        except BadParameter as error:  # a body the index does not hold is named, on both sides
            answers[repr(request)] = {"error": error.message}
    generation = current_generation(settings.index_dir)
    for name in ("documents.json", "relations.json", "compounds.json", "files.json"):
        answers[name] = json.loads((generation / name).read_text(encoding="utf-8"))
    return answers


def _copy(paths, data):
    for path in paths:
        shutil.copy(path, data / path.name)


def test_a_run_past_the_segment_limit_rewrites_the_index_as_a_full_build_would(tmp_path, files, monkeypatch):
    monkeypatch.setattr("searchapp.indexing.rewrite.MAX_SEGMENTS", 3)
    data = tmp_path / "data"
    data.mkdir()
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    ga, sc = files["ga"], files["sc"]
    for batch in ([*SEED_FILES, *ga[:10]], ga[10:20], sc[:15]):
        _copy(batch, data)
        summary = run_index(settings)
        assert summary.rewritten == ""
    segments, size, alive = _segments(settings.index_dir)
    assert segments == 3

    (data / ga[0].name).unlink()                      # removed
    shutil.copy(ga[30], data / ga[1].name)            # replaced by another text
    _copy([*ga[40:45], *sc[20:25], files["tagged"][0]], data)  # added
    summary = run_index(settings)
    assert summary.rewritten == "it had 3 segments"
    assert summary.files_indexed == 12 and summary.files_removed == 1
    segments, size, alive = _segments(settings.index_dir)
    assert segments == 1 and size == alive == summary.paragraphs

    fresh = Settings(data_dir=data, index_dir=tmp_path / "fresh")
    run_index(fresh)
    assert _answers(settings) == _answers(fresh)


def test_a_run_that_replaces_most_paragraphs_rewrites_the_index(tmp_path, files):
    data = tmp_path / "data"
    data.mkdir()
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    texts = files["ga"][:8]
    _copy(texts, data)
    run_index(settings)
    def change(path, ending):  # the same resolution, another file content: replaced
        (data / path.name).write_text(path.read_text(encoding="utf-8") + ending, encoding="utf-8")

    change(texts[0], "\n")                            # one of eight changed: appended
    summary = run_index(settings)
    assert summary.rewritten == ""
    segments, size, alive = _segments(settings.index_dir)
    assert segments == 2 and size > alive

    for path in texts[:6]:                             # six of eight changed
        change(path, "\n\n")
    summary = run_index(settings)
    assert summary.rewritten.endswith("of its paragraphs were replaced or removed"), summary.rewritten
    segments, size, alive = _segments(settings.index_dir)
    assert segments == 1 and size == alive == summary.paragraphs
    fresh = Settings(data_dir=data, index_dir=tmp_path / "fresh")
    run_index(fresh)
    assert _answers(settings) == _answers(fresh)


def test_a_failed_rewrite_leaves_the_previous_index_searchable(tmp_path, files, monkeypatch):
    monkeypatch.setattr("searchapp.indexing.rewrite.MAX_SEGMENTS", 2)
    data = tmp_path / "data"
    data.mkdir()
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    for batch in (files["ga"][:5], files["sc"][:5]):
        _copy(batch, data)
        run_index(settings)
    before = _answers(settings)
    live = current_generation(settings.index_dir)

    def broken_commit(self):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("searchapp.engine.GenerationWriter.commit", broken_commit)
    _copy(files["sc"][5:7], data)
    with pytest.raises(OSError):
        run_index(settings)
    assert current_generation(settings.index_dir) == live
    assert not list(settings.index_dir.glob(".building-*"))
    assert _answers(settings) == before
    monkeypatch.undo()
    monkeypatch.setattr("searchapp.indexing.rewrite.MAX_SEGMENTS", 2)
    assert run_index(settings).rewritten == "it had 2 segments"


def test_the_command_says_when_it_wrote_the_index_afresh(tmp_path, files):
    """The real command in its own process, its segment limit lowered to 2 before it runs."""
    data = tmp_path / "data"
    data.mkdir()
    command = [sys.executable, "-c", "import searchapp.indexing.rewrite as r, searchapp.cli as c; "
               "r.MAX_SEGMENTS = 2; c.main()", "index", str(data), "--index", str(tmp_path / "index")]
    outputs = []
    for batch in (files["ga"][:3], files["ga"][3:5], files["sc"][:2]):
        _copy(batch, data)
        run = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout)
    assert ["afresh" in output for output in outputs] == [False, False, True]
    assert "index written afresh, not appended to: it had 2 segments" in outputs[2]
    assert "documents: 7, paragraphs:" in outputs[2]


EMPTY_INDEX_PAGES = ["/?q=impunity", '/?q="human+rights+defenders"', "/?q=defend*", "/", "/api/search?q=impunity",
                     "/api/timeline?q=impunity", "/kwic?q=impunity", "/api/kwic?q=impunity",
                     "/export.csv?q=impunity", "/export.json?q=impunity"]


@pytest.mark.parametrize("how", ["every file removed", "an empty data folder"])
def test_an_index_without_paragraphs_answers_every_page_with_nothing_found(tmp_path, how):
    """Removing every file rewrites the index with no segment at all (as indexing an empty folder
    builds it): searches must find nothing, not fail, and the next files must index."""
    data = tmp_path / "data"
    data.mkdir()
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    if how == "every file removed":
        _copy(SEED_FILES, data)
        run_index(settings)
        for path in data.iterdir():
            path.unlink()
    summary = run_index(settings)
    assert summary.documents == summary.paragraphs == 0
    assert SearchService(settings).search(SearchRequest(query="impunity")).total == 0
    with running_server(settings.index_dir) as url:
        for page in EMPTY_INDEX_PAGES:
            with urllib.request.urlopen(url + page, timeout=30) as response:
                body = response.read().decode("utf-8")
                assert response.status == 200, page
            if page.startswith("/api/search"):
                assert json.loads(body)["total"] == 0
    _copy(SEED_FILES, data)
    run_index(settings)
    assert SearchService(settings).search(SearchRequest(query="impunity")).total == 9
