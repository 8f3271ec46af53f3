"""Which reader a file needs, by its name and its first bytes: text, PDF (text layer) or Word.

The name says what the user meant, the first bytes what the file is; when they disagree the file
is refused with both ("a Word (.docx) file named .pdf"), since guessing would index a file under a
format its owner does not know it has. Readers:

- `.pdf`: searchapp.parsing.pdf_layout (pypdfium2): printed lines without running headers,
  footers and footnotes, blank lines between paragraphs; then the text parser.
- `.docx`: python-docx: one Word paragraph per line, a blank line between them; then the text parser.
- anything else named directly: read as text (searchapp.parsing.decoding).

Errors: BadInputFile with the reason; nothing else escapes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from searchapp.exceptions import BadInputFile

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


def read_docx(path: Path) -> str:
    """A Word document's paragraphs as text, a blank line between two (the printed shape the text
    parser reads). Footnotes live in a separate part of the file python-docx does not read, so
    they are left out, as the PDF reader leaves them out of the body."""
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInputFile(str(path), f"damaged Word (.docx) file: {exc}") from None
    except Exception as exc:  # noqa: BLE001 -- lxml, python-docx: many kinds on a broken part
        raise BadInputFile(str(path), f"damaged Word (.docx) file ({type(exc).__name__}: {exc})") from None
    return "\n\n".join(paragraph.text for paragraph in document.paragraphs if paragraph.text.strip())
