"""Citations: which resolutions and documents a resolution cites, as canonical symbols.

The seed expectations below come from reading the three seed texts (data/*.txt).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_64_163, SEED_2002_70, SEED_2004_68

from searchapp.models import (
    COMMISSION,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    PREAMBULAR,
    SECURITY_COUNCIL,
    Document,
    Paragraph,
)
from searchapp.research.citations import (
    DOCUMENT,
    RESOLUTION,
    Citation,
    citations_in_text,
    cited_symbols,
    extract_citations,
)


def symbols_in(text: str, body: str) -> list[str]:
    return [c.symbol for c in citations_in_text(text, body)]


def document(symbol: str, body: str, *texts: str) -> Document:
    paragraphs = [Paragraph(symbol, PREAMBULAR, i + 1, i, "", text) for i, text in enumerate(texts)]
    return Document(symbol, body, "A title", None, None, None, "test", paragraphs=paragraphs)


# --- one citation form at a time -------------------------------------------------------------

def test_a_general_assembly_resolution_with_its_date():
    text = "Recalling General Assembly resolution 53/144 of 9 December 1998, by which the Assembly"
    [citation] = citations_in_text(text, COMMISSION)
    assert citation.symbol == "A/RES/53/144"
    assert citation.kind == RESOLUTION
    assert citation.matched_text == "General Assembly resolution 53/144"


def test_its_resolution_in_a_commission_text_is_a_commission_resolution():
    text = "in particular its resolution 2003/64 of 24 April 2003"
    assert symbols_in(text, COMMISSION) == ["E/CN.4/RES/2003/64"]


def test_its_resolution_takes_the_citing_body():
    assert symbols_in("Recalling its resolution 62/152 of 18 December 2007", GENERAL_ASSEMBLY) \
        == ["A/RES/62/152"]
    assert symbols_in("Recalling its resolution 7/8 of 27 March 2008", HUMAN_RIGHTS_COUNCIL) \
        == ["A/HRC/RES/7/8"]


def test_the_commission_quoting_assembly_resolution_53_144_as_its_own():
    # 2002/70 says "its resolution 53/144 ... by which the Assembly adopted": the Commission never
    # numbered NN/NNN, so it is the Assembly's resolution.
    text = "Recalling its resolution 53/144 of 9 December 1998 by which the Assembly adopted"
    assert symbols_in(text, COMMISSION) == ["A/RES/53/144"]


def test_a_human_rights_council_resolution_cited_by_the_assembly():
    text = "Human Rights Council resolution 7/8 of 27 March 2008"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/HRC/RES/7/8"]


def test_a_list_of_resolutions_with_dates_between_them():
    text = "Recalling its resolutions 49/18 of 1 April 2022 and 52/4 of 4 April 2023,"
    assert symbols_in(text, HUMAN_RIGHTS_COUNCIL) == ["A/HRC/RES/49/18", "A/HRC/RES/52/4"]
    text = "Human Rights Council resolutions 49/18 of 1 April 2022 and 52/4"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/HRC/RES/49/18", "A/HRC/RES/52/4"]


def test_a_list_gives_every_member_with_its_dates_between_them():
    text = "Recalling its resolutions 78/33 of 18 December 2023 and 79/32 of 2 December 2024,"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/RES/78/33", "A/RES/79/32"]


def test_a_body_named_once_is_distributed_over_its_list():
    text = "Recalling Council resolutions 21/12, 24/16 and 27/5,"
    assert symbols_in(text, HUMAN_RIGHTS_COUNCIL) == ["A/HRC/RES/21/12", "A/HRC/RES/24/16", "A/HRC/RES/27/5"]
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/HRC/RES/21/12", "A/HRC/RES/24/16", "A/HRC/RES/27/5"]


def test_a_list_goes_on_over_words_about_each_member_until_another_body_is_named():
    # A/RES/80/217 pp4 (shortened), a footnote marker still glued after "2014,".
    text = ("Recalling also Human Rights Council resolutions 21/12 of 27 September 2012, 27/5 of "
            "25 September 2014,7 33/2 of 29 September 2016 on the safety of journalists, 57/10 of "
            "9 October 2024 on the World Programme for Human Rights Education, Security Council "
            "resolutions 1325 (2000) of 31 October 2000 on women and peace and security, 1738 (2006) "
            "of 23 December 2006, and Economic and Social Council resolution 2025/4 of 10 June 2025,")
    assert symbols_in(text, GENERAL_ASSEMBLY) == [
        "A/HRC/RES/21/12", "A/HRC/RES/27/5", "A/HRC/RES/33/2", "A/HRC/RES/57/10",
        "S/RES/1325 (2000)", "S/RES/1738 (2006)", "E/RES/2025/4"]


def test_a_list_with_a_missing_comma_or_long_quoted_titles_between_its_members():
    # A/RES/79/49 pp2 prints "2018 75/42"; A/RES/79/189 pp4 quotes each member's title.
    text = "its resolutions 73/38 of 5 December 2018 75/42 of 7 December 2020 and 77/49 of 7 December 2022"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/RES/73/38", "A/RES/75/42", "A/RES/77/49"]
    title = "“" + "Strengthening and promoting effective measures " * 8 + "”"
    text = f"its resolutions 73/189 of 17 December 2018, entitled {title}, 74/176 of 18 December 2019"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/RES/73/189", "A/RES/74/176"]


def test_a_clause_names_the_body_of_the_list_that_follows():
    text = ("and recalling the resolutions and decisions of the Human Rights Council, the most "
            "recent of which being resolutions 53/26 of 14 July 2023 and S-29/1 of 12 February 2021")
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/HRC/RES/53/26", "A/HRC/RES/S-29/1"]
    text = "Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14 of 27 September 2013"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/HRC/RES/24/14"]


def test_decisions_in_a_list_are_not_resolutions():
    text = ("its resolution 74/276 of 1 June 2020 and decision 74/568 of 31 August 2020, and its "
            "resolutions 60/74 of 8 December 2005 and 61/72")
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/RES/74/276", "A/RES/60/74", "A/RES/61/72"]


def test_lettered_texts_keep_their_letter():
    text = "Recalling its resolutions 49/75 K of 15 December 1994, 53/77 AA of 4 December 1998 and 76/84 A and B"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/RES/49/75 K", "A/RES/53/77 AA", "A/RES/76/84 A",
                                                  "A/RES/76/84 B"]
    assert symbols_in("Endorses General Assembly resolution 31/6 A, which", SECURITY_COUNCIL) == ["A/RES/31/6 A"]


def test_roman_numbered_sessions_belong_to_their_body():
    assert symbols_in("Council resolution 1503 (XLVIII)", GENERAL_ASSEMBLY) == ["E/RES/1503 (XLVIII)"]
    assert symbols_in("Economic and Social Council resolution 2008 (LX) of 14 May 1976", GENERAL_ASSEMBLY) \
        == ["E/RES/2008 (LX)"]
    text = "its resolutions 1514 (XV) of 14 December 1960, containing the Declaration, and 2625 (XXV)"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/RES/1514 (XV)", "A/RES/2625 (XXV)"]


def test_old_special_and_emergency_special_sessions():
    assert symbols_in("General Assembly resolution 186 (S-2) of 14 May 1948", SECURITY_COUNCIL) \
        == ["A/RES/186 (S-2)"]
    assert symbols_in("its resolutions 2252 (ES-V) of 4 July 1967 and 2341 B (XXII)", GENERAL_ASSEMBLY) \
        == ["A/RES/2252 (ES-V)", "A/RES/2341 B (XXII)"]


def test_ocr_slips_of_the_security_council_volumes():
    text = "General Assembly resolutions I (1) of 24 January 1946 and 41 (1), its resolutions 209 (1965), 210(1965)"
    assert symbols_in(text, SECURITY_COUNCIL) == ["A/RES/1 (I)", "A/RES/41 (I)", "S/RES/209 (1965)",
                                                  "S/RES/210 (1965)"]
    assert symbols_in("resolution 41 (1)", GENERAL_ASSEMBLY) == []  # "(1)" is no session in a modern text


def test_other_organizations_resolutions_are_not_un_symbols():
    for text in ("Conference resolution 6/1 of 6 November 2015",
                 "Taking note of Trusteeship Council resolution 2183 (LIII) of 28 May 1986",
                 "resolution 3/1 of 13 November 2009 of the Conference of the States Parties",
                 "Commission on the Status of Women resolutions 51/2 of 9 March 2007",
                 "United Nations Environment Assembly resolutions 1/7 of 27 June 2014 and 2/21",
                 "as mandated by the United Nations Environment Assembly in its resolution 5/8 of 2 March 2022",
                 ("the adoption by the Economic Commission for Latin America and the Caribbean of its "
                  "resolution 574 (XXVII) of 16 May 1998")):
        assert symbols_in(text, GENERAL_ASSEMBLY) == [], text
    assert symbols_in("as decided by the Human Rights Council in its resolution 5/1", GENERAL_ASSEMBLY) \
        == ["A/HRC/RES/5/1"]


def test_security_council_resolutions_carry_their_year():
    assert symbols_in("Recalling resolution 242 (1967)", SECURITY_COUNCIL) == ["S/RES/242 (1967)"]
    text = "Reaffirming its resolutions 1325 (2000), 1820 (2008) and 1888 (2009)"
    assert symbols_in(text, SECURITY_COUNCIL) == ["S/RES/1325 (2000)", "S/RES/1820 (2008)",
                                                  "S/RES/1888 (2009)"]
    assert symbols_in("Security Council resolution 1325 (2000)", GENERAL_ASSEMBLY) \
        == ["S/RES/1325 (2000)"]


def test_old_assembly_resolutions_with_a_roman_session():
    text = "the Universal Declaration of Human Rights, resolution 217 A (III)"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/RES/217 A (III)"]
    text = "Economic and Social Council resolution 1503 (XLVIII) of 27 May 1970"
    assert symbols_in(text, COMMISSION) == ["E/RES/1503 (XLVIII)"]


def test_report_symbols_are_documents():
    [citation] = citations_in_text("the report of the Secretary-General (A/56/341);")
    assert (citation.symbol, citation.kind) == ("A/56/341", DOCUMENT)


def test_addenda_named_after_a_report_are_part_of_that_report():
    [citation] = citations_in_text("E/CN.4/2002/106 and Add.1\u20112", COMMISSION)
    assert citation.symbol == "E/CN.4/2002/106"
    assert citation.addenda == ("Add.1", "Add.2")
    assert citation.matched_text == "E/CN.4/2002/106 and Add.1\u20112"
    [citation] = citations_in_text("E/CN.4/2003/104 and Add.1-4")
    assert citation.addenda == ("Add.1", "Add.2", "Add.3", "Add.4")


def test_an_addendum_and_part_in_the_symbol_itself_is_a_document_of_its_own():
    text = "[on the report of the Third Committee (A/64/439/Add.2 (Part II))]"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["A/64/439/Add.2 (Part II)"]


def test_full_resolution_symbols_in_text_are_resolutions():
    citations = citations_in_text("see A/RES/60/251 and S/RES/242 (1967).")
    assert [(c.symbol, c.kind) for c in citations] == [("A/RES/60/251", RESOLUTION),
                                                        ("S/RES/242 (1967)", RESOLUTION)]


def test_things_that_are_not_symbols():
    text = ("in accordance with article 4 of the Covenant, general comment No. 29 (2001), "
            "on 24 July 2001, 2/3 of the members, and/or 50 per cent")
    assert citations_in_text(text, COMMISSION) == []


# --- whole documents ---------------------------------------------------------------------------

def test_each_symbol_once_in_order_of_first_appearance_with_its_paragraph():
    doc = document("A/RES/64/163", GENERAL_ASSEMBLY,
                   "Recalling its resolution 53/144 and the report A/56/341,",
                   "Recalling also its resolution 53/144 and Human Rights Council resolution 7/8,")
    citations = extract_citations(doc)
    assert [(c.symbol, c.position, c.anchor) for c in citations] == [
        ("A/RES/53/144", 0, "pp1"), ("A/56/341", 0, "pp1"), ("A/HRC/RES/7/8", 1, "pp2")]
    assert all(isinstance(c, Citation) for c in citations)


def test_a_document_never_cites_itself():
    doc = document("E/CN.4/RES/2004/68", COMMISSION,
                   "Recalling its resolution 2004/68 and its resolution 2003/64,")
    assert cited_symbols(doc) == ["E/CN.4/RES/2003/64"]


def test_citations_are_frozen_and_serialisable():
    [citation] = extract_citations(document("X", GENERAL_ASSEMBLY, "resolution 53/144"))
    with pytest.raises(AttributeError):
        citation.symbol = "other"  # type: ignore[misc]
    assert citation.to_json()["symbol"] == "A/RES/53/144"


# --- the seeds, whole files (no parser needed): every symbol printed anywhere in the file -------

def test_every_symbol_printed_in_the_2004_68_file():
    assert symbols_in(SEED_2004_68.read_text(encoding="utf-8"), COMMISSION) == [
        "A/RES/53/144", "E/CN.4/RES/2003/64", "A/RES/58/178",
        "E/CN.4/2001/94", "A/56/341", "E/CN.4/2002/106", "A/57/182", "E/CN.4/2003/104",
        "A/58/380", "E/CN.4/2004/94",
        "E/2004/23", "E/CN.4/2004/127",  # the adoption note: "See chap. XVII.- E/2004/23 – ..."
    ]


def test_every_symbol_printed_in_the_2002_70_file():
    assert symbols_in(SEED_2002_70.read_text(encoding="utf-8"), COMMISSION) == [
        "E/CN.4/RES/2002/70",  # its own heading "Human Rights resolution 2002/70"
        "A/RES/53/144", "E/CN.4/RES/2001/64",
        "E/CN.4/2001/94", "A/56/341", "E/CN.4/2002/106",
        "E/2002/23", "E/CN.4/2002/200",  # the adoption note
    ]


def test_every_symbol_printed_in_the_64_163_file():
    assert symbols_in(SEED_64_163.read_text(encoding="utf-8"), GENERAL_ASSEMBLY) == [
        "A/64/439/Add.2 (Part II)",  # the Third Committee report in the masthead
        "A/RES/53/144", "A/RES/62/152", "A/HRC/RES/7/8",
    ]


# --- the seeds, parsed: paragraph citations only -------------------------------------------------

def parse_seed(path: Path) -> Document:
    parsing = pytest.importorskip("searchapp.parsing", reason="the parser has not landed yet")
    return parsing.parse_file(path)


def test_citations_of_2004_68():
    doc = parse_seed(SEED_2004_68)
    citations = extract_citations(doc)
    assert [c.symbol for c in citations] == [
        "A/RES/53/144", "E/CN.4/RES/2003/64", "A/RES/58/178",
        "E/CN.4/2001/94", "A/56/341", "E/CN.4/2002/106", "A/57/182", "E/CN.4/2003/104",
        "A/58/380", "E/CN.4/2004/94"]
    anchors = {c.symbol: c.anchor for c in citations}
    assert anchors["A/RES/53/144"] == "pp1"
    assert anchors["E/CN.4/RES/2003/64"] == anchors["A/RES/58/178"] == "pp3"
    assert anchors["A/58/380"] == "op2"
    addenda = {c.symbol: c.addenda for c in citations}
    assert addenda["E/CN.4/2004/94"] == ("Add.1", "Add.2", "Add.3")


def test_citations_of_2002_70():
    doc = parse_seed(SEED_2002_70)
    assert cited_symbols(doc) == ["A/RES/53/144", "E/CN.4/RES/2001/64",
                                  "E/CN.4/2001/94", "A/56/341", "E/CN.4/2002/106"]


def test_citations_of_64_163():
    doc = parse_seed(SEED_64_163)
    assert cited_symbols(doc) == ["A/RES/53/144", "A/RES/62/152", "A/HRC/RES/7/8"]
    anchors = [c.anchor for c in extract_citations(doc)]
    assert anchors == ["pp1", "pp2", "pp2"]


def test_every_seed_cites_the_declaration_resolution_53_144():
    for path in (SEED_2004_68, SEED_2002_70, SEED_64_163):
        assert "A/RES/53/144" in cited_symbols(parse_seed(path))


def test_body_names_broken_across_pdf_lines():
    text = "Economic and Social\nCouncil resolution 1980/67 and Human Rights\nCouncil resolution 44/20"
    assert symbols_in(text, GENERAL_ASSEMBLY) == ["E/RES/1980/67", "A/HRC/RES/44/20"]


def test_treaty_conference_decisions_are_not_un_symbols():
    assert symbols_in("decision IX/9 of the Conference of the Parties", GENERAL_ASSEMBLY) == []


def test_special_session_resolutions():
    assert symbols_in("resolution S-10/2 and resolution ES-10/25", GENERAL_ASSEMBLY) == [
        "A/RES/S-10/2", "A/RES/ES-10/25"]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CITATIONISH = st.lists(st.sampled_from(
    ["resolution", "resolutions", "its", "General Assembly", "Council", "53/144", "S-10/2",
     "242 (1967)", "217 A (III)", "and", ",", "of 9 December 1998", "A/56/341", "Add.1-2",
     "E/CN.4/2002/106", "(Part II)", "\u2011", "\n", "2003/64"]), max_size=20).map(" ".join)


@given(st.one_of(st.text(max_size=200), _CITATIONISH),
       st.sampled_from([None, COMMISSION, GENERAL_ASSEMBLY, HUMAN_RIGHTS_COUNCIL, SECURITY_COUNCIL]))
def test_extraction_never_crashes_and_symbols_are_canonical(text, body):
    for citation in citations_in_text(text, body):
        assert citation.kind in (RESOLUTION, DOCUMENT)
        assert citation.symbol == citation.symbol.strip() and "/" in citation.symbol


@pytest.mark.slow
def test_jumping_to_each_resolution_finds_what_scanning_finds():
    """`_resolution_matches` jumps from "resolution" to "resolution"; it must give exactly the
    matches of the plain scan, body names included, on every text of the corpus."""
    from conftest import CORPUS_DIR, SEED_FILES, require_corpus

    from searchapp.research.citations import _RESOLUTIONS, _resolution_matches
    from searchapp.text.folding import fold_symbols
    require_corpus()
    paths = [*SEED_FILES, *sorted(CORPUS_DIR.glob("*/*.txt"))]
    found = 0
    for path in paths:
        text = fold_symbols(path.read_text(encoding="utf-8", errors="replace")).text
        expected = [(m.span(), m["body"], m["list"]) for m in _RESOLUTIONS.finditer(text)]
        assert [(m.span(), m["body"], m["list"]) for m in _resolution_matches(text)] == expected, path
        found += len(expected)
    assert found > 1000
