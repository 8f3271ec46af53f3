"""A document's text cut into its parts: the resolution's body, its closing lines, its annexes and
its footnotes, with page furniture removed and footnote markers replaced by placeholders.

    body      the resolution's paragraphs, markers as placeholders (see footnotes.py)
    tail      meeting, date and vote lines: never an annex, never a footnote (footnote 2 of
              A/RES/78/1 reads "Adopted under the UNFCCC in FCCC/CP/2015/10/Add.1, ...", which
              is not how the resolution was adopted)
    annexes   paragraphs of the part "annex" (annexes.py)
    footnotes number -> text, as printed under the pages' rules
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from searchapp.models import ANNEX, FOOTNOTE, Paragraph
from searchapp.parsing.annexes import ANNEX_HEADING, AnnexParagraph, annex_paragraphs
from searchapp.parsing.cleanup import LazyVocabulary, inline_furniture, page_furniture, remove_footnote_markers
from searchapp.parsing.footnotes import (
    footnotes_from_inline,
    footnotes_from_lines,
    mark_footnote_markers,
    strip_markers,
    take_markers,
)
from searchapp.parsing.paragraphs import opening_phrase

_SEPARATOR = "\ue0ff"  # a line of its own between the body and the annexes while markers are placed
_COUNCIL_NOTE = re.compile(r"^\s*\d{1,3}\s+[A-Z(\u201c\"]")


@dataclass
class Parts:
    body: str
    tail: str
    vocabulary: Container[str]  # the body's words (cleanup.vocabulary_of), read when first asked
    annexes: list[AnnexParagraph] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)

    def paragraphs(self, symbol: str, start: int) -> list[Paragraph]:
        """The annexes' paragraphs, then the footnotes, positioned after the resolution's `start`."""
        out: list[Paragraph] = []
        for annex in self.annexes:
            text, notes = take_markers(" ".join(annex.text.split()))
            if re.search(r"[^\W\d_]{2}", text):
                out.append(Paragraph(symbol, ANNEX, annex.number, start + len(out), opening_phrase(text), text,
                                     footnotes=notes, heading=annex.heading, label=annex.anchor))
        for number, text in sorted(self.footnotes.items()):
            if text:
                out.append(Paragraph(symbol, FOOTNOTE, number, start + len(out), "", strip_markers(text),
                                     label=f"fn{number}"))
        return out


def split_annex(text: str) -> tuple[str, str]:
    """(text before the first "Annex" heading line, the heading and everything after it)."""
    heading = ANNEX_HEADING.search(text)
    return (text[:heading.start()], text[heading.start():]) if heading else (text, "")


def printed_parts(body: str, tail: str, title: str, *, guess_markers: bool = False) -> Parts:
    """The parts of a text printed line by line (PDF text, OCR, drafts). `guess_markers`: the
    Security Council volumes print their notes at the page foot without a rule ("10 Ibid.,
    Thirteenth Year, 838th meeting, p. 1."), so no note numbers are known; glued markers are then
    removed by their look alone (cleanup.remove_footnote_markers) where the volume does not
    print the note; the notes it prints after the vote (council_note_lines) are the part
    "footnote" and their markers are placed as for the Assembly's texts."""
    body, annex = split_annex(body)  # a draft's "Annex I" right after its last paragraph
    if not annex:
        tail, annex = split_annex(tail)  # an Assembly annex after "16th plenary meeting"
    sections, notes = [], []
    for index, section in enumerate((body, tail, annex)):
        lines = section.split("\n")
        dropped, note_lines = page_furniture(lines, title, notes_to_end=index == 1)
        sections.append("\n".join(line for i, line in enumerate(lines) if i not in dropped))
        notes += [lines[i] for i in note_lines]
    footnotes = footnotes_from_lines(notes)
    guess = guess_markers and not footnotes
    if guess:
        footnotes = footnotes_from_lines(council_note_lines(sections[1]), gaps=True)
    marked = mark_footnote_markers(f"{sections[0]}\n{_SEPARATOR}\n{sections[2]}", footnotes)
    body, _, annex = marked.partition(f"\n{_SEPARATOR}\n")
    if guess:  # the markers of notes the file does not print are removed by their look
        body = remove_footnote_markers(body)
    annexes = annex_paragraphs(annex.split("\n"), LazyVocabulary(strip_markers(annex))) if annex.strip() else []
    return Parts(body, sections[1], LazyVocabulary(strip_markers(body)), annexes, footnotes)


def council_note_lines(tail: str) -> list[str]:
    """The notes the Security Council volumes print after the vote, without a rule: "Adopted
    unanimously at the" / "1592nd meeting." / "46 See Official Records of the Security Council,
    Twenty-sixth" / "Year, Supplement for October, November and December 1971." / "47 Ibid., ..."
    (S_RES_0300_1971.txt). They start at the first line opening with a number and a capital (a vote
    line broken as "... by" / "13 votes to none" does not)."""
    lines = tail.split("\n")
    start = next((i for i, line in enumerate(lines) if _COUNCIL_NOTE.match(line)), len(lines))
    return lines[start:]


def inline_parts(body: str, tail: str, symbol: str, job: str | None, title: str) -> Parts:
    """The parts of the one-line shape: footnote blocks sit inline between a rule and the page
    mark ("__________________ 1 Resolution 217 A (III). 2 ... A/RES/78/216 ... 23-26002 2/9").
    Annexes are not read in this shape (no line tells where their headings are): the text after
    an "Annex" word in the closing part is left out, as before."""
    body, blocks = inline_furniture(" ".join(body.split()), symbol, job, title)
    tail, tail_blocks = inline_furniture(" ".join(tail.split()), symbol, job, title)
    tail = re.split(r"\bAnnex\b", tail, maxsplit=1)[0]
    footnotes = footnotes_from_inline(blocks + tail_blocks)
    return Parts(mark_footnote_markers(body, footnotes), tail, set(), [], footnotes)


def footnote_paragraphs(symbol: str, notes, start: int) -> list[Paragraph]:
    """The footnotes a PDF's layout set aside (pdf_layout.Footnote: marker, text), numbered ones
    only ("*" is a reissue notice), each once, as paragraphs of the part "footnote"."""
    out: list[Paragraph] = []
    seen: set[int] = set()
    for note in notes:
        if note.marker.isdigit() and int(note.marker) not in seen and note.text.strip():
            number = int(note.marker)
            seen.add(number)
            out.append(Paragraph(symbol, FOOTNOTE, number, start + len(out), "", " ".join(note.text.split()),
                                 label=f"fn{number}"))
    return out
