"""The numbers resolutions are cited by in UN texts, and the canonical symbol each one names.

Shapes, as printed (the OCR slips of the old Security Council volumes included):

    53/144, S-27/2, ES-10/19, 2003/64   session/number, or year/number (Commission, ECOSOC)
    49/75 K, 53/77 AA, 76/84 A and B    lettered texts of a resolution adopted in parts
    242 (1967), 210(1965)               the Security Council's number (year)
    217 A (III), 1503 (XLVIII)          number, letter, roman session: the Assembly to its 30th
                                        session (1975), the Economic and Social Council to 1977
    186 (S-2), 1474 (ES-IV)             the Assembly's old special / emergency special sessions
    41 (1), I (1)                       OCR of "41 (I)" and "1 (I)" in Security Council texts

Whose number it is: the shape decides first (N (YYYY) is the Security Council's, YYYY/N the
Commission's or ECOSOC's, N/M with a small N the Assembly's or the Human Rights Council's, a roman
session the Assembly's or ECOSOC's), then the body the text names, then the citing body.
"""

from __future__ import annotations

import re

from searchapp.research import symbols as sym

_LETTER = r"[A-Z]{1,2}(?![\w/])"
_LETTERS = rf"{_LETTER}(?:\s*(?:,|and)\s*{_LETTER})*"
# One number, for a case-sensitive pattern (a lettered part is upper case: "49/75 K", never "of").
NUMBER = (
    rf"(?:(?:E?S-)?\d{{1,4}}/\d{{1,4}}(?![\d/])(?:\s{{1,2}}{_LETTERS})?"
    r"|(?:\d{1,4}|I)\s*(?:[A-Z](?:-[A-Z])?\s*)?"
    r"\((?:1[89]\d\d|20\d\d|E?S-[IVX\d]+|[IVXLC]+|[1l]{1,3})\))"
)
# A number standing on its own: not part of a document symbol ("A/C.6/43/7") or a word.
NUMBER_ALONE = re.compile(rf"(?<![\w/.\-]){NUMBER}")
_PARTS = re.compile(
    rf"(?P<session>(?:E?S-)?\d{{1,4}})/(?P<slash_number>\d{{1,4}})(?:\s+(?P<suffix>{_LETTERS}))?"
    r"|(?P<number>\d{1,4}|I)\s*(?:(?P<letter>[A-Z](?:-[A-Z])?)\s*)?"
    r"\((?:(?P<year>\d{4})|(?P<special>E?S-[IVX\d]+)|(?P<roman>[IVXLC]+)|(?P<ocr_roman>[1l]{1,3}))\)"
)
FIRST_SC_YEAR, LAST_SC_YEAR = 1946, 2100


def resolution_symbols(text: str, said: str | None, citing_body: str | None) -> list[str]:
    """The canonical symbols `text` (matched by NUMBER) names: one, or one per letter ("76/84 A and
    B"); [] when no body numbers that way. `said` is the body the text names for it ("GA", "HRC", "CHR", "ECOSOC", "SC",
    "COUNCIL" for a bare "Council", "ITS", or None); `citing_body` the citing document's, same codes."""
    number = _PARTS.fullmatch(" ".join(text.split()))
    if number is None:
        return []
    if said in ("ITS", None):
        body = citing_body
    elif said == "COUNCIL":
        body = citing_body if citing_body in ("HRC", "SC", "ECOSOC") else None
    else:
        body = said
    if number["year"]:
        year = int(number["year"])
        found = sym.security_council(number["number"], year) if FIRST_SC_YEAR <= year <= LAST_SC_YEAR else None
    elif number["special"]:  # "186 (S-2)": only the Assembly numbered special sessions this way
        found = sym.roman_session(_digits(number["number"]), number["letter"], number["special"])
    elif number["roman"] or number["ocr_roman"]:
        found = _roman_symbol(number, said, body, citing_body)
    else:
        found = _slash_symbol(number, said, body)
    if found and number["suffix"] and found.startswith("A/RES/"):  # only the Assembly adopts lettered parts
        return [f"{found} {letter}" for letter in re.findall(r"[A-Z]+", number["suffix"])]
    return [found] if found else []


def _digits(number: str) -> str:
    return "1" if number == "I" else number  # OCR: "resolutions I (1)" is resolution 1 (I)


def _roman_symbol(number: re.Match, said: str | None, body: str | None,
                  citing_body: str | None) -> str | None:
    """"217 A (III)": the Assembly's to its 30th session; "1503 (XLVIII)" and "Council resolution
    1503 (XLVIII)": the Economic and Social Council's (the Human Rights and Security Councils never
    numbered this way)."""
    if number["ocr_roman"]:
        if citing_body != "SC":  # "(1)" for "(I)" is an OCR slip of the old printed volumes only
            return None
        session = "I" * len(number["ocr_roman"])
    else:
        session = number["roman"]
    if said in ("CHR", "HRC", "SC"):
        return None
    ecosoc = said == "COUNCIL" or body == "ECOSOC" or (
        said != "GA" and sym.roman_to_int(session) > sym.LAST_GA_ROMAN_SESSION)
    return sym.roman_session(_digits(number["number"]), number["letter"], session,
                             body="ECOSOC" if ecosoc else "GA")


def _slash_symbol(number: re.Match, said: str | None, body: str | None) -> str | None:
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
