"""Issue 19 §4: did-you-mean offers only queries that find something, never corrects a number,
and never turns a word into an operator or function word ("our impunity" -> "or impunity")."""

from __future__ import annotations

from searchapp.engine.evaluate import STOP_WORDS
from searchapp.search.request import SearchRequest
from searchapp.search.service import did_you_mean


def test_every_suggestion_of_the_service_finds_paragraphs(corpus_service):
    result = corpus_service.search(SearchRequest(query="impunty journlists"))
    assert result.total == 0 and result.suggestions
    for suggestion in result.suggestions:
        assert corpus_service.count(SearchRequest(query=suggestion)) > 0, suggestion


def test_a_correction_without_hits_is_not_offered(corpus_service):
    snapshot = corpus_service.handle.snapshot()
    assert did_you_mean(snapshot, "impunty", has_hits=lambda q: True)
    assert did_you_mean(snapshot, "impunty", has_hits=lambda q: False) == []


def test_numbers_are_never_corrected(seed_service):
    """The seeds print 1998 (resolution 53/144 of 9 December 1998) but never 1997."""
    snapshot = seed_service.handle.snapshot()
    assert snapshot.has_term("exact", "1998") and not snapshot.has_term("exact", "1997")
    suggestions = did_you_mean(snapshot, "defendrs 1997", has_hits=lambda q: True)
    assert suggestions and all(s.endswith(" 1997") for s in suggestions), suggestions


def test_no_word_becomes_an_operator_or_function_word(corpus_service):
    snapshot = corpus_service.handle.snapshot()
    suggestions = did_you_mean(snapshot, "oor impunity", has_hits=lambda q: True)
    assert all(s.split()[0].lower() not in STOP_WORDS for s in suggestions), suggestions
    result = corpus_service.search(SearchRequest(query="our impunity"))
    assert all(not s.lower().startswith("or ") for s in result.suggestions)
