"""Symbol lookup: what researchers type -> the canonical symbols to look up, most likely first."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchapp.research.symbols import (
    SymbolDictionary,
    looks_like_symbol,
    resolve_symbol,
    symbol_candidates,
    symbol_dictionary,
)


@pytest.mark.parametrize("typed, expected", [
    ("A/RES/64/163", ["A/RES/64/163"]),
    ("a/res/64/163", ["A/RES/64/163"]),
    ("64/163", ["A/RES/64/163", "A/HRC/RES/64/163"]),
    ("res 64/163", ["A/RES/64/163", "A/HRC/RES/64/163"]),
    ("resolution 64/163", ["A/RES/64/163", "A/HRC/RES/64/163"]),
    ("GA res 64/163", ["A/RES/64/163"]),
    ("res 2004/68", ["E/CN.4/RES/2004/68", "E/RES/2004/68"]),
    ("2004/68", ["E/CN.4/RES/2004/68", "E/RES/2004/68"]),
    ("E/CN.4/RES/2004/68", ["E/CN.4/RES/2004/68"]),
    ("Commission resolution 2002/70", ["E/CN.4/RES/2002/70"]),
    ("A/HRC/RES/7/8", ["A/HRC/RES/7/8"]),
    ("HRC res 7/8", ["A/HRC/RES/7/8"]),
    ("Human Rights Council resolution 7/8", ["A/HRC/RES/7/8"]),
    ("S/RES/300 (1971)", ["S/RES/300 (1971)"]),
    ("S/RES/300", ["S/RES/300"]),
    ("SC res 300", ["S/RES/300"]),
    ("resolution 300 (1971)", ["S/RES/300 (1971)"]),
    ("resolution 1325", ["S/RES/1325"]),
    ("A/RES/217 A (III)", ["A/RES/217 A (III)"]),
    ("ECOSOC res 1996/31", ["E/RES/1996/31"]),
    ("A/RES/ES-10/19", ["A/RES/ES-10/19"]),
])
def test_common_ways_of_typing_a_symbol(typed, expected):
    assert symbol_candidates(typed) == expected


def test_a_commission_document_symbol_is_not_turned_into_a_resolution():
    # E/CN.4/2004/68 is a document of the 2004 session, not resolution 2004/68.
    assert symbol_candidates("E/CN.4/2004/68") == ["E/CN.4/2004/68"]


def test_report_symbols_keep_their_addendum_and_part_spelling():
    assert symbol_candidates("a/64/439/add.2 (part ii)") == ["A/64/439/Add.2 (Part II)"]
    assert symbol_candidates("A/56/341") == ["A/56/341"]


def test_early_sessions_put_the_human_rights_council_first():
    # The Assembly numbered "N/M" only from its 31st session; 7/8 is a Council resolution.
    assert symbol_candidates("7/8") == ["A/HRC/RES/7/8", "A/RES/7/8"]


def test_a_year_after_the_commission_is_an_ecosoc_resolution():
    assert symbol_candidates("2010/5") == ["E/RES/2010/5"]


def test_unicode_hyphens_and_spaces_from_copy_paste_are_understood():
    assert symbol_candidates("A/RES/ES\u201110/19") == ["A/RES/ES-10/19"]
    assert symbol_candidates("res\u00a064/163")[0] == "A/RES/64/163"


@pytest.mark.parametrize("query", ["impunity", "human rights", "300", "defenders 2004",
                                   "", "   ", "a", "the", "resolution", "64/163 impunity"])
def test_ordinary_queries_are_not_symbols(query):
    assert symbol_candidates(query) == []
    assert not looks_like_symbol(query)


@pytest.mark.parametrize("query", ["64/163", "2004/68", "S/RES/300", "HRC res 7/8"])
def test_symbols_look_like_symbols(query):
    assert looks_like_symbol(query)


def test_resolve_picks_the_first_candidate_the_index_holds():
    indexed = ["A/HRC/RES/64/163", "E/CN.4/RES/2004/68", "S/RES/300 (1971)"]
    assert resolve_symbol("64/163", indexed) == "A/HRC/RES/64/163"
    assert resolve_symbol("2004/68", indexed) == "E/CN.4/RES/2004/68"
    assert resolve_symbol("e/cn.4/res/2004/68", indexed) == "E/CN.4/RES/2004/68"


def test_a_yearless_security_council_symbol_finds_the_indexed_one_with_its_year():
    assert resolve_symbol("SC res 300", ["S/RES/3 (1946)", "S/RES/300 (1971)"]) == "S/RES/300 (1971)"
    assert resolve_symbol("SC res 30", ["S/RES/300 (1971)"]) is None


def test_nothing_is_resolved_for_an_ordinary_query():
    assert resolve_symbol("impunity", ["A/RES/64/163"]) is None


@given(st.text(max_size=60))
def test_the_normaliser_never_crashes(text):
    assert isinstance(symbol_candidates(text), list)


_SYMBOLISH = st.text(alphabet="AaEeSsRr/CN.4 HRC0123456789()-IVX", max_size=30)


@given(st.one_of(st.text(max_size=40), _SYMBOLISH))
def test_every_candidate_is_already_canonical(text):
    for candidate in symbol_candidates(text):
        assert symbol_candidates(candidate)[0] == candidate


def test_of_two_council_texts_with_one_number_the_first_in_order_is_found():
    assert resolve_symbol("SC res 300", ["S/RES/300 (1972)", "S/RES/300 (1971)"]) == "S/RES/300 (1971)"
    assert SymbolDictionary(["s/res/300 (1971)"]).resolve("S/RES/300") == "s/res/300 (1971)"


def test_an_index_generation_arranges_its_symbols_once(seed_service):
    snapshot = seed_service.handle.snapshot()
    dictionary = symbol_dictionary(snapshot)
    assert symbol_dictionary(snapshot) is dictionary  # kept with the generation, not rebuilt per lookup
    assert sorted(dictionary.symbols) == ["A/RES/64/163", "E/CN.4/RES/2002/70", "E/CN.4/RES/2004/68"]
    assert seed_service.lookup("64/163") == "A/RES/64/163"
    assert seed_service.lookup("res 2004/68") == "E/CN.4/RES/2004/68"
    assert seed_service.lookup("impunity") is None
