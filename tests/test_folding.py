"""One definition of text folding (issue 13 §4): the parser, the analyser, citation reading and
symbol lookup fold the same characters the same way (text/folding.py)."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS_DIR
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.parsing import parse_text
from searchapp.parsing.cleanup import normalise_characters
from searchapp.research.citations import citations_in_text
from searchapp.research.symbols import symbol_candidates
from searchapp.text import analysis, folding
from searchapp.text.folding import APOSTROPHES, DASHES, HYPHENS, INVISIBLE, SPACES

PLAIN_FOR = {**dict.fromkeys(HYPHENS, "-"), **dict.fromkeys(SPACES, " "), **dict.fromkeys(APOSTROPHES, "'")}


@st.composite
def dressed(draw, plain: str, *, hyphens: str = HYPHENS, apostrophes: bool = True) -> str:
    """`plain` as a UN text may print it: each hyphen, space and apostrophe possibly one of its
    Unicode stand-ins, invisible characters slipped in anywhere."""
    out = []
    for char in plain:
        if char == "-":
            char = draw(st.sampled_from("-" + hyphens))
        elif char == " ":
            char = draw(st.sampled_from(" " + SPACES))
        elif char == "'" and apostrophes:
            char = draw(st.sampled_from("'" + APOSTROPHES))
        out.append(draw(st.sampled_from(["", "", "", *INVISIBLE])) + char)
    return "".join(out)


PROSE = st.lists(st.sampled_from([
    "non-governmental", "State's", "human rights defenders", "follow-up", "Côte d'Ivoire", "the",
    "Council", "9 December 1998", "counter-terrorism", "women's", "self-determination", ","]),
    min_size=1, max_size=12).map(" ".join)
CITING = st.lists(st.sampled_from([
    "Recalling its resolution 53/144 of 9 December 1998", "General Assembly resolution 64/163",
    "A/RES/ES-10/19", "E/CN.4/2002/106 and Add.1-2", "Human Rights Council resolution 21/12",
    "Security Council resolution 242 (1967)", "and", ","]), min_size=1, max_size=6).map(" ".join)
SYMBOLS = st.sampled_from(["A/RES/ES-10/19", "res 64/163", "E/CN.4/RES/2004/68", "S/RES/242 (1967)",
                           "A/HRC/RES/21/12", "resolution 2002/70"])


def test_every_stand_in_folds_to_its_plain_character():
    for char, plain in PLAIN_FOR.items():
        assert folding.fold_characters(f"a{char}b") == f"a{plain}b"
    for char in INVISIBLE:
        assert folding.fold_characters(f"a{char}b") == "ab" == folding.fold_symbols(f"a{char}b").text
    for char in DASHES:  # punctuation in prose, a hyphen inside a symbol
        assert folding.fold_characters(f"2004{char}2009") == f"2004{char}2009"
        assert folding.fold_symbols(f"ES{char}10").text == "ES-10"


@pytest.mark.slow
@settings(max_examples=200)
@given(st.data(), PROSE)
def test_the_analyser_reads_a_dressed_text_as_the_plain_one(data, plain):
    text = data.draw(dressed(plain))
    assert [(t.term, t.word) for t in analysis.analyse(text)] == [(t.term, t.word) for t in analysis.analyse(plain)]


@settings(max_examples=200)
@given(st.data(), PROSE)
def test_the_parser_folds_what_the_analyser_folds_and_keeps_apostrophes(data, plain):
    text = data.draw(dressed(plain))
    cleaned = normalise_characters(text)
    # Hyphens, spaces and invisible characters are folded as the analyser folds them; apostrophes
    # stay as printed in the stored text, and the analyser then reads them alike.
    assert re.sub(f"[{APOSTROPHES}]", "'", cleaned) == plain
    assert analysis.normalise_text(cleaned) == analysis.normalise_text(text) == plain


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_a_dressed_resolution_parses_to_the_same_paragraphs(data):
    plain = (SEEDS_DIR / "001_e96ac3747fac99ba.txt").read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(plain) - 400))
    piece = plain[start:start + 400].replace("\n", "\0")  # line breaks kept as they are
    text = plain[:start] + data.draw(dressed(piece, apostrophes=False)).replace("\0", "\n") + plain[start + 400:]
    before, after = parse_text(plain, "seed.txt"), parse_text(text, "seed.txt")
    assert (after.symbol, after.date, after.meeting) == (before.symbol, before.date, before.meeting)
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]


@pytest.mark.slow
@settings(max_examples=200)
@given(st.data(), CITING, st.sampled_from([None, "General Assembly", "Commission on Human Rights"]))
def test_citations_are_read_alike_whatever_hyphens_spaces_and_invisible_characters(data, plain, body):
    text = data.draw(dressed(plain, hyphens=HYPHENS + DASHES))
    assert [c.symbol for c in citations_in_text(text, body)] == [c.symbol for c in citations_in_text(plain, body)]


@settings(max_examples=200)
@given(st.data(), SYMBOLS)
def test_symbol_lookup_reads_a_dressed_symbol_as_the_plain_one(data, plain):
    assert symbol_candidates(data.draw(dressed(plain, hyphens=HYPHENS + DASHES))) == symbol_candidates(plain)


def test_citations_quote_the_text_as_printed():
    text = "Recalling its resolution 53/1\u206044 of 9\u00a0December 1998"
    [citation] = citations_in_text(text, "General Assembly")
    assert citation.symbol == "A/RES/53/144"
    assert citation.matched_text == "its resolution 53/1\u206044"


def test_one_list_of_month_names():
    from searchapp.parsing import languages, metadata
    from searchapp.research import citations

    assert list(metadata.MONTHS) == list(folding.MONTHS) == languages.MONTHS_BY_LANGUAGE["en"]
    assert folding.MONTH_PATTERN in citations._DATE
