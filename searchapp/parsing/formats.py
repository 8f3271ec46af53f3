"""Which reader a file needs, by its name and its first bytes: text, PDF (text layer) or Word.

The name says what the user meant, the first bytes what the file is; when they disagree the file
is refused with both ("a Word (.docx) file named .pdf"), since guessing would index a file under a
format its owner does not know it has. Readers:

- `.pdf`: searchapp.parsing.pdf_layout (pypdfium2): printed lines without running headers,
  footers and footnotes, blank lines between paragraphs; then the text parser.
- `.docx`: python-docx: one Word paragraph per line, a blank line between them; then the text parser.
  Footnotes come from the package's footnotes part (word/footnotes.xml), which python-docx does
  not read itself: each footnote reference in the body becomes the text parser's marker
  placeholder, and the notes become the part "footnote", as from a PDF.
- anything else named directly: read as text (searchapp.parsing.decoding).

Errors: BadInputFile with the reason; nothing else escapes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from searchapp.exceptions import BadInputFile
from searchapp.parsing.footnotes import strip_markers
from searchapp.parsing.pdf_layout import Footnote, with_marker

PDF, DOCX, TEXT = ".pdf", ".docx", ".txt"
_PDF_SIGNATURE = b"%PDF-"
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # old Word .doc, Excel .xls


def reader_for(path: Path, head: bytes) -> str:
    """PDF, DOCX or TEXT for a file named `path` whose first bytes are `head`; BadInputFile when
    the name and the content disagree or the format is one searchapp does not read."""
    suffix = path.suffix.lower()
    source = str(path)
    kind = _kind_of(head)
    if suffix == PDF:
        if kind == PDF:
            return PDF
        raise BadInputFile(source, f"named .pdf but {_described(kind, head)}; not read")
    if suffix == DOCX:
        if kind == DOCX:
            return DOCX
        raise BadInputFile(source, f"named .docx but {_described(kind, head)}; not read")
    if suffix in (".doc", ".xls", ".ppt") or kind == ".doc":
        raise BadInputFile(source, "an old Microsoft Office file (.doc): searchapp reads .docx, .pdf "
                                   "and .txt; save it as .docx or PDF")
    if kind == PDF:
        raise BadInputFile(source, f"a PDF file, not text (named {suffix or 'without an extension'}); "
                                   "rename it to .pdf and searchapp reads it")
    if kind == DOCX:
        raise BadInputFile(source, f"a Word (.docx) file, not text (named {suffix or 'without an extension'}); "
                                   "rename it to .docx and searchapp reads it")
    return TEXT


def _kind_of(head: bytes) -> str | None:
    if head.startswith(_PDF_SIGNATURE):
        return PDF
    if head.startswith(_OLE_SIGNATURE):
        return ".doc"
    if head.startswith(_ZIP_SIGNATURE):
        return DOCX if b"word/" in head or b"[Content_Types].xml" in head else ".zip"
    return None


def _described(kind: str | None, head: bytes) -> str:
    if kind == PDF:
        return "is a PDF"
    if kind == DOCX:
        return "is a Word (.docx) file"
    if kind == ".doc":
        return "is an old Word (.doc) file"
    if kind == ".zip":
        return "is a ZIP archive that holds no Word document"
    if not head.strip():
        return "is empty"
    return "is not one (it starts with " + repr(head[:8])[2:-1] + ")"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_TAGS = {_W + tag for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_ON = ("1", "true", "on")


def read_docx(path: Path) -> tuple[str, list[Footnote]]:
    """A Word document's paragraphs as text, a blank line between two (the printed shape the text
    parser reads), and its footnotes.

    Word numbers its footnotes 1, 2, 3 ... in the order their references stand in the body,
    whatever the ids in the file (`<w:footnoteReference w:id="7"/>` may print as note 1); the
    reference becomes the marker placeholder the text parser reads ("Rights<1>,": the paragraph
    records footnote 1), and the note's text (its paragraphs joined by a space) becomes
    Footnote(marker "1", text, page 0: Word files have no pages). A note with its own mark
    (`w:customMarkFollows`, such as "*") is not numbered and, like a PDF's "*" notes, not kept.
    """
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
        numbers: dict[str, int] = {}  # footnote id -> the number Word prints
        # The body's paragraphs, as python-docx's document.paragraphs lists them (tables left out).
        blocks = [text for paragraph in document.element.body.iterfind(_W + "p")
                  if strip_markers(text := _paragraph_text(paragraph, numbers)).strip()]
        notes = _footnotes(document.part, numbers)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInputFile(str(path), f"damaged Word (.docx) file: {exc}") from None
    except Exception as exc:  # noqa: BLE001 -- lxml, python-docx: many kinds on a broken part
        raise BadInputFile(str(path), f"damaged Word (.docx) file ({type(exc).__name__}: {exc})") from None
    return "\n\n".join(blocks), notes


def _paragraph_text(element, numbers: dict[str, int]) -> str:
    """A body paragraph's text (its runs and hyperlinks' runs, as python-docx reads them) with a
    marker placeholder where a footnote reference stands."""
    text, skip_mark = "", False
    for run in element.xpath("w:r | w:hyperlink/w:r"):
        for child in run.iterchildren():
            if child.tag == _W + "footnoteReference":
                if child.get(_W + "customMarkFollows") in _ON:
                    skip_mark = True  # the mark is the next text: "*"
                else:
                    number = numbers.setdefault(child.get(_W + "id"), len(numbers) + 1)
                    text = with_marker(text, str(number))
            elif child.tag in _TEXT_TAGS:
                if skip_mark and child.tag == _W + "t":
                    skip_mark = False
                    continue
                text += str(child)
    return text


def _footnotes(part, numbers: dict[str, int]) -> list[Footnote]:
    """The referenced notes of the package's footnotes part, in Word's numbering order."""
    from lxml import etree

    notes_part = next((rel.target_part for rel in part.rels.values()
                       if rel.reltype == _FOOTNOTES and not rel.is_external), None)
    if notes_part is None or not numbers:
        return []
    texts: dict[str, str] = {}
    for note in etree.fromstring(notes_part.blob).iterfind(_W + "footnote"):
        paragraphs = ["".join(node.text or "" if node.tag == _W + "t" else " " for node in p.iter(*_TEXT_TAGS))
                      for p in note.iterfind(_W + "p")]
        texts[note.get(_W + "id")] = " ".join(" ".join(paragraphs).split())
    return [Footnote(str(number), texts.get(ident, ""), 0)
            for ident, number in sorted(numbers.items(), key=lambda item: item[1])]
