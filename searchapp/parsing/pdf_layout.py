"""A PDF's text layer -> the printed lines the text parser reads, plus the page's footnotes.

The UN's Official Document System PDFs (made from Word) place every character with its font size
and baseline; pypdfium2 (Apache-2.0/BSD, PDFium's own text engine) gives both per character. From
them, rather than from flattened lines:

- superscript footnote markers (6.5 pt, raised 3.5 pt over the 10 pt body: "Rights,¹") are
  recognised by size and height; a numbered one becomes the text parser's marker placeholder
  (searchapp.parsing.footnotes.encode, placed before the punctuation it follows: "Rights<1>,"),
  so each paragraph records which footnotes it points to, as from a text file;
- footnotes are the lines under the "__________________" rule at a page's bottom, each opened
  by its superscript number (5.5 pt) and set in 8.5 pt;
- running headers ("A/RES/78/171   Persons with albinism" in 8.5 pt at the top of pages 2 on)
  and footers ("2/4", "23-25972", the bar code "*2325972*") are the lines in the page's top
  and bottom margins;
- a paragraph starts where the gap between baselines exceeds a line's pitch (18 pt against 12)
  or where a page's first line is indented; a blank line marks it for the text parser.

Source: pdf_layout(path) -> PdfLayout; errors: BadInputFile with the reason (no text layer,
encrypted, damaged). Units: PDF points (1/72 inch), baselines measured from the page's bottom.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from searchapp.exceptions import BadInputFile
from searchapp.parsing.footnotes import encode, strip_markers
from searchapp.parsing.pdf_words import gap, resolve_gaps

# Margins holding running headers and footers, in points from the page's top and bottom edge.
# Measured on the 145 ODS PDFs of ga-pdfs/: headers sit 59 pt under the top edge (baseline 733
# of 792), the body's first line at 82 pt; footers at most 48 pt over the bottom edge (first page:
# "23-25972 (E) 040124" at 44.4), the last footnote line at 60 pt or more.
HEADER_MARGIN = 72.0
FOOTER_MARGIN = 54.0
# A glyph at most this share of its line's size, raised above the line's baseline, is a superscript.
SUPERSCRIPT_SHARE = 0.8
# Baselines further apart than this share of the font size open a new paragraph (pitch 1.2).
PARAGRAPH_GAP_SHARE = 1.45
_RULE = re.compile(r"^_{5,}$")
# A section number alone on its line is a block of its own, even at a page's top where no gap
# shows it: "... in a timely fashion;" / (page 9) "V" / "Trust fund for the Programme ..."
# (A/RES/78/234); the text parser then drops the number and its title.
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[,;])")
# So is an annex's article or chapter number, which Word sets flush left like the text: at a page's
# top no gap or indent shows it, and "system." / (page 8) "Article 9" / "Interference with
# electronic data" ran into paragraph 2 of article 8 (A/RES/79/243); its title is a block of its own,
# as in the text twin: "Chapter I" / "General provisions".
_SECTION_NUMBER = re.compile(r"^(?:[IVXL]{1,6}|[A-H]|(?:Article|Chapter|Part)\s+(?:\d{1,3}|[IVXL]{1,6})"
                             r"(?:\s+(?:bis|ter))?)\.?$")
# A heading at a page's top: after a paragraph's closing punctuation, a short line that opens with
# a capital and closes with none: "... to which they are returning." / (page 17) "Capacity-building"
# (A/RES/80/226). The last line of a paragraph carried over to a new page ends with punctuation.
_PAGE_TOP_HEADING = re.compile(r"^[A-Z][^.;:,]{0,60}[^\W_]$")
_SENTENCE_END = (".", ";", ":")
# A label wider than its tab stop runs into the text: "(mm)Designing, revising ..." and
# "10.Decides" are printed without a gap (A/RES/78/181, op. 2); the text parser needs the space.
_GLUED_LABEL = re.compile(r"^(\((?:[a-z]{1,3}|[ivxl]{1,6})\)|\d{1,3}\.)(?=[A-Z\u201c])")
# The punctuation a marker is printed after ("Rights,¹", "Child,⁷"), which its placeholder goes before.
_TRAILING_PUNCTUATION = re.compile(r"[,;:.]*$")


@dataclass(frozen=True)
class Footnote:
    """A footnote as printed: its marker ("1", "12", "*") and its text, and the 1-based page."""

    marker: str
    text: str
    page: int


@dataclass
class PrintedLine:
    """One printed line: baseline and left edge in points, its main font size, its text with
    superscript markers left out, and those markers in order."""

    page: int
    baseline: float
    left: float
    size: float
    text: str
    markers: list[str] = field(default_factory=list)
    leading_marker: str = ""  # a superscript before any text: a footnote's number
    top: float = 0.0  # the baseline's distance from the page's top edge


@dataclass
class PdfLayout:
    """The body lines (blank lines between paragraphs), footnotes, and what was set aside."""

    lines: list[str]
    footnotes: list[Footnote]
    pages: int
    furniture: list[str]  # running headers and footers removed, one entry per printed line

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class _Glyph:
    __slots__ = ("baseline", "char", "left", "right", "size", "superscript")

    def __init__(self, char: str, left: float, right: float, baseline: float, size: float):
        self.char, self.left, self.right, self.baseline, self.size = char, left, right, baseline, size
        self.superscript = False


def pdf_layout(path: str | Path) -> PdfLayout:
    """Read a PDF's text layer into lines and footnotes; BadInputFile when there is none."""
    import pypdfium2 as pdfium  # imported here: the text path needs no PDF engine

    source = str(path)
    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise BadInputFile(source, _pdfium_reason(exc)) from None
    try:
        pages = [_page_lines(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()
    if not any(line.text.strip() for page in pages for line in page):
        raise BadInputFile(source, "PDF without a text layer (a scan?): no text to index; "
                                   "run it through OCR first")
    return _assemble(pages)


def _pdfium_reason(exc: Exception) -> str:
    message = str(exc)
    if "password" in message.lower():
        return "encrypted PDF (needs a password); not read"
    if "format" in message.lower() or "file" in message.lower():
        return f"not a readable PDF (damaged, cut short, or another format): {message}"
    return f"PDF cannot be opened: {message}"


def _page_lines(page, number: int) -> list[PrintedLine]:
    """The page's printed lines, top to bottom, with their text and superscripts."""
    glyphs = _glyphs(page)
    height = page.get_height()
    lines = [_as_line(group, number) for group in _group_by_baseline(glyphs)]
    lines.sort(key=lambda line: -line.baseline)
    for line in lines:
        line.top = height - line.baseline  # distance from the top edge
    return lines


def _glyphs(page) -> list[_Glyph]:
    """Every printed character with its box, baseline and size; PDFium's generated spaces and
    line ends are left out. The ctypes calls are bound once: a page has ~4,000 characters."""
    from pypdfium2 import raw

    textpage = page.get_textpage()
    loose_box, origin = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    font_size, generated, unicode = raw.FPDFText_GetFontSize, raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode
    box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(x), ctypes.byref(y)
    glyphs: list[_Glyph] = []
    handle = textpage.raw
    for index in range(textpage.count_chars()):
        code = unicode(handle, index)
        if code in (10, 13, 0) or 0xD800 <= code < 0xE000 or generated(handle, index):
            continue  # PDFium's own spaces and line ends: we decide those from the positions
        loose_box(handle, index, box_ref)
        origin(handle, index, x_ref, y_ref)
        # PDFium reports Word's hyphen at a line end ("well-" / "being") as U+0002.
        glyphs.append(_Glyph("-" if code == 2 else chr(code), box.left, box.right,
                             round(y.value, 1), round(font_size(handle, index), 1)))
    textpage.close()
    return glyphs


def _group_by_baseline(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs on one baseline (within 1 pt) form a row; a row of small glyphs raised at most half
    a size over a larger row joins it as superscripts ("Rights," 10 pt at 406.0, "1" 6.5 pt at
    409.5; a footnote's "1" 5.5 pt at 196.2 over its 8.5 pt text at 193.2)."""
    rows: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: -g.baseline):
        if rows and abs(rows[-1][0].baseline - glyph.baseline) <= 1.0:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    sizes = [max(g.size for g in row) for row in rows]
    merged: list[list[_Glyph]] = []
    taken = [False] * len(rows)
    for index, row in enumerate(rows):
        if taken[index]:
            continue
        for below in range(index + 1, min(index + 4, len(rows))):
            lift = row[0].baseline - rows[below][0].baseline
            if lift > 0.5 * sizes[below]:
                break
            if sizes[index] <= SUPERSCRIPT_SHARE * sizes[below] and lift > 1.0:
                for glyph in row:
                    glyph.superscript = True
                rows[below].extend(row)
                taken[index] = True
                break
        if not taken[index]:
            merged.append(row)
    return merged


def _as_line(glyphs: list[_Glyph], page: int) -> PrintedLine:
    glyphs.sort(key=lambda g: g.left)
    body = [g for g in glyphs if not g.superscript and not g.char.isspace()]
    size = Counter(g.size for g in body).most_common(1)[0][0] if body else glyphs[0].size
    text, markers, marker, leading = "", [], "", ""
    previous: _Glyph | None = None
    for glyph in glyphs:
        if glyph.superscript:
            marker += glyph.char
            continue
        if marker.strip():
            if text.strip():
                markers.append(marker.strip())
                text = with_marker(text, marker.strip())
            else:
                leading = marker.strip()
        marker = ""
        if glyph.char.isspace():
            text += " "
            previous = None
            continue
        if previous is not None:
            text += gap(glyph.left - previous.right, glyph.size)
        text += glyph.char
        previous = glyph
    if marker.strip():
        if text.strip():
            markers.append(marker.strip())
            text = with_marker(text, marker.strip())
        else:
            leading = marker.strip()
    first = body[0] if body else glyphs[0]
    # A marker taken out between a space and a comma leaves "22 March 2019 , 42/18" (A/RES/78/210).
    text = " ".join(text.split())
    if markers:
        text = _SPACE_BEFORE_PUNCTUATION.sub("", text)
    return PrintedLine(page, first.baseline, first.left, size, text, markers, leading)


def with_marker(text: str, marker: str) -> str:
    """The text so far with a numbered marker's placeholder glued to its last word, before the
    punctuation the marker was printed after: "Rights," + "1" -> "Rights<1>,"; "the Future " +
    "18" -> "the Future<18>". A marker that is no number ("*", "a") is left out, as before."""
    if not marker.isdigit():
        return text
    stripped = text.rstrip()
    trailing = _TRAILING_PUNCTUATION.search(stripped)  # always matches (maybe empty); typed for mypy
    at = trailing.start() if trailing else len(stripped)
    return stripped[:at] + encode(int(marker)) + stripped[at:] + text[len(stripped):]


def _assemble(pages: list[list[PrintedLine]]) -> PdfLayout:
    """Body lines with blank lines between paragraphs, footnotes, and the furniture set aside."""
    body_size = _body_size(pages)
    margin = _left_margin(pages, body_size)
    lines: list[str] = []
    footnotes: list[Footnote] = []
    furniture: list[str] = []
    previous: PrintedLine | None = None
    for number, page in enumerate(pages, 1):
        in_footnotes = False
        for line in page:
            if _is_furniture(line, number):
                furniture.append(line.text)
                continue
            if _RULE.match(line.text.replace(" ", "")) and line.size < body_size:
                in_footnotes = True  # Word's footnote separator, typed as underscores
                continue
            if _is_box_note(line) and not in_footnotes:
                # A lettered note inside a box, not at the page's foot: "sentences;ª in addition" ...
                # "ª See sect. E." under model strategy No. 8 (A/RES/80/226); it stays with the box's
                # text, letter and all, and the page's text under it is no footnote.
                line.text = f"{line.leading_marker} {line.text}"
            elif in_footnotes or (line.leading_marker and line.size < body_size):
                in_footnotes = True
                _add_footnote(footnotes, line)
                continue
            if previous is not None and (_opens_paragraph(previous, line, margin, body_size)
                                         or _SECTION_NUMBER.match(line.text)
                                         or _SECTION_NUMBER.match(previous.text)):
                lines.append("")
            lines.append(_GLUED_LABEL.sub(r"\1 ", line.text))
            previous = line
    footnotes = [Footnote(f.marker, text, f.page)
                 for f, text in zip(footnotes, resolve_gaps([f.text for f in footnotes]))]
    return PdfLayout(resolve_gaps(lines), footnotes, len(pages), furniture)


def _is_furniture(line: PrintedLine, page: int) -> bool:
    """Running headers (pages 2 on: the first page's top is the masthead) and footers."""
    if line.baseline < FOOTER_MARGIN:
        return True
    return page > 1 and line.top < HEADER_MARGIN


def _is_box_note(line: PrintedLine) -> bool:
    return line.leading_marker.isalpha() and line.leading_marker.islower() and len(line.leading_marker) == 1


def _add_footnote(footnotes: list[Footnote], line: PrintedLine) -> None:
    text = " ".join(strip_markers(line.text).split())  # a note's own superscripts are not linked
    if line.leading_marker or not footnotes:
        footnotes.append(Footnote(line.leading_marker, text, line.page))
    else:  # a footnote's second line, or its rest carried to the next page
        last = footnotes[-1]
        # A line ending in a hyphen before a lower-case word is one word broken where it has its
        # hyphen (no note word is hyphenated by the printer): "www.ohchr.org/en/documents/country-" /
        # "reports/forced-labour-..." (A/RES/79/181, note 22), as footnotes.footnotes_from_lines joins.
        glue = "" if last.text.endswith("-") and not last.text.endswith(" -") and text[:1].islower() else " "
        footnotes[-1] = Footnote(last.marker, f"{last.text}{glue}{text}".strip(), last.page)


def _opens_paragraph(previous: PrintedLine, line: PrintedLine, margin: float, body_size: float) -> bool:
    if line.page != previous.page:
        if strip_markers(previous.text).endswith(_SENTENCE_END) and _PAGE_TOP_HEADING.match(line.text):
            return True
        return line.left > margin + 6  # the first line of a paragraph is indented
    if previous.size > line.size * 1.1 or line.size > previous.size * 1.1:
        return True  # the 12 pt title under the 10 pt "[on the report of ...]"
    # Lines of the 12 pt title stay together even across the gap Word leaves between two of its
    # paragraphs: "79/243. United Nations Convention against Cybercrime;" / "Strengthening ...".
    if previous.size > body_size and line.size > body_size:
        return False
    return previous.baseline - line.baseline > PARAGRAPH_GAP_SHARE * max(previous.size, line.size)


def _body_size(pages: list[list[PrintedLine]]) -> float:
    counts: Counter[float] = Counter()
    for page in pages:
        for line in page:
            counts[line.size] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _left_margin(pages: list[list[PrintedLine]], body_size: float) -> float:
    """The left edge most body lines start at (123.4 pt in the ODS PDFs)."""
    counts = Counter(round(line.left) for page in pages for line in page if line.size == body_size)
    return float(counts.most_common(1)[0][0]) if counts else 72.0
