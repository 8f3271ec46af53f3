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


TWIN = "A_RES_78_221.txt"  # 109 paragraphs in both copies: the tie goes to the tagged one


def _two_folders(data, corpus):
    for folder in ("ga-resolutions", "ga-with-tags"):
        (data / folder).mkdir(parents=True)
        shutil.copy(corpus / folder / TWIN, data / folder / TWIN)


def _indexed(settings):
    """The kept document's source, tags, paragraph count, the paragraphs a search by its first
    tag finds and those a word finds over the whole index."""
    service = SearchService(settings)
    document = service.document("A/RES/78/221")
    by_tag = service.search(SearchRequest(tags=(document.tags[0],))).total if document.tags else 0
    return (document.source, list(document.tags), len(document.paragraphs), by_tag,
            service.search(SearchRequest("Crimea")).total)


@pytest.mark.parametrize("first, then", [("ga-resolutions", "ga-with-tags"),
                                         ("ga-with-tags", "ga-resolutions")])
def test_adding_a_copy_later_keeps_the_same_copy_as_a_rebuild(tmp_path, first, then):
    corpus = require_corpus()
    header = (corpus / "ga-with-tags" / TWIN).read_text(encoding="utf-8").splitlines()[0]
    tags = [t for t in header.removeprefix("%%%").split("|") if t]
    rebuilt_data, added_data = tmp_path / "rebuilt" / "data", tmp_path / "added" / "data"
    _two_folders(rebuilt_data, corpus)
    _two_folders(added_data, corpus)
    rebuilt = settings_for(tmp_path / "rebuilt", rebuilt_data)
    run_index(rebuilt, rebuild=True)
    added = settings_for(tmp_path / "added", added_data)
    run_index(added, [added_data / first])
    summary = run_index(added, [added_data / then])

    assert summary.documents == 1
    # the tagged copy is written when it comes second; when it came first, it stays as indexed
    assert summary.files_indexed == (1 if then == "ga-with-tags" else 0)
    loser = "ga-resolutions" if first == "ga-resolutions" else then
    [duplicate] = summary.duplicates  # said once, naming the copy kept
    assert duplicate.path == f"{loser}/{TWIN}"
    assert f"duplicate of A/RES/78/221: kept ga-with-tags/{TWIN} (" in duplicate.reason
    source, kept_tags, paragraphs, by_tag, crimea = _indexed(added)
    assert (source, kept_tags) == (f"ga-with-tags/{TWIN}", tags)
    assert by_tag == paragraphs  # every paragraph of the one copy, none of the other left behind
    assert (source, kept_tags, paragraphs, by_tag, crimea) == _indexed(rebuilt)
    assert summary.paragraphs == paragraphs
