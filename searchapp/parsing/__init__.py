"""Text file (or PDF, or Word file: parsing/formats.py) -> Document with Paragraphs, for every
text shape the corpus brings.

Shapes: the Commission's texts (seeds 000/001: paragraphs between blank lines, "10." alone on
its line), the one-line shape behind a `%%%TAG|TAG|` header (seed 003, corpus/ga-with-tags),
General Assembly PDF text (masthead, running headers, footnotes), hand-corrected OCR of Security
Council resolutions (hard-wrapped lines) and Security Council drafts (a paragraph per line).

    head  = everything before "The General Assembly," (or the Commission, Council...): metadata
    body  = the paragraphs
    tail  = from the meeting / "Adopted ..." line on: meeting, date, vote

A file that is not a resolution raises BadInputFile with the reason; nothing else escapes.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from searchapp.exceptions import BadInputFile
from searchapp.models import (
    DRAFT_RESOLUTION,
    GENERAL_ASSEMBLY,
    OPERATIVE,
    PREAMBULAR,
    SECURITY_COUNCIL,
    Document,
    Paragraph,
)
from searchapp.parsing import assembly, document_types, metadata
from searchapp.parsing.cleanup import normalise_characters
from searchapp.parsing.decoding import decode_bytes
from searchapp.parsing.footnotes import take_markers
from searchapp.parsing.formats import DOCX, PDF, read_docx, reader_for
from searchapp.parsing.languages import (
    BODY_NAMES,
    body_line_pattern,
    foreign_opening_phrase,
    recognise_language,
)
from searchapp.parsing.paragraphs import (
    PREAMBULAR_OPENERS,
    blocks_from_lines,
    mark_sole_operative,
    opening_phrase,
    paragraphs_from_blocks,
    paragraphs_from_line,
)
from searchapp.parsing.parts import footnote_paragraphs, inline_parts, printed_parts
from searchapp.parsing.pdf_layout import pdf_layout
from searchapp.parsing.sponsors import sponsors_of

__all__ = ["decode_bytes", "parse_file", "parse_pdf", "parse_text"]

# Any spacing between the words: "The Commission  on Human Rights," is still the body line; so
# are "L'Assemblée générale," and "La Asamblea General,".
_BODIES = "(?:" + "|".join(body_line_pattern(language) for language in BODY_NAMES) + ")"
_BODY_LINE = re.compile(rf"^\s*{_BODIES}\s*,?\s*$", re.M)
# Also at the very end of a one-line text that has no paragraphs: "... The General Assembly,".
_BODY_INLINE = re.compile(rf"(?<!\w){_BODIES}\s*,(?:\s|$)")
# The tail starts at "Adopted ..." or at a meeting line standing alone ("50th plenary meeting");
# a meeting named inside a paragraph ("1143rd meeting, on 11 August 1964;" in S/RES/222) is text.
# OCR also reads "Adopted" as "Adapted" (S_RES_0494_1981, S_RES_0651_1990), and S_RES_0663_1990
# prints "Approved unanimously at the 2936th meeting.".
# The Human Rights Council's reports print the meeting and the date on one line, and the vote in
# brackets: "28th meeting, 2 October 2008" / "[Adopted without a vote.]".
_TAIL_LINE = re.compile(rf"^\s*(?:{metadata.MEETING_WORDS}\s*[.,]?\s*"
                        rf"(?:$|\d{{1,2}}(?:er)?\s+(?:de\s+)?\w+\s+(?:de\s+)?\d{{4}})"
                        rf"|\[?{metadata.ADOPTED_WORDS})", re.M)
_TAIL_INLINE = re.compile(rf"(?:^|\s){metadata.MEETING_WORDS}\b")  # "^": right after the body line
_GA_TITLE_BLOCK = re.compile(r"^\s*\d{2}/\d{1,3}\.\s+\S.*(?:\n[ \t]*\S.*)*$", re.M)
# "Resolution 300 (1971)", "RESOLUTION 768 (1992)", "65 (1948). Resolution of 28 December 1948";
# looked for near the top only, so a preambular line "501 (1982) of 25 February 1982, ..." is text.
_SC_HEADING_LINE = re.compile(r"^\s*(?:[Rr]esolution\s+|RESOLUTION\s+)?\d{1,4}\s*\(\d{4}\)\.?.*$", re.M)
_SC_HEADING_REACH = 400
# Lines that belong to the heading: "of 12 October 1971", "[on the report of ...]", and the 1992-1994
# "Adopted by the Security Council at its 3157th meeting," / "on 8 January 1993".
_SC_HEADING_CONTINUATIONS = ("of ", "[", "Adopted by ", "on ")
# The one-line shape: a single line, or a line of over 200 characters holding more than half of the
# text (short printed texts such as unsc-resolutions/S_RES_0010_1946.txt have long lines too).
MIN_ONE_LINE = 200
ONE_LINE_SHARE = 0.5


def parse_file(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise BadInputFile(str(path), "is a folder, not a file") from None
    except PermissionError:
        raise BadInputFile(str(path), "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise BadInputFile(str(path), f"cannot be read: {exc.strerror or exc}") from None
    reader = reader_for(path, data[:4096])
    if reader == PDF:
        return parse_pdf(path)
    if reader == DOCX:
        text, notes = read_docx(path)
        return _with_footnotes(parse_text(text, str(path)), notes)
    return parse_text(decode_bytes(data, str(path)), str(path))


def parse_pdf(path: str | Path) -> Document:
    """A PDF's text layer, laid out by searchapp.parsing.pdf_layout, through the text parser;
    the document records how many pages were read."""
    source = str(path)
    try:
        layout = pdf_layout(path)
    except BadInputFile:
        raise
    except Exception as exc:  # noqa: BLE001 -- PDFium on a damaged file: the run goes on
        raise BadInputFile(source, f"damaged PDF ({type(exc).__name__}: {exc})") from None
    document = _with_footnotes(parse_text(layout.text, source), layout.footnotes)
    document.pages = layout.pages
    return document


def _with_footnotes(document: Document, notes) -> Document:
    """A PDF's layout and a Word file set their footnotes aside (their markers are placeholders
    in the text): the notes become the part "footnote"."""
    if not document.footnotes:
        # Characters as the text parser reads them: "anti\u2011discrimination" -> "anti-discrimination".
        notes = [dataclasses.replace(note, text=normalise_characters(note.text)) for note in notes]
        document.paragraphs += footnote_paragraphs(document.symbol, notes, len(document.paragraphs))
    return document


def parse_text(text: str, source: str) -> Document:
    try:
        return _parse(text, source)
    except BadInputFile:
        raise
    except Exception as exc:  # a parser bug must not stop a whole indexing run
        raise BadInputFile(source, f"could not be parsed ({type(exc).__name__}: {exc})") from None


def _split_tags(text: str, source: str) -> tuple[tuple[str, ...], str]:
    """`%%%HUMAN RIGHTS ADVANCEMENT|DECLARATIONS|` on the first line: the UNBIS subject tags."""
    stripped = text.lstrip()
    if not stripped.startswith("%%%"):
        return (), text
    header, _, rest = stripped.partition("\n")
    if "|" not in header:
        raise BadInputFile(source, "malformed %%% tag header: expected %%%TAG|TAG| on the first line")
    tags = tuple(dict.fromkeys(" ".join(t.split()) for t in header[3:].split("|") if t.strip()))
    return tags, rest


def _parse(text: str, source: str) -> Document:
    if not text.strip():
        raise BadInputFile(source, "empty file" if not text else "only whitespace, no text")
    text = normalise_characters(text)
    tags, text = _split_tags(text, source)
    language = recognise_language(text, source)
    text = _drop_previous_resolution(text, source)
    one_line = _is_one_line(text)
    head, body, tail = _split_head_body_tail(text, one_line)
    identity = metadata.identify(head, text, source)
    if identity is None:
        raise BadInputFile(source, document_types.not_a_resolution(text)
                           or "not a recognisable UN resolution: no symbol or adopting body found")
    symbol, body_name, session = identity
    title = metadata.title_of(head, symbol, body_name)
    if one_line:
        parts = inline_parts(body, tail, symbol, metadata.job_number(head), title)
        items = paragraphs_from_line(" ".join(parts.body.split()))
    else:
        parts = printed_parts(body, tail, title, guess_markers=body_name == SECURITY_COUNCIL)
        items = paragraphs_from_blocks(blocks_from_lines(parts.body.split("\n")), parts.vocabulary)
    # Meeting, date and vote come from the closing lines only, never from an annex or a footnote.
    facts = _facts(head, parts.tail, symbol, body_name, language, source)
    if language != "en":
        # The French text of A/RES/78/216 carries the same symbol as the English one: both are
        # indexed, the other languages' under "A/RES/78/216 [fr]", "A/RES/78/216 [es]".
        symbol = f"{symbol} [{language}]"
    paragraphs = _number(symbol, mark_sole_operative(items), language)
    if not paragraphs:
        raise BadInputFile(source, "no paragraphs found (no preambular or operative text after the heading)")
    paragraphs += parts.paragraphs(symbol, start=len(paragraphs))
    return Document(symbol=symbol, body=body_name, title=title, session=session, source=source, tags=tags,
                    paragraphs=paragraphs, language=language, **facts)


def _facts(head: str, tail: str, symbol: str, body: str, language: str, source: str) -> dict:
    """Date, year, meeting, vote, document type, committee and agenda items of a text."""
    date = metadata.adoption_date(head, tail, symbol, language)
    if date is None and "/L." in symbol:
        date = metadata.find_date(head, language)  # a draft's masthead date: "Distr.: Limited / 14 October 2025"
    meeting, vote = metadata.meeting_and_vote(tail, head)
    assembly_text = body == GENERAL_ASSEMBLY
    document_type = document_types.document_type(symbol, head, source)
    return {
        "date": date, "year": date.year if date else metadata.year_from_symbol(symbol, source),
        "meeting": meeting, "vote": vote,
        "document_type": document_type,
        "sponsors": sponsors_of(head) if document_type == DRAFT_RESOLUTION else (),
        "has_symbol": not symbol.startswith(document_types.NO_SYMBOL_PREFIX),
        "committee": assembly.committee(head) if assembly_text else None,
        "agenda_items": assembly.agenda_items(head) if assembly_text else (),
    }


_COUNCIL_FILE_NAME = re.compile(r"S_RES_0*(\d+)_(\d{4})")
# Any resolution heading at a line start; the one whose number and year are the file name's is
# taken (one compiled pattern for all files: a pattern per file cost a compile each, 1,700 files).
# A heading of another number that a scan steps over cannot hide this one's: the text it spans
# holds its own number only.
_COUNCIL_HEADING = re.compile(r"^\s*(?:Resolution\s+)?(\d+)\s*\((\d{4})\)", re.M)
_DIGIT = re.compile(r"\d")


def _drop_previous_resolution(text: str, source: str) -> str:
    """Some OCR'd Security Council files begin with the tail of the previous resolution: start
    at this resolution's own heading ("Resolution 300 (1971)" or "300 (1971). Resolution of ...")."""
    match = _COUNCIL_FILE_NAME.fullmatch(Path(source).stem)
    if not match:
        return text
    heading = next((found for found in _COUNCIL_HEADING.finditer(text) if found.groups() == match.groups()), None)
    if heading and heading.start() > 0:
        start = text.rfind("\n", 0, heading.start())
        before = text[:start]
        topic = before.rstrip().rsplit("\n", 1)[-1] if before.strip() else ""
        # Keep an upper-case topic heading right above it ("MILITARY STAFF COMMITTEE").
        if topic.strip() and topic.strip().upper() == topic.strip() and not _DIGIT.search(topic):
            start = before.rstrip().rfind("\n")
        return text[max(start, 0):]
    return text


def _is_one_line(text: str) -> bool:
    """The flattened shape: one line holds most of the text, however short the whole is
    (ga-with-tags/A_RES_78_186.txt: masthead, two preambular paragraphs and "Takes note of the
    report ..." in 1,300 characters). A long line alone is not enough: drafts print a paragraph
    per line, and unsc-drafts/S_2017_77.txt has a 3,000-character one among 300 lines."""
    lines = [line for line in text.split("\n") if line.strip()]
    longest = max((len(line) for line in lines), default=0)
    total = sum(len(line) for line in lines)
    return len(lines) == 1 or (longest > MIN_ONE_LINE and longest > total * ONE_LINE_SHARE)


def _split_head_body_tail(text: str, one_line: bool) -> tuple[str, str, str]:
    if one_line:
        flat = " ".join(text.split())
        start = _BODY_INLINE.search(flat)
        if start:
            head, body = flat[:start.start()], flat[start.end():]
        else:
            head, body = _split_after_ga_title(flat)
        end = _TAIL_INLINE.search(body)
        return (head, body[:end.start()], body[end.start():]) if end else (head, body, "")
    start = _BODY_LINE.search(text)
    if start:
        head, body = _council_preamble_to_body(text[:start.start()], text[start.end():])
    elif title := _GA_TITLE_BLOCK.search(text):
        # A/RES/78/225 was printed without "The General Assembly,": the title block
        # "78/225. Enhancing the contributions ... Sustainable Development" ends the head.
        head, body = text[:title.end()], text[title.end():]
    else:
        heading = _SC_HEADING_LINE.search(text, 0, _SC_HEADING_REACH)
        if heading:  # 1946-style Security Council texts have no "The Security Council," line
            head, body = text[:heading.end()], text[heading.end():]
            while body.lstrip("\n").startswith(_SC_HEADING_CONTINUATIONS):
                first, _, body = body.lstrip("\n").partition("\n")
                head += "\n" + first
        else:
            head, body = "", text
    # A meeting line that ends a sentence broken mid-way is text: "Having heard the report of the
    # Secretary-General 42 at its" / "2396th meeting," (unsc-resolutions/S_RES_0521_1982.txt).
    end = next((end for end in _TAIL_LINE.finditer(body) if not _MID_SENTENCE.search(_last_word(body, end.start()))),
               None)
    if end:
        return head, body[:end.start()], body[end.start():]
    return head, body, ""


_MID_SENTENCE = re.compile(r"\b(?:at|its|the)\s*$")


def _last_word(text: str, at: int) -> str:
    """The last few characters of text[:at] without its trailing white space: enough for
    _MID_SENTENCE, whose word and the character before it fit in 8 (the first tail line is
    looked for without copying and scanning the whole body before each candidate)."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return text[max(0, at - 8):at]


_WHEREAS = re.compile(r"^\s*Whereas\b", re.M)


def _council_preamble_to_body(head: str, body: str) -> tuple[str, str]:
    """The Council's first resolutions print their preamble above the body line: "7 (1946).
    Resolution of 26 June 1946" / "Whereas the Security Council on 29 April 1946 appointed ..." /
    "The Security Council" / "Decides to keep ..." (S_RES_0007_1946.txt): the "Whereas" paragraphs
    are preambular paragraphs, not heading lines."""
    whereas = _WHEREAS.search(head)
    if whereas and _SC_HEADING_LINE.search(head, 0, whereas.start()):
        return head[:whereas.start()], f"{head[whereas.start():]}\n\n{body}"
    return head, body


_GA_TITLE_INLINE = re.compile(r"Resolution adopted by the General Assembly.*?(?<![\d/])\d{2}/\d{1,3}\.\s+\S+")
_INLINE_OPENER = re.compile(r"\s(?:1\.\s)?([A-Z][a-z]+)\b")


def _split_after_ga_title(flat: str) -> tuple[str, str]:
    """One-line text without "The General Assembly,": the body starts at the first preambular
    opener (or "1. ") after the title: "78/225. Enhancing the contributions ... for Sustainable
    Development Reaffirming its resolution 70/1 ..." -> body "Reaffirming its resolution ..."."""
    title = _GA_TITLE_INLINE.search(flat)
    if not title:
        return "", flat
    for word in _INLINE_OPENER.finditer(flat[title.end():]):
        if word.group(1) in PREAMBULAR_OPENERS or word.group(0).strip().startswith("1."):
            cut = title.end() + word.start() + 1
            return flat[:cut], flat[cut:]
    return "", flat


_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")


def _number(symbol: str, items: list[tuple[int | None, str]], language: str = "en") -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    preambular = 0
    seen: dict[int, int] = {}
    for number, text in items:
        text, footnotes = take_markers(" ".join(text.split()))
        if not _TWO_LETTERS.search(text):
            continue  # stray page numbers or punctuation
        if number is None:
            preambular += 1
            kind, number = PREAMBULAR, preambular
        else:
            kind = OPERATIVE
        occurrence = 1
        if kind == OPERATIVE:
            occurrence = seen[number] = seen.get(number, 0) + 1
        opening = opening_phrase(text) if language == "en" else foreign_opening_phrase(text, language)
        paragraphs.append(Paragraph(symbol=symbol, kind=kind, number=number, position=len(paragraphs),
                                    opening=opening, text=text, occurrence=occurrence, footnotes=footnotes))
    return paragraphs
