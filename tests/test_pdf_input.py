"""Resolutions read from the UN's own PDFs (and Word files): golden facts read off the printed
pages and their text twins in ../shared/corpus/ga-resolutions/, bad files reported by name and
reason, and a PDF beside its text twin indexed once."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, settings_for

from searchapp.exceptions import BadInputFile
from searchapp.indexing.run import run_index
from searchapp.parsing import parse_file
from searchapp.parsing.pdf_layout import pdf_layout
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`


def ga_pdf(name: str) -> Path:
    """A PDF of ../shared/corpus/ga-pdfs/; fails (never skips) when the corpus is missing."""
    path = CORPUS_DIR / "ga-pdfs" / name
    assert path.is_file(), f"the shared corpus must lie beside the checkout: {path} is missing"
    return path


# A/RES/78/171, as printed: 4 pages, 18 preambular paragraphs (read off the page) and 12
# operative ones (ga-resolutions/manifest.csv), footnote markers set in 6.5 pt.
ALBINISM = "A_RES_78_171.pdf"
ALBINISM_PP1 = (
    "Reaffirming the Universal Declaration of Human Rights, and recalling relevant international human "
    "rights treaties, including the International Covenant on Civil and Political Rights, the "
    "International Covenant on Economic, Social and Cultural Rights, the International Convention on the "
    "Elimination of All Forms of Racial Discrimination, the Convention on the Rights of Persons with "
    "Disabilities, the Convention on the Elimination of All Forms of Discrimination against Women and the "
    "Convention on the Rights of the Child,")


def test_albinism_resolution_reads_from_its_pdf_with_the_printed_numbering():
    document = parse_file(ga_pdf(ALBINISM))
    assert (document.symbol, document.body, document.session) == ("A/RES/78/171", "General Assembly", 78)
    assert document.date == dt.date(2023, 12, 19)
    assert document.title == "Persons with albinism"
    assert (document.preambular_count, document.operative_count, document.pages) == (18, 12, 4)
    assert [p.number for p in document.paragraphs if p.kind == "operative"] == list(range(1, 13))
    assert document.meeting == "50th plenary meeting"


def test_footnote_markers_are_left_out_of_the_text_by_their_size():
    document = parse_file(ga_pdf(ALBINISM))
    # The text twin reads "... Women 6 and the Convention on the Rights of the Child,7".
    assert document.paragraphs[0].text == ALBINISM_PP1


def test_a_pdf_paragraph_records_the_footnotes_its_markers_point_to(tmp_path):
    # As printed (ga-resolutions/A_RES_78_171.txt): pp1 "Rights,1 ... Political Rights, 2 ...
    # Child,7"; pp2 "Social Development 8 ... special session,9 ... Disabled Persons,10"; pp4
    # "albinism 11 and 24/33 ... albinism,12 ... 2015,13 ... 201814 and ... 202115" (the text's
    # own parser misses the spaced "albinism 11"; the PDF prints it as a superscript).
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ga_pdf(ALBINISM), data / ALBINISM)
    settings = settings_for(tmp_path, data)
    run_index(settings)
    document = SearchService(settings).document("A/RES/78/171")
    links = {p.anchor: p.footnotes for p in document.paragraphs if p.footnotes}
    assert links == {"pp1": (1, 2, 3, 4, 5, 6, 7), "pp2": (8, 9, 10), "pp4": (11, 12, 13, 14, 15),
                     "pp6": (16,), "pp7": (17,), "pp15": (18,)}
    assert document.paragraphs[0].text == ALBINISM_PP1  # the markers are out of the text
    assert [p.anchor for p in document.paragraphs if p.part == "footnote"] == [f"fn{n}" for n in range(1, 19)]


def test_footnotes_are_read_under_the_rule_with_their_numbers():
    layout = pdf_layout(ga_pdf(ALBINISM))
    notes = {note.marker: note for note in layout.footnotes}
    assert notes["1"].text == "Resolution 217 A (III)."
    assert notes["1"].page == 1
    assert notes["10"].text == ("A/37/351/Add.1 and A/37/351/Add.1/Corr.1, annex, sect. VIII, "
                                "recommendation 1 (IV).")
    assert not any("Resolution 217 A (III)" in line for line in layout.lines)


def test_running_headers_and_footers_do_not_appear_in_the_text():
    layout = pdf_layout(ga_pdf(ALBINISM))
    # Pages 2-4 carry "A/RES/78/171  Persons with albinism" on top, "23-25972  2/4" below.
    assert [line for line in layout.lines if "A/RES/78/171" in line] == ["A/RES/78/171"]  # the masthead
    assert "Persons with albinism" not in layout.lines
    assert not any(line in ("2/4", "3/4", "4/4") or "23-25972" in line for line in layout.lines)
    assert "2/4" in layout.furniture


def test_justified_lines_keep_words_whole_and_apart():
    # PDFium sees a gap inside "including" (p. 3) and none to speak of in "of the" elsewhere.
    text = " ".join(pdf_layout(ga_pdf(ALBINISM)).lines)
    assert "inc luding" not in text and "including persons with albinism" in text


def test_a_subparagraph_label_run_into_its_text_is_separated():
    # A/RES/78/181 prints "(mm)Designing, revising ..." with no gap after the label.
    document = parse_file(ga_pdf("A_RES_78_181.pdf"))
    [op2] = [p for p in document.paragraphs if p.anchor == "op2"]
    assert "(mm) Designing, revising and implementing laws" in op2.text


def test_an_annex_stays_out_of_the_resolutions_paragraphs_and_is_its_own_part():
    # A/RES/80/226 (21 pages): 2 preambular and 5 operative paragraphs, then "69th plenary
    # meeting", then "Annex / United Nations Model Strategies on Reducing Reoffending".
    document = parse_file(ga_pdf("A_RES_80_226.pdf"))
    assert (document.preambular_count, document.operative_count, document.pages) == (2, 5, 21)
    resolution = [p for p in document.paragraphs if p.part == "resolution"]
    assert resolution[-1].text.endswith("to utilize any such extrabudgetary resources "
                                        "efficiently and effectively.")
    assert not any("Reducing reoffending is one of the main goals" in p.text for p in resolution)
    # The annex is its own part (issue 14 §1): its first numbered paragraph opens with that sentence.
    assert document.annex_paragraphs[0].text.startswith("Reducing reoffending is one of the main goals")
    layout = pdf_layout(ga_pdf("A_RES_80_226.pdf"))
    assert [note.text for note in layout.footnotes[:2]] == ["Resolution 76/181, annex.",
                                                            "E/CN.15/2024/15 and E/CN.15/2025/14."]
    assert "2/21" in layout.furniture and "2/21" not in layout.lines


def _word_with_footnotes(layout, path: Path) -> None:
    """A Word file of the resolution as Word holds it: a paragraph of text is one Word paragraph
    (short lines such as "50th plenary meeting" / "19 December 2023" separated by line breaks),
    each footnote a real footnote: a `w:footnoteReference` run after the word and punctuation the
    PDF printed its superscript after, and the note in the package's word/footnotes.xml part.
    The notes' ids run backwards (note 1 has the highest id): Word prints them in body order."""
    import re
    from xml.sax.saxutils import escape

    import docx
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = re.compile("\ue000([\ue010-\ue019]+)\ue001([,;:.]*)")
    word = docx.Document()
    for block in "\n".join(layout.lines).split("\n\n"):
        lines = block.split("\n")
        paragraph = word.add_paragraph()
        text = " ".join(lines) if len(lines[0]) > 60 else "\n".join(lines)
        at = 0
        for found in marker.finditer(text):
            paragraph.add_run(text[at:found.start()] + found.group(2))
            number = int("".join(str(ord(c) - 0xE010) for c in found.group(1)))
            reference = paragraph.add_run()
            reference.element.append(OxmlElement("w:footnoteReference", attrs={qn("w:id"): str(200 - number)}))
            at = found.end()
        paragraph.add_run(text[at:])
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = "".join(f'<w:footnote w:id="{200 - int(note.marker)}"><w:p><w:r><w:footnoteRef/></w:r>'
                    f'<w:r><w:t xml:space="preserve"> {escape(note.text)}</w:t></w:r></w:p></w:footnote>'
                    for note in layout.footnotes)
    blob = (f'<w:footnotes xmlns:w="{namespace}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
            f'<w:separator/></w:r></w:p></w:footnote>{notes}</w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, word.part.package)
    word.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    word.save(path)


def test_an_article_heading_at_a_page_top_opens_its_article():
    # A/RES/79/243, page 8 opens with "Article 9" / "Interference with electronic data", flush left
    # like the text, under "system." that ends article 8 on page 7 (ga-resolutions/A_RES_79_243.txt).
    document = parse_file(ga_pdf("A_RES_79_243.pdf"))
    notes = {p.anchor: p for p in document.annex_paragraphs}
    assert notes["annex-art8-p2"].text.endswith("information and communications technology system.")
    assert notes["annex-art9-p1"].heading.endswith(
        "/ Chapter II. Criminalization / Article 9. Interference with electronic data")
    # "Article 13." is printed with a stop; the heading has one.
    assert notes["annex-art13"].heading.endswith("/ Article 13. Information and communications technology "
                                                 "system-related theft or fraud")
    assert [anchor for anchor in notes if "-2" in anchor.split("-p")[-1]] == []  # no article numbered twice


def test_a_lettered_note_in_a_box_keeps_the_text_under_it():
    # A/RES/80/226, model strategy No. 8 ends "... exploitation." and its box note "a See sect. E."
    # (8.5 pt, a raised "a"); paragraph 40, "States should support prison authorities ...", follows.
    # The note was taken for a page footnote and paragraph 40 was lost with it.
    notes = {p.anchor: p for p in parse_file(ga_pdf("A_RES_80_226.pdf")).annex_paragraphs}
    assert notes["annex-t11"].text.endswith("avoiding the potential for exploitation. a See sect. E.")
    assert notes["annex-p40"].text.startswith("States should support prison authorities as much as possible "
                                              "in implementing the rehabilitation programmes")
    # "Capacity-building" opens page 17 without a gap or an indent: it heads model strategy No. 16.
    assert notes["annex-t21"].heading.endswith("/ Capacity-building / Model strategy No. 16")


def test_footnote_symbols_and_broken_addresses_read_as_printed():
    # "WHA58/2005/REC/1" (the WHO's symbol, no space: PDFium's own text reads so), and an address
    # broken after its hyphen: "country-" / "reports/forced-labour-..." (A/RES/79/181, note 22).
    who = {p.anchor: p.text for p in parse_file(ga_pdf("A_RES_79_147.pdf")).footnotes}
    assert who["fn13"] == "See World Health Organization, document WHA58/2005/REC/1."
    korea = {p.anchor: p.text for p in parse_file(ga_pdf("A_RES_79_181.pdf")).footnotes}
    assert korea["fn22"].endswith("available at www.ohchr.org/en/documents/country-reports/"
                                  "forced-labour-democratic-peoples-republic-korea.")


def test_a_word_file_of_the_resolution_reads_as_its_pdf_footnotes_and_all(tmp_path):
    import zipfile

    layout = pdf_layout(ga_pdf(ALBINISM))
    _word_with_footnotes(layout, tmp_path / "albinism.docx")
    with zipfile.ZipFile(tmp_path / "albinism.docx") as package:
        body = package.read("word/document.xml").decode()
        assert "word/footnotes.xml" in package.namelist() and body.count("<w:footnoteReference") >= 18
    from_word, from_pdf = parse_file(tmp_path / "albinism.docx"), parse_file(ga_pdf(ALBINISM))
    assert from_word.symbol == from_pdf.symbol and from_word.date == from_pdf.date
    # As printed (ga-resolutions/A_RES_78_171.txt): "Rights,1 ... Political Rights, 2 ... Child,7";
    # "... Social Development 8 ... special session,9 and ... Disabled Persons,10".
    pp1, pp2 = from_word.paragraphs[:2]
    assert (pp1.text, pp1.footnotes, pp2.footnotes) == (ALBINISM_PP1, (1, 2, 3, 4, 5, 6, 7), (8, 9, 10))
    notes = {p.anchor: p.text for p in from_word.footnotes}
    assert list(notes) == [f"fn{n}" for n in range(1, 19)]
    assert (notes["fn1"], notes["fn2"], notes["fn4"]) == (
        "Resolution 217 A (III).", "See resolution 2200 A (XXI), annex.",
        "United Nations, Treaty Series, vol. 660, No. 9464.")
    assert not any(re.search(r"[\ue000-\ue0ff]", p.text) for p in from_word.paragraphs)
    assert [(p.anchor, p.text, p.footnotes) for p in from_word.paragraphs] == [
        (p.anchor, p.text, p.footnotes) for p in from_pdf.paragraphs]


def test_a_word_file_without_a_footnotes_part_reads_its_paragraphs_alone(tmp_path):
    import docx

    from searchapp.parsing.footnotes import strip_markers

    layout = pdf_layout(ga_pdf(ALBINISM))
    word = docx.Document()  # python-docx's template has no word/footnotes.xml
    for block in strip_markers("\n".join(layout.lines)).split("\n\n"):
        lines = block.split("\n")
        word.add_paragraph(" ".join(lines) if len(lines[0]) > 60 else "\n".join(lines))
    word.save(tmp_path / "plain.docx")
    from_word, from_pdf = parse_file(tmp_path / "plain.docx"), parse_file(ga_pdf(ALBINISM))
    assert from_word.footnotes == [] and all(p.footnotes == () for p in from_word.paragraphs)
    assert [(p.anchor, p.text) for p in from_word.paragraphs] == [
        (p.anchor, p.text) for p in from_pdf.paragraphs if p.part != "footnote"]


# Bad files: each is refused with its name and a reason a researcher can act on.

def _blank_pdf(path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(612, 792)  # a scanned page has an image and no text: this has neither
    document.save(path)


def _encrypted_pdf(path: Path) -> None:
    import pypdf  # a test dependency: it can encrypt, PDFium cannot
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(ga_pdf(ALBINISM).read_bytes())))
    writer.encrypt("secret")
    writer.write(path)


def _docx_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "scan.pdf": (_blank_pdf, "without a text layer"),
    "encrypted.pdf": (_encrypted_pdf, "encrypted PDF"),
    "truncated.pdf": (lambda p: p.write_bytes(ga_pdf(ALBINISM).read_bytes()[:100_000]), "not a readable PDF"),
    "pdf_named.txt": (lambda p: p.write_bytes(ga_pdf(ALBINISM).read_bytes()), "rename it to .pdf"),
    "word_named.pdf": (lambda p: p.write_bytes(_docx_bytes()), "named .pdf but is a Word (.docx) file"),
    "old_word.doc": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
                     "old Microsoft Office file (.doc)"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_refused_with_its_reason(tmp_path, name):
    make, words = BAD_FILES[name]
    make(tmp_path / name)
    with pytest.raises(BadInputFile) as refused:
        parse_file(tmp_path / name)
    assert words in refused.value.reason


def test_bad_files_are_reported_once_each_and_the_good_pdf_is_indexed(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ga_pdf(ALBINISM), data / ALBINISM)
    for name, (make, _) in BAD_FILES.items():
        make(data / name)
    (data / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (data / "notes.xlsx").write_bytes(b"PK\x03\x04")
    summary = run_index(settings_for(tmp_path, data), [data / name for name in ("old_word.doc",)] + [data])
    reasons = {skip.path: skip.reason for skip in summary.skipped}
    # old_word.doc was named, so it was tried; in the folder scan a .doc is only listed as ignored.
    assert sorted(reasons) == sorted(BAD_FILES)
    assert summary.documents == 1 and summary.pages == 4
    assert summary.ignored == {".xlsx": 2, ".doc": 1}
    assert summary.ignored_line() == "ignored: 3 files (.xlsx 2, .doc 1)"


def test_a_folder_scan_lists_the_files_it_does_not_read(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ga_pdf(ALBINISM), data / ALBINISM)
    for name in ("a.xlsx", "b.xlsx", "c.doc", "README"):
        (data / name).write_bytes(b"x")
    result = subprocess.run([sys.executable, "-m", "searchapp.cli", "index", "data", "--index", "index",
                             "--quiet"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "ignored: 4 files (.xlsx 2, (none) 1, .doc 1)" in result.stdout
    assert "PDF pages read: 4" in result.stdout


def test_a_pdf_and_its_text_twin_index_once_the_pdf_and_say_so_once(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ga_pdf(ALBINISM), data / ALBINISM)
    shutil.copy(CORPUS_DIR / "ga-resolutions" / "A_RES_78_171.txt", data / "A_RES_78_171.txt")
    settings = settings_for(tmp_path, data)
    first = run_index(settings)
    assert first.documents == 1 and first.skipped == []
    [duplicate] = first.duplicates
    assert duplicate.path == "A_RES_78_171.txt"
    assert duplicate.reason.startswith("duplicate of A/RES/78/171: kept A_RES_78_171.pdf (the PDF first")
    again = run_index(settings)  # nothing changed: nothing to decide, nothing to report
    assert again.up_to_date and again.duplicates == [] and again.skipped == []
    document = SearchService(settings).document("A/RES/78/171")
    assert document.paragraphs[0].text == ALBINISM_PP1  # from the PDF: the twin keeps "Women 6 and"


def test_a_duplicate_is_not_reported_again_when_other_files_change(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ga_pdf(ALBINISM), data / ALBINISM)
    shutil.copy(CORPUS_DIR / "ga-resolutions" / "A_RES_78_171.txt", data / "A_RES_78_171.txt")
    other = data / "A_RES_78_216.txt"
    shutil.copy(CORPUS_DIR / "ga-resolutions" / "A_RES_78_216.txt", other)
    settings = settings_for(tmp_path, data)
    first = run_index(settings)
    assert first.documents == 2 and [d.path for d in first.duplicates] == ["A_RES_78_171.txt"]
    with open(other, "a", encoding="utf-8") as handle:
        handle.write("\n")  # another file changes: it alone is read again
    second = run_index(settings)
    assert (second.files_indexed, second.files_unchanged, second.pages) == (1, 2, 0)
    assert second.duplicates == [] and second.skipped == [] and second.documents == 2
    (data / ALBINISM).unlink()  # the winner goes: the text twin competes again, and wins
    third = run_index(settings)
    assert third.duplicates == [] and third.files_indexed == 1 and third.documents == 2
    document = SearchService(settings).document("A/RES/78/171")
    assert document.source == "A_RES_78_171.txt"
    shutil.copy(ga_pdf(ALBINISM), data / ALBINISM)  # it comes back: the text loses, said once
    fourth = run_index(settings)
    assert [(d.path, d.reason.split(" (")[0]) for d in fourth.duplicates] == [
        ("A_RES_78_171.txt", "duplicate of A/RES/78/171: kept A_RES_78_171.pdf")]  # as README says
    with open(other, "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert run_index(settings).duplicates == []


def test_impunity_in_the_albinism_pdf_is_found_like_in_its_text(tmp_path):
    counts = []
    for name, source in ((ALBINISM, ga_pdf(ALBINISM)), ("A_RES_78_171.txt",
                                                        CORPUS_DIR / "ga-resolutions" / "A_RES_78_171.txt")):
        data = tmp_path / name / "data"
        data.mkdir(parents=True)
        shutil.copy(source, data / name)
        settings = settings_for(tmp_path / name, data)
        run_index(settings)
        found = SearchService(settings).search(SearchRequest(query="impunity"))
        counts.append((found.total, [(h.symbol, h.anchor) for h in found.hits]))
    # "4. Further encourages Member States to end impunity for violence ..." and nowhere else.
    assert counts[0] == counts[1] == (1, [("A/RES/78/171", "op4")])


@pytest.mark.browser
@pytest.mark.slow
def test_a_resolution_from_its_pdf_shows_the_same_page_as_from_its_text(tmp_path, browser):
    """A/RES/80/226 (Kyoto Model Strategies): every paragraph of the PDF equals the twin's, so
    the document page in Chromium must read the same, word for word, whichever file was indexed."""
    from conftest import running_server

    pages = []
    for source in (ga_pdf("A_RES_80_226.pdf"), CORPUS_DIR / "ga-resolutions" / "A_RES_80_226.txt"):
        data = tmp_path / source.suffix[1:] / "data"
        data.mkdir(parents=True)
        shutil.copy(source, data)
        settings = settings_for(data.parent, data)
        assert run_index(settings).documents == 1
        with running_server(settings.index_dir) as url:
            page = browser.new_page()
            page.goto(url + "/documents/A/RES/80/226")
            links = page.locator("#op1 .footnote-refs a").evaluate_all("links => links.map(a => a.hash)")
            # The links are compared apart: the text's parser misses a spaced marker ("on those
            # meetings; 2" ends op1) that the PDF prints as a superscript.
            page.evaluate("document.querySelectorAll('.footnote-refs').forEach(e => e.remove())")
            pages.append((page.locator("ol.paragraphs").inner_text(), page.locator("ol.paragraphs > li").count(),
                          page.locator("section.annex").inner_text(), links,
                          page.locator("#fn2").inner_text()))
            page.close()
    from_pdf, from_text = pages
    assert from_pdf[1] == from_text[1] == 7  # 2 preambular and 5 operative paragraphs
    # The PDF's op1 links its footnote 2, which the page shows: "E/CN.15/2024/15 and E/CN.15/2025/14."
    assert (from_pdf[3], from_text[3]) == (["#fn2"], [])
    assert "E/CN.15/2024/15 and E/CN.15/2025/14." in from_pdf[4]
    assert "Reducing reoffending is one of the main goals" not in from_pdf[0]  # the annex stays out of them
    assert from_pdf[0] == from_text[0]
    # ... and is shown in its own section under its heading (issue 14 §1), from either file.
    assert all("Reducing reoffending is one of the main goals" in page[2] for page in pages)
