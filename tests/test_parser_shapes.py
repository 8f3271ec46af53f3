"""Every way the same resolution can reach us as bytes parses to the same paragraphs.

Each variant is made at test time from a seed or a real corpus file (line ends, byte order marks,
UTF-16, Windows-1252 and Latin-1 bytes, blank lines, tabs, no-break and invisible characters,
hyphen and dash variants, a missing footer), written to disk and read back with parse_file.
Then the files a user may point the indexer at by mistake: each is refused with a reason.
"""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, SEEDS_DIR, require_corpus

from searchapp.exceptions import BadInputFile
from searchapp.parsing import decode_bytes, parse_file, parse_text

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
# A PDF-layout GA text with curly quotes and en dashes, the same resolution flattened behind tags,
# hard-wrapped Security Council OCR (one with "Pérez de Cuéllar"), and a draft.
CORPUS_FILES = ["ga-resolutions/A_RES_78_216.txt", "ga-with-tags/A_RES_78_216.txt",
                "unsc-resolutions/S_RES_0242_1967.txt", "unsc-resolutions/S_RES_0494_1981.txt",
                "unsc-drafts/S_2016_1061.txt"]
SOURCES = SEEDS + [CORPUS_DIR / name for name in CORPUS_FILES]
# The standalone meeting line or "Adopted ..." line where each footer starts.
_FOOTER = re.compile(r"^\s*(?:\d{1,4}(?:st|nd|rd|th) (?:plenary )?meeting\s*$|Ad[oa]pted\b)", re.M)


def source_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent != SEEDS_DIR else path.name


def require(path: Path) -> str:
    if not path.is_file():
        require_corpus()  # a skip outside CI, a failure in CI
        pytest.fail(f"{path} is not in the shared corpus")
    return path.read_text(encoding="utf-8")


def paragraphs(document):
    return [(p.kind, p.number, p.text) for p in document.paragraphs]


def metadata(document):
    return (document.symbol, document.body, document.title, document.date, document.year, document.session,
            document.meeting, document.vote, document.tags)


def parse_bytes(tmp_path: Path, data: bytes, name: str = "variant.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return parse_file(path)


# The documented normal forms: no-break and narrow spaces are spaces, non-breaking hyphens are
# hyphens, word joiners and soft hyphens vanish; curly quotes, en and em dashes are text and stay.
TO_CP1252 = {0x2011: "-", 0x202F: " ", 0x2060: None, 0x00AD: None}


def variants():
    """(name, text -> bytes) for every encoding and spacing variant that must not change a thing."""
    return {
        "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        "cr": lambda text: text.replace("\n", "\r").encode("utf-8"),
        "utf8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf16-crlf": lambda text: text.replace("\n", "\r\n").encode("utf-16"),
        "windows-1252": lambda text: text.translate(TO_CP1252).encode("cp1252"),
        "extra-blank-lines": lambda text: re.sub(r"\n[ \t]*\n", "\n\n \n\t\n", text).encode("utf-8"),
        "trailing-spaces-and-tabs": lambda text: re.sub(r"(?m)$", " \t ", text).encode("utf-8"),
        "tab-indents-and-tab-spacing": lambda text: re.sub(
            r"(?m)^(?=\S)", "\t", text.replace(", ", ",\t")).encode("utf-8"),
        "leading-blank-lines": lambda text: ("\n \n\n" + text).encode("utf-8"),
        "no-break-spaces": lambda text: text.replace(" ", "\u00a0").encode("utf-8"),
        "narrow-no-break-spaces": lambda text: text.replace(" ", "\u202f").encode("utf-8"),
        "non-breaking-hyphens": lambda text: re.sub(r"(?<=[a-z])-(?=[a-zA-Z])", "\u2011", text).encode("utf-8"),
        "hyphen-and-figure-dash": lambda text: re.sub(r"(?<=[a-z])-(?=[a-zA-Z])", "\u2010", text)
        .replace("Add.1-", "Add.1\u2012").encode("utf-8"),
        "word-joiners-and-soft-hyphens": lambda text: re.sub(
            r"(?<=[a-z]{3})(?=[a-z]{4})", "\u2060", re.sub(r"(?<=[a-z]{4})(?=[a-z]{3}\b)", "\u00ad", text)
        ).encode("utf-8"),
        "form-feed-between-pages": lambda text: re.sub(r"\n\n", "\n\f\n", text, count=3).encode("utf-8"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(variants()))
@pytest.mark.parametrize("source", SOURCES, ids=source_id)
def test_an_encoding_or_spacing_variant_parses_to_the_same_resolution(tmp_path, source, variant):
    text = require(source)
    original = parse_file(source)
    document = parse_bytes(tmp_path, variants()[variant](text), source.name)
    assert paragraphs(document) == paragraphs(original)
    assert metadata(document) == metadata(original)


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=source_id)
def test_latin1_bytes_decode_like_the_same_text_in_utf8(tmp_path, source):
    # Latin-1 has no curly quotes or dashes: the variant is the text with straight ones.
    text = require(source).translate({**TO_CP1252, 0x2018: "'", 0x2019: "'", 0x201C: '"', 0x201D: '"',
                                      0x2013: "-", 0x2014: "-"})
    document = parse_bytes(tmp_path, text.encode("latin-1"), source.name)
    assert paragraphs(document) == paragraphs(parse_text(text, str(source)))


@pytest.mark.slow
def test_windows_1252_quotes_and_accents_come_back_as_unicode(tmp_path):
    text = require(CORPUS_DIR / "unsc-resolutions/S_RES_0494_1981.txt")
    document = parse_bytes(tmp_path, text.replace("Mr. ", "\u201cMr.\u201d ").encode("cp1252"), "S_RES_0494_1981.txt")
    recommends = document.paragraphs[-1]
    assert "\u201cMr.\u201d Javier P\u00e9rez de Cu\u00e9llar" in recommends.text
    assert decode_bytes(b"caf\xe9 \x93d\xe9fense\x94 \x96 1\xbd", "x") == \
        "caf\u00e9 \u201cd\u00e9fense\u201d \u2013 1\u00bd"
    assert decode_bytes("caf\u00e9".encode("latin-1"), "x") == "caf\u00e9"


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=source_id)
def test_en_dashes_are_text_and_stay_where_they_were(tmp_path, source):
    text = require(source).replace("\u2011", "-")
    dashed = re.sub(r"(?<=[a-z])-(?=[a-z])", "\u2013", text)
    expected = [(kind, number, re.sub(r"(?<=[a-z])-(?=[a-z])", "\u2013", body))
                for kind, number, body in paragraphs(parse_file(source))]
    assert paragraphs(parse_bytes(tmp_path, dashed.encode("utf-8"), source.name)) == expected


@pytest.mark.slow
def test_real_en_dashes_survive_parsing():
    source = CORPUS_DIR / "ga-resolutions/A_RES_78_119.txt"
    assert "Disaster Risk Reduction 2015\u20132030" in require(source)
    texts = [p.text for p in parse_file(source).paragraphs]
    assert any("Sendai Framework for Disaster Risk Reduction 2015\u20132030" in text for text in texts)


@pytest.mark.slow
@pytest.mark.parametrize("source", [s for s in SOURCES if s.parent.name != "unsc-drafts"], ids=source_id)
def test_without_its_footer_a_resolution_keeps_its_paragraphs(tmp_path, source):
    text = require(source)
    original = parse_file(source)
    footer = _FOOTER.search(text) if "\n" in text.strip() else None
    if footer is None:  # the one-line shape: "... 65th plenary meeting 18 December 2009"
        footer = re.search(r" \d{1,4}(?:st|nd|rd|th) (?:plenary )?meeting\b", text)
    document = parse_bytes(tmp_path, text[:footer.start()].encode("utf-8"), source.name)
    assert paragraphs(document) == paragraphs(original)
    assert (document.symbol, document.session, document.meeting, document.vote) == (
        original.symbol, original.session, None, None)
    assert document.year == original.year  # from the heading, or from the symbol (E/CN.4/RES/2004/68)


@pytest.mark.slow
def test_the_commission_seeds_take_their_date_from_the_footer_only(tmp_path):
    text = require(SEEDS_DIR / "000_0cc30cf95526c7a5.txt")
    document = parse_bytes(tmp_path, text[:text.index("57th meeting")].encode("utf-8"))
    assert (document.date, document.year, document.meeting) == (None, 2004, None)


# -- files that are not resolutions ---------------------------------------------------------------

def _random_bytes_with_nuls() -> bytes:
    rng = random.Random(20240511)
    data = bytearray(rng.randbytes(3000))
    for index in range(0, len(data), 97):
        data[index] = 0
    return bytes(data)


def _seed_bytes(name: str, change) -> bytes:
    return change(require(SEEDS_DIR / name)).encode("utf-8")


BAD_INPUTS = {
    "empty": (lambda: b"", "empty file"),
    "whitespace-only": (lambda: b" \r\n\t\n  \n", "only whitespace"),
    "whitespace-only-utf16": (lambda: " \n\t\n".encode("utf-16"), "only whitespace"),
    "pdf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "a PDF file, not text"),
    "png": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "a PNG image, not text"),
    "jpeg": (lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image, not text"),
    "docx": (lambda: b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a Word (.docx) file, not text"),
    "random-bytes-with-nuls": (_random_bytes_with_nuls, "binary file (contains NUL bytes)"),
    "control-characters": (lambda: bytes(range(1, 9)) * 50 + b"The General Assembly,", "too many control characters"),
    "broken-utf16": (lambda: b"\xff\xfe" + b"\x00\xd8" * 3, "not valid UTF-16"),
    "no-paragraphs": (lambda: _seed_bytes("000_0cc30cf95526c7a5.txt", lambda t: t[:t.index("Recalling")]
                                          + t[t.index("57th meeting"):]), "no paragraphs found"),
    "heading-only-one-line": (lambda: _seed_bytes("003_24ed9d044c465573.txt", lambda t: t[:t.index(" Recalling")]),
                              "no paragraphs found"),
    "heading-and-footer-one-line": (lambda: _seed_bytes("003_24ed9d044c465573.txt", lambda t: t[:t.index(
        " Recalling")] + " 65th plenary meeting 18 December 2009"), "no paragraphs found"),
    "malformed-tag-header": (lambda: _seed_bytes("003_24ed9d044c465573.txt", lambda t: t.replace("|", " ", 30)),
                             "malformed %%% tag header"),
    "no-symbol": (lambda: _seed_bytes("001_e96ac3747fac99ba.txt",
                                      lambda t: t.replace("Commission on \n\nHuman Rights resolution 2002/70", "")
                                      .replace("The Commission on Human Rights,", "The Working Group,")),
                  "not a recognisable UN resolution"),
    "a-letter": (lambda: b"Dear colleagues,\n\nPlease find attached the draft.\n\nRegards,\nThe secretariat\n",
                 "not a recognisable UN resolution"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_a_file_that_is_not_a_resolution_is_refused_with_its_reason(tmp_path, case):
    make, reason = BAD_INPUTS[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(make())
    with pytest.raises(BadInputFile) as refused:
        parse_file(path)
    assert refused.value.path == str(path)
    assert reason in refused.value.reason
    assert str(refused.value) == f"{path}: {refused.value.reason}"


def test_a_folder_or_a_missing_file_is_refused_too(tmp_path):
    with pytest.raises(BadInputFile, match="is a folder, not a file"):
        parse_file(tmp_path)
    with pytest.raises(BadInputFile, match="cannot be read"):
        parse_file(tmp_path / "missing.txt")
