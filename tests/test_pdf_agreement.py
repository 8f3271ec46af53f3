"""The 145 Third Committee resolutions of ga-pdfs/ read from their PDFs agree with their text twins
in ga-resolutions/ (manifest.csv pairs them) on everything issue 15 lists: symbol, body, session,
date, committee, title, meeting; the parts (the resolution's paragraphs, the annexes' paragraphs
with their numbering and headings, the footnotes with their numbers); paragraph numbering; and the
same paragraph text for at least 98% of the paragraphs. Where the two differ, the difference is
listed below with the side that is right (read off the PDF's text layer and the twin); any other
difference fails. The figures per field are printed and quoted in the README."""

from __future__ import annotations

import csv
import difflib
import re

import pytest
from conftest import CORPUS_DIR

from searchapp.parsing import parse_file, parse_pdf

# The twin cuts one paragraph in two, so it has one paragraph more (the PDF is right):
TWIN_CUTS_A_PARAGRAPH = {
    # Operative 10 runs over a page break after "Islamophobia,"; the rest became a paragraph.
    "A/RES/80/192": "'Christianophobia and antisemitism, ...' after a page break became a paragraph",
    # Preambular 24 lists prisoners' names; "Iryna Danylovych, ..." after the page break was cut off.
    "A/RES/80/223": "the list of names after a page break became a paragraph",
}

# Paragraphs whose texts differ for another reason: (symbol, anchor) -> which side is right, why.
PARAGRAPH_DIFFERENCES = {
    ("A/RES/79/243", "pp4"): "PDF: the twin's parser took 'Cybercrime; Strengthening ... Systems and' "
                             "for the running title and dropped it from the paragraph",
    ("A/RES/78/215", "op21"): "PDF: the twin keeps a line-end hyphen with a space ('capacity- building')",
    ("A/RES/79/172", "op37"): "PDF: 'gender- and age-appropriate' is printed so; the twin lost the space",
    ("A/RES/79/172", "op45"): "neither: 'Invites' is letter-spaced on the page ('I n v i t e s' in the "
                              "twin, 'I n v i te s' from the PDF)",
    ("A/RES/78/203", "op35"): "twin: 'once again for' is printed with a gap of 0.13 em, below a word "
                              "space, and 'again' occurs nowhere else in the text: the PDF reads 'againfor'",
    ("A/RES/79/170", "op35"): "twin: the same 'once againfor' as A/RES/78/203",
}


# Annex paragraphs whose texts differ: (symbol, anchor) -> which side is right, why.
ANNEX_DIFFERENCES = {
    ("A/RES/79/243", "annex-art57-p2"): "PDF: the paragraph runs over a page break ('... entry into force of "
                                        "this Convention.' / page 41 / 'Thereafter, regular meetings ...'); "
                                        "the twin cut it there and made the rest a paragraph, annex-art57",
    ("A/RES/79/243", "annex-art18-p1"): "PDF: the twin reads 'participation in th e offences' (a letter gap)",
}
# Annex paragraphs only the twin has: (symbol, anchor) -> why.
ANNEX_ONLY_IN_TWIN = {
    ("A/RES/79/243", "annex-art57"): "the rest of paragraph 2 of article 57 the twin cut off (above)",
}
# The twin reads a label standing on its own line as the opening words of the text under it. The PDF
# is right: "Core principle I" (p. 4) and "Model strategy No. 1" (p. 5) stand 18 pt above their text,
# a paragraph's gap at the 12 pt pitch, and head it; the twin lost that gap. Checked exactly: the
# PDF's heading is the twin's plus " / <label>", and the twin's text is "<label> " + the PDF's.
TWIN_GLUES_LABELS = {"A/RES/80/226": re.compile(r"^(?:Core principle [IVX]+|Model strategy No\. \d{1,2})$")}
# A lettered note in a box: the twin keeps its letter in the text ("sentences;a in addition"), as it
# keeps footnote numbers; the PDF prints it as a superscript (A/RES/80/226, model strategy No. 8).
BOX_NOTE_LETTERS = {"a"}

# Footnotes whose texts differ: (symbol, anchor) -> which side is right, why. The same note is
# printed "Cairo, 5–13 September 1994" in 19 twins and "5 –13" in these 4 (grep ga-resolutions).
FOOTNOTE_DIFFERENCES = {
    (symbol, anchor): "PDF: 'Cairo, 5–13 September 1994', as the same note reads in 19 other twins; "
                      "the twin reads '5 –13'"
    for symbol, anchor in (("A/RES/79/152", "fn12"), ("A/RES/79/153", "fn16"), ("A/RES/79/154", "fn12"))
}


def _manifest() -> list[dict]:
    path = CORPUS_DIR / "ga-pdfs" / "manifest.csv"
    assert path.is_file(), f"the shared corpus must lie beside the checkout: {path} is missing"
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _only_footnote_markers(pdf_text: str, twin_text: str, markers: set[str]) -> bool:
    """Whether the twin differs from the PDF only by footnote numbers the PDF prints as
    superscripts: "Women 6 and", "2023,1 the", "Agreement,38and" against "Women and"."""
    matcher = difflib.SequenceMatcher(None, pdf_text, twin_text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "delete" or pdf_text[i1:i2].strip():
            return False
        if twin_text[j1:j2].strip() not in markers and not _marker_after_number(pdf_text, i1, twin_text, j1, markers):
            return False
    return True


def _marker_after_number(pdf_text: str, at: int, twin_text: str, start: int, markers: set[str]) -> bool:
    """A marker glued to a number: "2015–2030" printed with marker 20 reads "2015–203020" in the
    twin (A/RES/80/210), where the character diff may cut the digits anywhere."""
    def digits_around(text: str, index: int) -> str:
        left = index
        while left > 0 and text[left - 1].isdigit():
            left -= 1
        right = index
        while right < len(text) and text[right].isdigit():
            right += 1
        return text[left:right]
    printed, twin = digits_around(pdf_text, at), digits_around(twin_text, start)
    return bool(printed) and twin.startswith(printed) and twin[len(printed):] in markers


FIELDS = ("symbol", "body", "session", "date", "committee", "title", "meeting")


class Tally:
    """Compared, equal, and the differences listed (with their side) or not."""

    def __init__(self, explained: str = "differ only by the twin's footnote markers") -> None:
        self.explained = explained  # what the differences counted in markers_only are
        self.compared = self.equal = self.markers_only = 0
        self.listed: set[tuple] = set()
        self.unexpected: list[tuple] = []

    def line(self, name: str) -> str:
        return (f"{name}: {self.compared} compared, {self.equal} equal ({self.equal / self.compared:.2%})"
                + (f", {self.markers_only} {self.explained} "
                   f"({(self.equal + self.markers_only) / self.compared:.2%} together)" if self.markers_only else "")
                + f", {len(self.listed)} listed")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _part(document, part: str) -> list:
    return [p for p in document.paragraphs if p.part == part]


@pytest.mark.slow
def test_the_145_pdfs_agree_with_their_text_twins():
    rows = _manifest()
    assert len(rows) == 145
    fields = {field: 0 for field in FIELDS}
    numbering, texts, annexes, notes = Tally(), Tally(), Tally(), Tally()
    links = Tally("where the PDF links a footnote more (a spaced marker the twin's parser missed)")
    headings = Tally("where the PDF's heading adds the label the twin glued to the text (80/226)")
    for row in rows:
        pdf = CORPUS_DIR / "ga-pdfs" / row["pdf"]
        from_pdf = parse_pdf(pdf)
        twin = parse_file(CORPUS_DIR / row["shared_corpus_text"])
        symbol = row["symbol"]
        for field in FIELDS:
            assert getattr(from_pdf, field) == getattr(twin, field), (symbol, field)
            fields[field] += 1
        assert from_pdf.date.isoformat() == row["adopted_date"] and from_pdf.committee == row["committee"]
        printed = {note.anchor: note.text for note in from_pdf.footnotes}
        _compare_resolution(symbol, _part(from_pdf, "resolution"), _part(twin, "resolution"),
                            {anchor[2:] for anchor in printed}, numbering, texts, links)
        _compare_annexes(symbol, _part(from_pdf, "annex"), _part(twin, "annex"), {anchor[2:] for anchor in printed},
                         annexes, headings)
        _compare_footnotes(symbol, from_pdf.footnotes, twin.footnotes, notes)
    print("\nfields: " + ", ".join(f"{field} {count}/145" for field, count in fields.items()))
    for name, tally in (("resolution numbering (documents)", numbering), ("resolution paragraphs", texts),
                        ("footnote links of the resolution paragraphs (twin's within the PDF's)", links),
                        ("annex paragraphs: numbering and text", annexes), ("annex headings", headings),
                        ("footnotes: numbers and text", notes)):
        print(tally.line(name))
        assert tally.unexpected == [], (name, tally.unexpected[:10])
    assert {key for key in texts.listed if key[0] not in TWIN_CUTS_A_PARAGRAPH} == set(PARAGRAPH_DIFFERENCES)
    assert {key for key in annexes.listed} == set(ANNEX_DIFFERENCES) | set(ANNEX_ONLY_IN_TWIN)
    assert notes.listed == set(FOOTNOTE_DIFFERENCES)
    assert (texts.equal + texts.markers_only) / texts.compared >= 0.98


def _compare_resolution(symbol, ours, theirs, markers, numbering, texts, links) -> None:
    """Numbering (one count per document), texts and footnote links of the resolution's paragraphs."""
    numbering.compared += 1
    anchors = [p.anchor for p in ours]
    if symbol in TWIN_CUTS_A_PARAGRAPH:
        assert len(theirs) == len(anchors) + 1, symbol
        numbering.listed.add((symbol,))
    elif anchors == [p.anchor for p in theirs]:
        numbering.equal += 1
    else:
        numbering.unexpected.append((symbol, anchors, [p.anchor for p in theirs]))
    by_anchor = {p.anchor: p for p in ours}
    for paragraph in theirs:
        texts.compared += 1
        mine = by_anchor.get(paragraph.anchor)
        text = mine.text if mine else ""
        if _same(text, paragraph.text):
            texts.equal += 1
        elif _only_footnote_markers(text, paragraph.text, markers):
            texts.markers_only += 1
        elif symbol in TWIN_CUTS_A_PARAGRAPH or (symbol, paragraph.anchor) in PARAGRAPH_DIFFERENCES:
            texts.listed.add((symbol, paragraph.anchor))
        else:
            texts.unexpected.append((symbol, paragraph.anchor, text[:200], paragraph.text[:200]))
        if mine is None or symbol in TWIN_CUTS_A_PARAGRAPH:
            continue
        # The PDF knows a marker by its size; the twin's parser finds the glued ones and misses some
        # spaced out ("albinism 11 and" in A/RES/78/171): what the twin links, the PDF links too.
        links.compared += 1
        if mine.footnotes == paragraph.footnotes:
            links.equal += 1
        elif set(paragraph.footnotes) <= set(mine.footnotes):
            links.markers_only += 1
        else:
            links.unexpected.append((symbol, paragraph.anchor, mine.footnotes, paragraph.footnotes))


def _compare_annexes(symbol, ours, theirs, markers, annexes, headings) -> None:
    """The annexes' paragraphs: the same anchors (printed numbering), headings and texts."""
    label = TWIN_GLUES_LABELS.get(symbol)
    by_anchor = {p.anchor: p for p in ours}
    for paragraph in theirs:
        if (symbol, paragraph.anchor) in ANNEX_ONLY_IN_TWIN:
            annexes.listed.add((symbol, paragraph.anchor))
            continue
        annexes.compared += 1
        headings.compared += 1
        mine = by_anchor.pop(paragraph.anchor, None)
        if mine is None:
            annexes.unexpected.append((symbol, paragraph.anchor, "only in the twin", paragraph.text[:200]))
            continue
        text, heading = paragraph.text, paragraph.heading
        last = mine.heading.rsplit(" / ", 1)[-1]
        if label and label.match(last) and mine.heading == f"{heading} / {last}":
            heading = mine.heading  # the label the twin missed heads the paragraph
            headings.markers_only += 1
            if text.startswith(last + " "):
                text = text[len(last) + 1:]
        elif heading == mine.heading:
            headings.equal += 1
        else:
            headings.unexpected.append((symbol, paragraph.anchor, mine.heading, paragraph.heading))
        if _same(mine.text, text):
            annexes.equal += 1
        elif _only_footnote_markers(mine.text, text, markers | (BOX_NOTE_LETTERS if label else set())):
            annexes.markers_only += 1
        elif (symbol, paragraph.anchor) in ANNEX_DIFFERENCES:
            annexes.listed.add((symbol, paragraph.anchor))
        else:
            annexes.unexpected.append((symbol, paragraph.anchor, mine.text[:200], paragraph.text[:200]))
    annexes.unexpected += [(symbol, anchor, "only in the PDF") for anchor in by_anchor]


def _compare_footnotes(symbol, ours, theirs, notes) -> None:
    """The footnotes: the same numbers, in order, and the same texts."""
    if [p.anchor for p in ours] != [p.anchor for p in theirs]:
        notes.unexpected.append((symbol, [p.anchor for p in ours], [p.anchor for p in theirs]))
    mine = {p.anchor: p.text for p in ours}
    for note in theirs:
        notes.compared += 1
        if _same(mine.get(note.anchor, ""), note.text):
            notes.equal += 1
        elif (symbol, note.anchor) in FOOTNOTE_DIFFERENCES:
            notes.listed.add((symbol, note.anchor))
        else:
            notes.unexpected.append((symbol, note.anchor, mine.get(note.anchor, "")[:200], note.text[:200]))


def test_a_pdf_keeps_the_footnotes_its_layout_set_aside():
    # A/RES/78/171's text twin prints footnotes 1-18 under its pages' rules.
    row = next(r for r in _manifest() if r["symbol"] == "A/RES/78/171")
    from_pdf = parse_pdf(CORPUS_DIR / "ga-pdfs" / row["pdf"])
    twin = parse_file(CORPUS_DIR / row["shared_corpus_text"])
    assert [p.anchor for p in twin.footnotes] == [f"fn{n}" for n in range(1, 19)]
    assert [p.anchor for p in from_pdf.footnotes] == [p.anchor for p in twin.footnotes]
    assert all(p.part == "footnote" for p in from_pdf.footnotes)
