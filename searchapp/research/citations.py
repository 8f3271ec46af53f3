"""Which resolutions and documents a resolution cites, as canonical symbols.

A researcher tracing a mandate wants "what does 2004/68 build on?" and "what cites 53/144?".
Citations are read from paragraph text only (the title and masthead are not the resolution's
words). Two kinds:

- resolution: "General Assembly resolution 53/144 of 9 December 1998" -> A/RES/53/144,
  "its resolution 2003/64" in a Commission text -> E/CN.4/RES/2003/64,
  "Human Rights Council resolution 7/8" -> A/HRC/RES/7/8, "resolution 242 (1967)" ->
  S/RES/242 (1967), "resolution 217 A (III)" -> A/RES/217 A (III) (number shapes: see
  `citation_numbers`), and lists: "resolutions 49/18 of 1 April 2022 and 52/4" -> two citations,
  "Council resolutions 21/12, 24/16 and 27/5" -> three of the Council's (see `_list_items`).
- document: report and note symbols such as "A/56/341", "E/CN.4/2002/106", "A/64/439/Add.2 (Part II)".

Addenda: "E/CN.4/2002/106 and Add.1-2" cites the report as a whole, so it is ONE citation of the
main symbol E/CN.4/2002/106, with `addenda=("Add.1", "Add.2")` recording the parts named.
An addendum written into the symbol itself ("A/64/439/Add.2 (Part II)") is a separately issued
document (one part of a Committee report) and keeps its full symbol.

Whose resolution: the number's shape decides first (N (YYYY) is the Security Council's, YYYY/N a
Commission's or ECOSOC's, N/M with a small N the Assembly's or the Human Rights Council's), then
the body named before "resolution" (or by the clause before it, see `_body_said`), then, for
"its resolution" or a bare "resolution", the citing document's body. Decisions and other
organizations' resolutions ("Conference resolution 6/1") are left out.
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
from searchapp.research.citation_numbers import NUMBER, NUMBER_ALONE, resolution_symbols
from searchapp.text.folding import MONTH_PATTERN, Folded, fold_symbols

RESOLUTION = "resolution"
DOCUMENT = "document"


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

_DATE = rf"\s+(?:of|dated)\s+\d{{1,2}}\s+(?:{MONTH_PATTERN})(?:\s+\d{{4}})?"
# Body names may be broken across lines in PDF text ("Human Rights\nCouncil resolution 44/20").
_BODY_PATTERN = "|".join(r"\s+".join(map(re.escape, name.split()))
                         for name in sorted(_BODY_NAMES, key=len, reverse=True))
# The head of a citation: a body name, "resolution(s)" and the first number; the rest of a list
# is read by `_list_items`.
_RESOLUTIONS = re.compile(
    rf"(?:\b(?P<body>{_BODY_PATTERN})\s+)?\bresolutions?\s+(?P<list>(?-i:{NUMBER}))",
    re.IGNORECASE,
)
# A body name ending where "resolution" starts (searched in a window of _BODY_REACH characters).
_BODY_BEFORE = re.compile(rf"\b(?:{_BODY_PATTERN})\s+\Z", re.IGNORECASE)
_BODY_REACH = 200
_FOREIGN = "FOREIGN"  # another organization's resolution: not cited as a UN symbol
# Another organization's resolutions, named before or after the number.
_OTHER_ORGANS = (r"Conference|Board|Governing\s+Council|Trusteeship\s+Council"
                 r"|(?:Environment|Health|Habitat)\s+Assembly|Council\s+of\s+Ministers|Meeting\s+of\s+the\s+Parties|Assembly\s+of\s+States\s+Parties")
# The last word of another organ's name: "Commission on the Status of Women resolutions 49/7",
# "Economic Commission for Africa resolution 2023/7", "World Meteorological Organization resolution".
_FOREIGN_BEFORE = re.compile(
    rf"\b(?:{_OTHER_ORGANS}|Organization|Programme|Forum|Committee|Union|Agency|Fund|Parties|Women"
    r"|Development|Drugs|Justice|Africa|Asia|Pacific|Caribbean|Europe)\s+\Z")
_FOREIGN_AFTER = re.compile(
    rf"(?:{_DATE})?,?\s+(?:of|adopted\s+by|by)\s+the\s+(?:(?:United\s+Nations|World)\s+)?(?:{_OTHER_ORGANS})\b")
# "and resolutions" / "as well as resolutions" going on with the body of the resolutions before
_JOINED = re.compile(r"(?:\band|\bas\s+well\s+as)\s+\Z", re.IGNORECASE)
# "the adoption by the Economic Commission for Latin America and the Caribbean of its resolution"
_ADOPTED_BY = re.compile(r"\bby\s+the\s+(?P<name>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|and|the|for|on|of))*?)"
                         r"\s+(?:of|in|through)\s+\Z")
# The body a clause names for the resolutions it goes on to list.
_BODY_CONTEXT = re.compile(
    rf"\b(?P<before>{_BODY_PATTERN})\s+(?:resolutions?|decisions?)\b"
    rf"|\b(?:resolutions?|decisions?)(?:\s+and\s+(?:resolutions?|decisions?))?\s+(?:of|adopted\s+by)\s+the\s+"
    rf"(?P<after>{_BODY_PATTERN})\b",
    re.IGNORECASE,
)
_LIST_GAP = 250  # characters of words allowed between two items of a list
_LIST_STOP = re.compile(r"resolution|decision|;|\bNos?\.", re.IGNORECASE)
_LIST_REACH = 1000  # characters searched for the next item, quoted titles included
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")  # folding may have made the quotation marks straight
_LIST_JOINT = re.compile(rf"(?:,|\band|\bas\s+well\s+as|\bor)\s*(?:\d{{1,3}}\s+)?\Z|(?:{MONTH_PATTERN})\s+\d{{4}}\s+\Z",
                         re.IGNORECASE)
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
    short = _CITING_BODY.get(body) if body else None
    return [c for _, c in _paragraph_citations(text, short) if _key(c.symbol) != own]


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
    short = _CITING_BODY.get(citing_body, citing_body) if citing_body else None
    return [c for _, c in _paragraph_citations(text, short)]


def _paragraph_citations(text: str, citing_body: str | None) -> list[tuple[int, Citation]]:
    # Every resolution number holds a "/" or a "(" ("53/144", "242 (1967)", "217 A (III)"), every
    # document symbol a "/", and folding makes neither: 10,828 of the corpus's 25,512 paragraphs
    # with a digit (footnote markers, "2. Decides") have neither character.
    if "/" not in text and "(" not in text:
        return []
    if not _DIGIT.search(text):
        return []  # every citation has a number; most paragraphs have none
    folding = fold_symbols(text)  # matched in the folded text, quoted from `text` as printed
    folded = folding.text
    found: list[tuple[int, Citation]] = []
    taken: list[tuple[int, int]] = []
    last_end, last_said = 0, None
    for match in _resolution_matches(folded):
        said, guessed = _body_said(match, folded, last_end)
        if said is None and _JOINED.search(folded, max(last_end, match.start() - 16), match.start()):
            said = last_said  # "Human Rights Council resolutions 23/13 ..., as well as resolutions 28/6"
        first = NUMBER_ALONE.match(folded, match.start("list"))
        assert first is not None, folded  # the "list" group starts with a number
        numbers: list[re.Match] = [first, *_list_items(folded, first.end())]
        if _FOREIGN_AFTER.match(folded, numbers[-1].end()):
            said = _FOREIGN  # "resolutions 7/8 of 10 November 2017 and 8/4 ... adopted by the Conference"
        for number in numbers if said != _FOREIGN else ():
            symbols = resolution_symbols(number[0], said, citing_body)
            if guessed and not symbols:  # the clause's body does not number that way
                symbols = resolution_symbols(number[0], None, citing_body)
            if _FOREIGN_AFTER.match(folded, number.end()):
                continue
            shown = text[slice(*folding.span(match.start() if number is first else number.start(), number.end()))]
            found += [(number.start(), Citation(symbol, RESOLUTION, -1, "", shown)) for symbol in symbols]
        last_end, last_said = numbers[-1].end(), said
        taken.append((match.start(), last_end))
    # The symbol pattern is slow to scan with; paragraphs without a "/" skip it.
    for match in _DOCUMENT_SYMBOL.finditer(folded) if "/" in folded else ():
        if _inside(taken, match.start()) or not re.search(r"\d", match["symbol"]):
            continue
        if re.match(r"[IVX]+/", match["symbol"]):
            continue  # "decision IX/9" of a treaty conference, not a UN document symbol
        found.append((match.start(), _document_citation(match, text, folding)))
    found.sort(key=lambda item: item[0])
    return found


def _list_items(text: str, end: int) -> list[re.Match]:
    """The numbers that go on a list begun at `end`: "resolutions 21/12 of 27 September 2012, 27/5
    of 25 September 2014 and 59/15 of 7 July 2025 on the safety of journalists, 57/10 ...". Between
    two items: a date, words about the earlier one, then ",", "and" or "as well as"; never another
    "resolution" (a new head, perhaps of another body) or "decision" ("and decision 74/568"). A
    footnote marker may still sit after a date ("25 September 2014,7 33/2"), a comma may be missing
    after one ("73/38 of 5 December 2018 75/42 of 7 December 2020"); a title in quotation marks
    ("74/176 of 18 December 2019, entitled “Improving ...”, 75/195") does not count as words."""
    items: list[re.Match] = []
    while True:
        item = NUMBER_ALONE.search(text, end, end + _LIST_REACH)
        if item is None:
            return items
        gap = text[end:item.start()]
        if (len(_QUOTED.sub("", gap)) > _LIST_GAP or _LIST_STOP.search(gap)
                or not _LIST_JOINT.search(gap[-24:])):
            return items
        items.append(item)
        end = item.end()


def _body_said(match: re.Match, text: str, last_end: int) -> tuple[str | None, bool]:
    """The body the words name for a citation head: the one before "resolution" ("Human Rights
    Council resolutions 21/12"), else one the clause before it names for its resolutions
    ("the resolutions and decisions of the Human Rights Council, the most recent of which being
    resolutions 53/26"; "Human Rights Council decision 18/120 ... and resolutions 24/14"); _FOREIGN
    for another organization's ("Conference resolution 6/1", "the adoption by the Economic
    Commission for Latin America and the Caribbean of its resolution 574 (XXVII)", "United Nations
    Environment Assembly resolutions 1/7"). The flag: the body is only guessed from the clause."""
    word = match.start() + match[0].lower().rfind("resolution")
    if _FOREIGN_BEFORE.search(text, max(0, word - 40), word):
        return _FOREIGN, False
    before = text[max(last_end, match.start() - _BODY_REACH):match.start()]
    if match["body"]:
        said = _body_code(match["body"])
        adopted = _ADOPTED_BY.search(before) if said == "ITS" else None
        return (_body_code(adopted["name"]) or _FOREIGN if adopted else said), False
    mentions = list(_BODY_CONTEXT.finditer(before))
    named = mentions[-1] if mentions else None  # the nearest body named before the citation
    return (_body_code(named["before"] or named["after"]), True) if named else (None, False)


def _body_code(name: str) -> str | None:
    return _BODY_NAMES.get(" ".join(name.casefold().split()))


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


def _document_citation(match: re.Match, text: str, folding: Folded) -> Citation:
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
                    text[slice(*folding.span(match.start(), match.end()))].strip(), tuple(addenda))


def _key(symbol: str) -> str:
    return symbol.casefold().replace(" ", "")
