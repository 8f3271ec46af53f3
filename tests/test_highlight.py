"""Highlighting as plain text: what gets <mark>, and that nothing else is unescaped."""

import pytest

from searchapp.search.highlight import highlight
from searchapp.text.analysis import stem


def test_stemmed_match_marks_the_printed_word():
    assert highlight("Human rights defenders persist", {stem("defender")}, set()) == \
        "Human rights <mark>defenders</mark> persist"


def test_phrase_is_marked_as_one_span_and_only_where_it_stands():
    text = "human rights and the rights defenders, human rights defenders"
    phrase = tuple(stem(w) for w in ("human", "rights", "defenders"))
    assert highlight(text, set(), set(), [phrase]) == \
        "human rights and the rights defenders, <mark>human rights defenders</mark>"


def test_compound_found_by_its_joined_form_is_marked_whole():
    assert highlight("non\u2011governmental bodies", {stem("nongovernmental")}, set()) == \
        "<mark>non-governmental</mark> bodies"


def test_everything_else_is_escaped():
    html = highlight("<script>alert('impunity')</script> & impunity", {stem("impunity")}, set())
    assert "<script>" not in html
    assert html == "&lt;script&gt;alert('<mark>impunity</mark>')&lt;/script&gt; &amp; <mark>impunity</mark>"


def test_exact_words_mark_only_that_form():
    assert highlight("defender and defenders", set(), {"defenders"}) == "defender and <mark>defenders</mark>"


def _reference_spans(text, stems, words, phrases):
    """The highlighter's definition, word by word through the whole analysis chain."""
    from searchapp.text.analysis import analyse
    terms = analyse(text)
    spans = [(t.start, t.end) for t in terms if t.term in stems or t.word in words]
    sequence = [t for t in terms if not t.joined]
    for phrase in phrases:
        for i in range(len(sequence) - len(phrase) + 1):
            if tuple(t.term for t in sequence[i:i + len(phrase)]) == phrase:
                spans.append((sequence[i].start, sequence[i + len(phrase) - 1].end))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@pytest.mark.slow
def test_fast_spans_equal_the_word_by_word_definition():
    """The white-space pieces path and the phrases read from their first word give exactly
    the spans of the full analysis, on real paragraphs with compounds, apostrophes and U+2011."""
    import random

    from conftest import CORPUS_DIR, SEED_FILES, require_corpus

    from searchapp.parsing import parse_file
    from searchapp.search.highlight import marked_spans
    from searchapp.text.analysis import analyse
    require_corpus()
    files = list(SEED_FILES) + sorted((CORPUS_DIR / "ga-resolutions").glob("*.txt"))[:25]
    paragraphs = [p.text for f in files for p in parse_file(f).paragraphs]
    rng = random.Random(7)
    checked = 0
    for text in paragraphs:
        terms = analyse(text)
        if len(terms) < 4:
            continue
        picked = rng.sample(terms, 3)
        stems = {picked[0].term, "impunity"}
        words = {picked[1].word}
        start = rng.randrange(len([t for t in terms if not t.joined]) - 1)
        sequence = [t for t in terms if not t.joined]
        for phrases in ([], [(sequence[start].term, sequence[start + 1].term)], [("nosuch", "phrase")]):
            assert marked_spans(text, stems, words, phrases) == _reference_spans(text, stems, words, phrases)
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize("text, stems, words, phrases", [
    # a spelling inside a longer word is no mark; its repeats each are
    ("non-impunity, postimpunity, impunityless, impunity; impunity's end (impunity)", {"impunity"}, set(), []),
    # a phrase starting in the second part of a compound, and running across one
    ("the human-rights defenders and human rights-defenders met human rights defenders",
     set(), set(), [("human", "right", "defender"), ("right", "defender")]),
    # the same piece twice, one phrase ending the text, a word of the phrase marked alone too
    ("sexual violence. Sexual violence, sexual and violence sexual violence", {"violence"}, set(),
     [("sexual", "violence")]),
    # a phrase's first word where the text ends: nothing to read after it
    ("calls for an end to impunity", {"end"}, set(), [("impunity", "for")]),
    # apostrophes and hyphens of every kind, spaces other than the plain one
    ("Côte d’Ivoire\u00a0and Cote d'Ivoire, non\u2011governmental\u2009organizations", {"ivoire"}, {"organizations"},
     [("nongovernmental", "organization"), ("non", "governmental", "organization")]),
])
def test_pieces_and_phrases_mark_what_the_word_by_word_definition_marks(text, stems, words, phrases):
    """The highlighter splits a paragraph at white space and reads phrases from their first
    word on; whatever the text, it marks what the full analysis word by word marks."""
    from searchapp.search.highlight import marked_spans
    phrases = [tuple(stem(w) for w in phrase) for phrase in phrases]
    stems = {stem(w) for w in stems}
    expected = _reference_spans(text, stems, words, phrases)
    assert expected, "each case marks something"
    assert marked_spans(text, stems, words, phrases) == expected
