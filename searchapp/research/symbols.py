"""Symbol lookup: turn the many ways a researcher types a symbol into canonical UN symbols.

Researchers type "64/163", "res 2004/68", "HRC res 7/8", "SC res 300" or paste
"E/CN.4/RES/2004/68". The same digits can name different bodies' resolutions, so
`symbol_candidates` returns an ordered list and the caller keeps the first one the index holds
(`resolve_symbol` does exactly that, given the indexed symbols).

Canonical shapes (as the index stores them):

    A/RES/64/163          General Assembly, session/number (from the 31st session, 1976)
    A/RES/217 A (III)     General Assembly, older number + roman session
    A/RES/ES-10/19        General Assembly emergency special session (S-27/2: special session)
    A/RES/49/75 K         one lettered text of a General Assembly resolution adopted in parts
    A/RES/186 (S-2)       General Assembly, older number + special session (1474 (ES-IV): emergency)
    A/HRC/RES/7/8         Human Rights Council, session/number (2006 on)
    E/CN.4/RES/2004/68    Commission on Human Rights, year/number (1946-2005)
    E/RES/1996/31         Economic and Social Council, year/number
    S/RES/300 (1971)      Security Council, number (year)

The rules for a bare "N/M" (no body named):
- N has 4 digits and is a year 1946-2005 -> Commission first, then ECOSOC (same numbering);
  a later year -> ECOSOC only (the Commission ended in 2006).
- N < 100 -> a session number: General Assembly and Human Rights Council. From the 31st session
  the Assembly numbered "31/1"; before that it used "217 (III)", so below 31 the Council comes first.
- "E/CN.4/2004/68" (no RES) is a *document* of the Commission's 2004 session (a report), not
  resolution 2004/68: it is returned as that document symbol and never turned into a resolution.
- A bare number is never a symbol ("300" is an ordinary query); "res 300" / "resolution 1325"
  are Security Council resolutions, the only body numbering bare integers today.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from searchapp.text.folding import fold_symbols

COMMISSION_YEARS = range(1946, 2006)
FIRST_NUMBERED_GA_SESSION = 31  # "31/1" (1976); earlier: "3379 (XXX)"
LAST_GA_ROMAN_SESSION = 30

_ROMAN = r"[IVXLC]+"
# Words that may precede the numbers, mapped to the body they name.
_BODY_WORDS = {
    "ga": "GA", "a": "GA", "unga": "GA", "general assembly": "GA", "assembly": "GA",
    "hrc": "HRC", "human rights council": "HRC", "a/hrc": "HRC",
    "chr": "CHR", "chr.": "CHR", "commission": "CHR", "commission on human rights": "CHR",
    "e/cn.4": "CHR",
    "ecosoc": "ECOSOC", "economic and social council": "ECOSOC", "e": "ECOSOC",
    "sc": "SC", "unsc": "SC", "security council": "SC", "s": "SC",
}
_BODY = "|".join(sorted((re.escape(w) for w in _BODY_WORDS), key=len, reverse=True))
_RES_WORD = r"(?:res\.?|resolutions?|rés\.?)"

# "HRC res 7/8", "resolution 2004/68", "GA 64/163", "S-27/2", "ES-10/19"
_SHORT_SLASH = re.compile(
    rf"^(?:(?P<body>{_BODY})\s+)?(?:{_RES_WORD}\s*)?(?:no\.?\s*)?"
    rf"(?P<session>(?:e?s-)?\d{{1,4}})\s*/\s*(?P<number>\d{{1,4}})(?:\s+(?P<letter>[a-z]{{1,2}}))?$"
)
# "resolution 300 (1971)", "SC res 300", "res 1325"
_SHORT_SC = re.compile(
    rf"^(?:(?P<body>{_BODY})\s+)?(?P<res>{_RES_WORD}\s*)?(?:no\.?\s*)?"
    rf"(?P<number>\d{{1,4}})(?:\s*\((?P<year>\d{{4}})\))?$"
)
# "217 A (III)", "res 1503 (XLVIII)"
_SHORT_ROMAN = re.compile(
    rf"^(?:(?P<body>{_BODY})\s+)?(?:{_RES_WORD}\s*)?"
    rf"(?P<number>\d{{1,4}})\s*(?P<letter>[a-z](?:-[a-z])?)?\s*\((?P<session>{_ROMAN}|e?s-[ivx\d]+)\)$",
    re.IGNORECASE,
)
_FULL_RESOLUTION = re.compile(
    r"^(?P<prefix>a/hrc/res|a/res|e/cn\.4/res|e/res|s/res)\s*/\s*(?P<rest>.+)$"
)
# Any other UN document symbol: series letters then slash-separated parts ("E/CN.4/2002/106/Add.1").
_DOCUMENT = re.compile(r"^[a-z]{1,8}(?:/[a-z0-9.\-]+)+(?:\s*\(part\s+[ivx]+\))?$")
_CASED_PARTS = {"add.": "Add.", "rev.": "Rev.", "corr.": "Corr.", "amend.": "Amend.", "sub.": "Sub."}


def symbol_candidates(text: str) -> list[str]:
    """Canonical symbols `text` may name, most likely first; [] when it is not a symbol at all."""
    query = _clean(text)
    if not query:
        return []
    full = _FULL_RESOLUTION.match(query)
    if full:
        return _full_resolution(full["prefix"], full["rest"])
    if _DOCUMENT.match(query) and re.search(r"\d", query):
        return [document_symbol(query)]
    for pattern, build in ((_SHORT_SLASH, _slash_candidates), (_SHORT_ROMAN, _roman_candidates),
                           (_SHORT_SC, _security_council_candidates)):
        match = pattern.match(query)
        if match:
            return build(match)
    return []


def looks_like_symbol(text: str) -> bool:
    """True when `text` reads as a symbol ("64/163", "S/RES/300"), not words ("impunity")."""
    return bool(symbol_candidates(text))


class SymbolDictionary:
    """The indexed symbols, arranged once for `resolve`: by case-folded spelling, and each
    Security Council symbol by its yearless form ("s/res/300" -> "S/RES/300 (1971)"). Build it
    once per index generation (`symbol_dictionary`), not per lookup: the corpus has 1,668."""

    def __init__(self, indexed_symbols: Iterable[str]):
        self.symbols = list(indexed_symbols)
        self.by_folded = {s.casefold(): s for s in self.symbols}
        self.by_yearless: dict[str, str] = {}
        for folded, symbol in sorted(self.by_folded.items()):  # the first in folded order wins
            yearless = _YEAR_SUFFIX.match(folded)
            if yearless:
                self.by_yearless.setdefault(yearless.group(1), symbol)

    def resolve(self, text: str) -> str | None:
        """The indexed symbol `text` names: the first candidate present, case-insensitively.

        A yearless Security Council candidate "S/RES/300" matches the indexed "S/RES/300 (1971)",
        because researchers rarely type the year and SC numbers are unique across years.
        """
        for candidate in symbol_candidates(text):
            found = self.by_folded.get(candidate.casefold())
            if found:
                return found
            if _YEARLESS_SC.fullmatch(candidate):
                found = self.by_yearless.get(candidate.casefold())
                if found:
                    return found
        return None


_YEARLESS_SC = re.compile(r"S/RES/\d+")
_YEAR_SUFFIX = re.compile(r"(s/res/\d+) \(.*", re.S)  # "s/res/300 (1971)", folded


def resolve_symbol(text: str, indexed_symbols: Iterable[str]) -> str | None:
    """`SymbolDictionary(indexed_symbols).resolve(text)`, for a one-off lookup; a search reads
    `symbol_dictionary(snapshot)` instead."""
    return SymbolDictionary(indexed_symbols).resolve(text)


def symbol_dictionary(snapshot) -> SymbolDictionary:
    """The SymbolDictionary of an index generation (an engine Snapshot: its `table.records`),
    built at its first use and kept with the snapshot (`Snapshot.cached`)."""
    return snapshot.cached("symbol-dictionary",
                           lambda: SymbolDictionary(r["symbol"] for r in snapshot.table.records))


def document_symbol(text: str) -> str:
    """Canonical spelling of a document symbol: upper case except 'Add.', 'Rev.', 'Corr.', 'Sub.'."""
    symbol = re.sub(r"\s*/\s*", "/", _clean(text)).upper()
    symbol = re.sub(r"\s*\(PART\s+([IVX]+)\)$", r" (Part \1)", symbol)
    for upper_part, cased in ((k.upper(), v) for k, v in _CASED_PARTS.items()):
        symbol = symbol.replace(upper_part, cased)
    return symbol


def general_assembly(session: str | int, number: str | int) -> str:
    return f"A/RES/{session.upper() if isinstance(session, str) else session}/{int(number)}"


def human_rights_council(session: str | int, number: str | int) -> str:
    return f"A/HRC/RES/{session.upper() if isinstance(session, str) else session}/{int(number)}"


def commission(year: int | str, number: int | str) -> str:
    return f"E/CN.4/RES/{int(year)}/{int(number)}"


def economic_and_social_council(year: int | str, number: int | str) -> str:
    return f"E/RES/{int(year)}/{int(number)}"


def security_council(number: int | str, year: int | str | None = None) -> str:
    return f"S/RES/{int(number)}" + (f" ({int(year)})" if year else "")


def roman_session(number: int | str, letter: str | None, session: str, body: str = "GA") -> str:
    """Pre-1976 style "217 A (III)": the letter marks one of several texts adopted together."""
    prefix = "E/RES" if body == "ECOSOC" else "A/RES"
    letter_part = f" {letter.upper()}" if letter else ""
    return f"{prefix}/{int(number)}{letter_part} ({session.upper()})"


def roman_to_int(roman: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    digits = [values[c] for c in roman.upper()]
    for i, value in enumerate(digits):
        total += -value if i + 1 < len(digits) and value < digits[i + 1] else value
    return total


def candidates_for_numbers(session: str, number: str, body: str | None) -> list[str]:
    """The "N/M" rule shared with citation extraction (see the module docstring)."""
    session = session.upper()
    if session.startswith(("S-", "ES-")):
        if body == "HRC":
            return [human_rights_council(session, number)]
        council = [human_rights_council(session, number)] if session.startswith("S-") else []
        return [general_assembly(session, number)] + ([] if body == "GA" else council)
    first = int(session)
    if len(session) == 4:
        if body == "ECOSOC" or first not in COMMISSION_YEARS:
            return [economic_and_social_council(first, number)] if first >= 1946 else []
        if body == "CHR":
            return [commission(first, number)]
        if body in (None,):
            return [commission(first, number), economic_and_social_council(first, number)]
        return []
    if first >= 100 or first == 0:
        return []
    if body == "GA":
        return [general_assembly(first, number)]
    if body == "HRC":
        return [human_rights_council(first, number)]
    if body is not None:
        return []
    in_assembly, in_council = general_assembly(first, number), human_rights_council(first, number)
    return [in_assembly, in_council] if first >= FIRST_NUMBERED_GA_SESSION else [in_council, in_assembly]


def _clean(text: str) -> str:
    # Unicode dashes, spaces and invisible characters UN texts and copy-paste bring in ("A/RES/ES‑10/19").
    # "A/RES/64/163*": the asterisk the UN adds to a reissued document's symbol is not part of it.
    text = fold_symbols(text or "").text.strip().strip(".,;:*").strip()
    return re.sub(r"\s+", " ", text).casefold()


def _body(match: re.Match) -> str | None:
    word = match["body"]
    return _BODY_WORDS[word.strip()] if word else None


def _slash_candidates(match: re.Match) -> list[str]:
    candidates = candidates_for_numbers(match["session"], match["number"], _body(match))
    if match["letter"]:  # "49/75 K": only the Assembly adopts lettered parts
        return [f"{c} {match['letter'].upper()}" for c in candidates if c.startswith("A/RES/")]
    return candidates


def _roman_candidates(match: re.Match) -> list[str]:
    body = _body(match)
    args = (match["number"], match["letter"], match["session"])
    if "s-" in match["session"]:  # "186 (S-2)": only the Assembly numbered special sessions this way
        return [roman_session(*args)] if body in (None, "GA") else []
    if body == "ECOSOC":
        return [roman_session(*args, body="ECOSOC")]
    if body not in (None, "GA"):
        return []
    assembly = roman_session(*args)
    if body == "GA" or roman_to_int(match["session"]) > 100:
        return [assembly]
    # The Assembly's roman sessions end at XXX; ECOSOC's go on to LXIII (1977).
    ecosoc = roman_session(*args, body="ECOSOC")
    return [assembly, ecosoc] if roman_to_int(match["session"]) <= LAST_GA_ROMAN_SESSION else [ecosoc]


def _security_council_candidates(match: re.Match) -> list[str]:
    body = _body(match)
    if body not in (None, "SC"):
        return []
    if body is None and not match["res"] and not match["year"]:
        return []  # a bare number is an ordinary query
    year = match["year"]
    if year and not 1946 <= int(year) <= 2100:
        return []
    return [security_council(match["number"], year)]


def _full_resolution(prefix: str, rest: str) -> list[str]:
    rest = rest.strip()
    if prefix == "s/res":
        match = re.fullmatch(r"(\d{1,4})\s*(?:\((\d{4})\))?", rest)
        return [security_council(match[1], match[2])] if match else []
    if prefix == "a/res" or prefix == "e/res":
        body = "GA" if prefix == "a/res" else "ECOSOC"
        roman = re.fullmatch(rf"(?i)(\d{{1,4}})\s*([a-z](?:-[a-z])?)?\s*\(({_ROMAN}|e?s-[ivx\d]+)\)", rest)
        if roman and not (body == "ECOSOC" and "s-" in roman[3]):
            return [roman_session(roman[1], roman[2], roman[3], body=body)]
    match = re.fullmatch(r"((?:e?s-)?\d{1,4})\s*/\s*(\d{1,4})(?:\s+([a-z]{1,2}))?", rest)
    if not match or (match[3] and prefix != "a/res"):
        return []
    session, number = match[1].upper(), match[2]
    if prefix == "a/res":
        return [general_assembly(session, number) + (f" {match[3].upper()}" if match[3] else "")]
    if prefix == "a/hrc/res":
        return [human_rights_council(session, number)]
    if prefix == "e/cn.4/res":
        return [commission(session, number)] if session.isdigit() else []
    return [economic_and_social_council(session, number)] if session.isdigit() else []
