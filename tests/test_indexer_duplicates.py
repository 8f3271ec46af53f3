"""Two files with one symbol: the corpus holds 54 General Assembly texts twice (as printed, and as a
one-line copy with real subject tags). One document is indexed, the report says which file won
and why, and the subject tags survive whichever copy wins."""

from __future__ import annotations

import shutil

import pytest
from conftest import require_corpus, settings_for

from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

NAME = "A_RES_78_171.txt"


def test_the_printed_text_wins_and_keeps_the_tagged_copys_tags(tmp_path):
    corpus = require_corpus()
    data = tmp_path / "data"
    for folder in ("ga-resolutions", "ga-with-tags"):
        (data / folder).mkdir(parents=True)
        shutil.copy(corpus / folder / NAME, data / folder / NAME)
    header = (corpus / "ga-with-tags" / NAME).read_text(encoding="utf-8").splitlines()[0]
    tags = [t for t in header.removeprefix("%%%").split("|") if t]
    summary = run_index(settings_for(tmp_path, data))
    assert summary.documents == 1
    assert summary.skipped == []  # a duplicate is not a failure
    [skipped] = summary.duplicates
    assert skipped.path.endswith(f"ga-with-tags/{NAME}") or skipped.path.endswith(f"ga-resolutions/{NAME}")
    assert "duplicate of A/RES/78/171: kept" in skipped.reason
    service = SearchService(settings_for(tmp_path, data))
    document = service.document("A/RES/78/171")
    assert list(document.tags) == tags
    assert service.search(SearchRequest(tags=(document.tags[0],))).total == len(document.paragraphs)
