"""Highlighting as plain text: what gets <mark>, and that nothing else is unescaped."""

from searchapp.analysis import stem
from searchapp.highlight import highlight


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
