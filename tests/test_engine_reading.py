"""Snapshot reads stored fields straight from each segment; across several segments (an index
grown by incremental runs, with a deletion) it must return what Whoosh's reader returns."""

from __future__ import annotations

import shutil

import pytest
from conftest import copy_seeds, require_corpus, settings_for

from searchapp.engine import IndexHandle
from searchapp.indexing.run import run_index

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`


def test_stored_fields_match_whoosh_across_segments(tmp_path):
    corpus = require_corpus()
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    for name in ("A_RES_78_225.txt", "A_RES_78_226.txt"):
        shutil.copy(corpus / "ga-resolutions" / name, data / name)
    run_index(settings)
    (data / "A_RES_78_225.txt").unlink()  # a deletion leaves a dead document behind
    run_index(settings)
    snapshot = IndexHandle(settings.index_dir).snapshot()
    assert len(snapshot.segments) >= 2
    for docnum in range(snapshot.size):
        assert snapshot.stored(docnum) == snapshot.reader.stored_fields(docnum)


def test_anchors_stay_unique_when_the_numbering_restarts(tmp_path):
    """A/RES/78/253 numbers the paragraphs of each budget section from 1: the second "1." is
    op1-2 on the document page, in hits and in citations, never a second "op1"."""
    corpus = require_corpus()
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(corpus / "ga-resolutions" / "A_RES_78_253.txt", data)
    settings = settings_for(tmp_path, data)
    run_index(settings)
    from searchapp.search.request import SearchRequest
    from searchapp.search.service import SearchService
    service = SearchService(settings)
    document = service.document("A/RES/78/253")
    anchors = [p.anchor for p in document.paragraphs]
    assert len(anchors) == len(set(anchors))
    assert "op1" in anchors and "op1-2" in anchors
    hits = list(service.iter_hits(SearchRequest(query="", per_page=100)))
    assert sorted(h.anchor for h in hits) == sorted(anchors)
