"""Which resolutions and documents a resolution cites, as canonical symbols.

A researcher tracing a mandate wants "what does 2004/68 build on?" and "what cites 53/144?".
Citations are read from paragraph text only (the title and masthead are not the resolution's
words). Two kinds:

- resolution: "General Assembly resolution 53/144 of 9 December 1998" -> A/RES/53/144,
  "its resolution 2003/64" in a Commission text -> E/CN.4/RES/2003/64,
  "Human Rights Council resolution 7/8" -> A/HRC/RES/7/8, "resolution 242 (1967)" ->
  S/RES/242 (1967), "resolution 217 A (III)" -> A/RES/217 A (III), and lists:
  "resolutions 49/18 of 1 April 2022 and 52/4" -> two citations.
- document: report and note symbols such as "A/56/341", "E/CN.4/2002/106", "A/64/439/Add.2 (Part II)".

Addenda: "E/CN.4/2002/106 and Add.1-2" cites the report as a whole, so it is ONE citation of the
main symbol E/CN.4/2002/106, with `addenda=("Add.1", "Add.2")` recording the parts named.
An addendum written into the symbol itself ("A/64/439/Add.2 (Part II)") is a separately issued
document (one part of a Committee report) and keeps its full symbol.

Whose resolution: the number's shape decides first (N (YYYY) is the Security Council's, YYYY/N a
Commission's or ECOSOC's, N/M with a small N the Assembly's or the Human Rights Council's), then
the body named before "resolution", then, for "its resolution", the citing document's body.
Quirk handled: the Commission's 2002/70 says "Recalling its resolution 53/144 ... by which the
Assembly adopted": the Commission never numbered NN/NNN, so that is A/RES/53/144.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from searchapp.models import (
    COMMISSION,
    ECOSOC,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    SECURITY_COUNCIL,
    Document,
    Paragraph,
)
from searchapp.research import symbols as sym

RESOLUTION = "resolution"
DOCUMENT = "document"

# One character for one character, so match offsets are offsets in the original text.
_FOLD = {
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"), "-"),
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\u2060"), " "),
}

_BODY_NAMES = {
    "general assembly": "GA", "assembly": "GA",
    "human rights council": "HRC",
    "commission on human rights": "CHR", "commission": "CHR",
    "economic and social council": "ECOSOC",
    "security council": "SC",
    "council": "COUNCIL",  # which council depends on the citing body and the number's shape
    "its": "ITS",
}
_CITING_BODY = {GENERAL_ASSEMBLY: "GA", HUMAN_RIGHTS_COUNCIL: "HRC", COMMISSION: "CHR",
                ECOSOC: "ECOSOC", SECURITY_COUNCIL: "SC"}

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
_DATE = rf"(?:\s+(?:of|dated)\s+\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})?"
# One resolution number: "53/144", "S-27/2", "242 (1967)", "217 A (III)", "1503 (XLVIII)"
_NUMBER = (r"(?:(?:E?S-)?\d{1,4}/\d{1,4}(?![\d/])"
           r"|\d{1,4}\s*(?:[A-Z](?:-[A-Z])?\s*)?\((?:\d{4}|[IVXLC]+)\))")
_NUMBER_PARTS = re.compile(
    r"(?P<session>(?:E?S-)?\d{1,4})/(?P<slash_number>\d{1,4})"
    r"|(?P<number>\d{1,4})\s*(?:(?P<letter>[A-Z](?:-[A-Z])?)\s*)?"
    r"\((?:(?P<year>\d{4})|(?P<roman>[IVXLC]+))\)"
)
# Body names may be broken across lines in PDF text ("Human Rights\nCouncil resolution 44/20").
_BODY_PATTERN = "|".join(r"\s+".join(map(re.escape, name.split()))
                         for name in sorted(_BODY_NAMES, key=len, reverse=True))
_RESOLUTIONS = re.compile(
    rf"(?:\b(?P<body>{_BODY_PATTERN})\s+)?\bresolutions?\s+"
    rf"(?P<list>{_NUMBER}{_DATE}(?:\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+){_NUMBER}{_DATE})*)",
    re.IGNORECASE,
)
# A body name ending where "resolution" starts (searched in a window of _BODY_REACH characters).
_BODY_BEFORE = re.compile(rf"\b(?:{_BODY_PATTERN})\s+\Z", re.IGNORECASE)
_BODY_REACH = 200
# A document symbol: series letters, then slash-separated parts, at least one of them numeric.
_PART = r"(?:[A-Z][A-Za-z]*\.\d+(?:/Rev\.\d+)?|E?S-\d+|[A-Z]{1,8}|\d+)"
_DOCUMENT_SYMBOL = re.compile(
    rf"(?<![\w/])(?P<symbol>[A-Z]{{1,8}}(?:/{_PART})+)(?P<part>\s*\(Part\s+[IVX]+\)|\s*\(\d{{4}}\))?"
    r"(?P<addenda>(?:\s*(?:,|and)\s*(?:Add|Corr)\.\d+(?:\s*(?:-|and|,)\s*\d+)*)*)"
)
_DIGIT = re.compile(r"\d")
_ADDENDUM = re.compile(r"(Add|Corr)\.(\d+)((?:\s*(?:-|and|,)\s*\d+)*)")


@dataclass(frozen=True)
class Citation:
    """One resolution or document cited, where first cited, and the words that cite it."""

    symbol: str
    kind: str  # RESOLUTION or DOCUMENT
    position: int  # Paragraph.position of the first paragraph citing it
    anchor: str  # that paragraph's anchor, 'pp1' / 'op2', for links
    matched_text: str
    addenda: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "kind": self.kind, "position": self.position,
                "anchor": self.anchor, "matched_text": self.matched_text,
                "addenda": list(self.addenda)}


def extract_citations(document: Document) -> list[Citation]:
    """Every symbol `document` cites, once each, in order of first appearance, never itself."""
    return first_citations(document.symbol, citations_by_paragraph(document))


def citations_by_paragraph(document: Document) -> list[tuple[Paragraph, list[Citation]]]:
    """Each paragraph's citations in text order (repeats kept, the document itself left out)."""
    return [(paragraph, paragraph_citations(paragraph.text, document.symbol, document.body))
            for paragraph in document.paragraphs]


def paragraph_citations(text: str, document_symbol: str, body: str | None) -> list[Citation]:
    """One paragraph's citations in text order (repeats kept), the citing document left out;
    `body` (the citing document's) decides what a bare "resolution 44/20" means."""
    own = _key(document_symbol)
    return [c for _, c in _paragraph_citations(text, _CITING_BODY.get(body)) if _key(c.symbol) != own]


def first_citations(symbol: str, by_paragraph: list[tuple[Paragraph, list[Citation]]]) -> list[Citation]:
    """Each cited symbol once, where it is first cited (`by_paragraph` in printed order; anything
    with a `position` and an `anchor` stands for the paragraph)."""
    seen = {_key(symbol)}
    citations: list[Citation] = []
    for paragraph, found in by_paragraph:
        for citation in found:
            key = _key(citation.symbol)
            if key in seen:
                continue
            seen.add(key)
            citations.append(Citation(citation.symbol, citation.kind, paragraph.position,
                                      paragraph.anchor, citation.matched_text, citation.addenda))
    return citations


def cited_symbols(document: Document) -> list[str]:
    """Just the symbols, in order of first citation."""
    return [c.symbol for c in extract_citations(document)]


def citations_in_text(text: str, citing_body: str | None = None) -> list[Citation]:
    """Citations in one piece of text (position -1): for tests and for text outside paragraphs."""
    short = _CITING_BODY.get(citing_body, citing_body)
    return [c for _, c in _paragraph_citations(text, short)]


def _paragraph_citations(text: str, citing_body: str | None) -> list[tuple[int, Citation]]:
    if not _DIGIT.search(text):
        return []  # every citation has a number; most paragraphs have none
    folded = text.translate(_FOLD)
    found: list[tuple[int, Citation]] = []
    taken: list[tuple[int, int]] = []
    # The symbol pattern is slow to scan with; paragraphs without a "/" skip it.
    for match in _resolution_matches(folded):
        said = _BODY_NAMES.get(" ".join((match["body"] or "").casefold().split()))
        for number in _NUMBER_PARTS.finditer(match["list"]):
            symbol = _resolution_symbol(number, said, citing_body)
            if symbol:
                start = match.start("list") + number.start()
                end = match.start("list") + number.end()
                shown = text[match.start():end] if number.start() == 0 else text[start:end]
                found.append((start, Citation(symbol, RESOLUTION, -1, "", shown)))
        taken.append(match.span())
    for match in _DOCUMENT_SYMBOL.finditer(folded) if "/" in folded else ():
        if _inside(taken, match.start()) or not re.search(r"\d", match["symbol"]):
            continue
        if re.match(r"[IVX]+/", match["symbol"]):
            continue  # "decision IX/9" of a treaty conference, not a UN document symbol
        found.append((match.start(), _document_citation(match, text)))
    found.sort(key=lambda item: item[0])
    return found


def _resolution_matches(text: str):
    """The matches of `_RESOLUTIONS.finditer(text)`, found by jumping to each "resolution" and
    looking back for a body name, instead of trying the pattern (optional body name first) at
    every character, which cost more than the rest of indexing a paragraph."""
    lowered = text.lower()
    if len(lowered) != len(text):  # offsets would not line up; rare enough to scan
        yield from _RESOLUTIONS.finditer(text)
        return
    end = 0
    at = lowered.find("resolution")
    while at >= 0:
        body = _BODY_BEFORE.search(text, max(end, at - _BODY_REACH), at)
        match = _RESOLUTIONS.match(text, body.start() if body else at)
        if match:
            yield match
            end = match.end()
            at = lowered.find("resolution", end)
        else:
            at = lowered.find("resolution", at + 1)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in one of the (sorted, disjoint) spans."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _document_citation(match: re.Match, text: str) -> Citation:
    symbol = match["symbol"]
    if match["part"]:
        symbol += match["part"]
    candidates = sym.symbol_candidates(symbol)
    is_resolution = "/RES/" in symbol.upper() and candidates
    canonical = candidates[0] if is_resolution else sym.document_symbol(symbol)
    addenda: list[str] = []
    for kind, first, more in _ADDENDUM.findall(match["addenda"] or ""):
        numbers = [int(first)] + [int(n) for n in re.findall(r"\d+", more)]
        if re.match(r"\s*-", more) and len(numbers) == 2:  # "Add.1-4" is a range
            numbers = list(range(numbers[0], numbers[1] + 1))
        addenda += [f"{kind}.{n}" for n in numbers]
    return Citation(canonical, RESOLUTION if is_resolution else DOCUMENT, -1, "",
                    text[match.start():match.end()].strip(), tuple(addenda))


def _resolution_symbol(number: re.Match, said: str | None, citing_body: str | None) -> str | None:
    """Apply the shape-then-body rule of the module docstring to one number."""
    if said in ("ITS", None):
        body = citing_body
    elif said == "COUNCIL":
        body = citing_body if citing_body in ("HRC", "SC", "ECOSOC") else None
    else:
        body = said
    if number["year"]:
        return sym.security_council(number["number"], number["year"])
    if number["roman"]:
        return sym.roman_session(number["number"], number["letter"], number["roman"],
                                 body="ECOSOC" if body == "ECOSOC" else "GA")
    session, value = number["session"], number["slash_number"]
    if session.isdigit() and len(session) == 4:  # a year: the Commission's or ECOSOC's numbering
        # "Council resolution 1980/67" is the Economic and Social Council's.
        ecosoc = body == "ECOSOC" or said == "COUNCIL" or int(session) >= 2006
        shape_body = "ECOSOC" if ecosoc else "CHR"
    elif said == "COUNCIL" and body is None:
        shape_body = "HRC"
    else:  # a session number: the Assembly's unless the Human Rights Council is meant
        shape_body = "HRC" if body == "HRC" else "GA"
    candidates = sym.candidates_for_numbers(session, value, shape_body)
    return candidates[0] if candidates else None


def _key(symbol: str) -> str:
    return symbol.casefold().replace(" ", "")
