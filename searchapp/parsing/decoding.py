"""Bytes -> text: detect what is not text at all, then guess the encoding UN texts come in."""

from __future__ import annotations

import re

from searchapp.exceptions import BadInputFile

_SIGNATURES = {
    b"%PDF": "a PDF file, not text; extract its text first (e.g. pdftotext)",
    b"\x89PNG": "a PNG image, not text",
    b"\xff\xd8\xff": "a JPEG image, not text",
    b"PK\x03\x04": "a ZIP/Office archive, not text",
    b"GIF8": "a GIF image, not text",
}
# Control characters other than tab, line feed and form feed (carriage returns are gone by then).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f]")


def decode_bytes(data: bytes, path: str = "") -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM, else Windows-1252, else Latin-1.

    Line ends become "\\n". Raises BadInputFile for binary data.
    """
    for signature, reason in _SIGNATURES.items():
        if data.startswith(signature):
            raise BadInputFile(path, reason)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadInputFile(path, "starts with a UTF-16 byte order mark but is not valid UTF-16") from None
    else:
        if b"\x00" in data[:65536]:
            raise BadInputFile(path, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > 0.02:
        raise BadInputFile(path, "binary file (too many control characters), not text")
    return text
