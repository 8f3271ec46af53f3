"""The one definition of which Unicode characters UN texts print for plain ones, and of month names.

The parser (parsing/cleanup.py), the analyser (text/analysis.py), citation reading
(research/citations.py) and symbol lookup (research/symbols.py) all fold with the tables below,
so "non\u2011governmental" (U+2011) and "non-governmental", "53/144\u2060" and "53/144",
"A/RES/ES\u201110/19" and "A/RES/ES-10/19" are the same wherever they are read.

Character classes (every UN source seen in the corpus uses some of each):
- HYPHENS -> "-": U+2010 hyphen, U+2011 non-breaking hyphen ("non‑governmental" in the GA PDFs),
  U+2012 figure dash, U+2212 minus sign, U+FE63 small and U+FF0D full-width hyphen-minus.
- DASHES, U+2013 en dash and U+2014 em dash: punctuation in prose ("2004–2009", "rights – including"),
  so the parser keeps them and the analyser splits words there; inside a symbol they can only be a
  hyphen ("A/RES/ES–10/19" pasted from a word processor), so citations and symbol lookup read "-".
- SPACES -> " ": U+00A0 no-break space ("9\u00a0December"), U+202F narrow no-break space
  ("A/RES/78/216\u202f"), U+2007 figure, U+2009 thin, U+200A hair, U+2002/U+2003 en/em spaces,
  U+3000 ideographic space.
- INVISIBLE -> removed: U+2060 word joiner (glued to footnote markers: "Rights,\u20601"), U+00AD
  soft hyphen, U+200B/U+200C/U+200D zero-width characters, U+FEFF byte-order mark.
- APOSTROPHES -> "'": U+2018, U+2019 ("State’s"), U+02BC modifier letter apostrophe.
- DOUBLE_QUOTES -> '"': U+201C/U+201D, U+201E low-9, U+00AB/U+00BB guillemets, U+2033 double prime.

Two ways to apply them:
- `fold_characters(text)`: for text that is stored or analysed (`keep_apostrophes`/`keep_quotes`
  leave the typography of stored text as printed).
- `fold_symbols(text)`: everything folded and dashes read as hyphens, with a map from each folded
  offset back to the original text, for readers that quote what they matched (citations, symbols).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HYPHENS = "\u2010\u2011\u2012\u2212\ufe63\uff0d"
DASHES = "\u2013\u2014"
SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"
INVISIBLE = "\u2060\u00ad\u200b\u200c\u200d\ufeff"
APOSTROPHES = "\u2018\u2019\u02bc"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u00ab\u00bb\u2033"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_PATTERN = "|".join(MONTHS)  # for regular expressions: rf"\d{{1,2}} (?:{MONTH_PATTERN})"
MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, 1)}
# The other official languages whose texts the parser reads (written in lower case, as printed:
# "9 décembre 1998", "9 de diciembre de 1998").
MONTHS_BY_LANGUAGE = {
    "en": list(MONTHS),
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}


def _table(*, apostrophes: bool, quotes: bool) -> dict[str, str]:
    table = {**dict.fromkeys(HYPHENS, "-"), **dict.fromkeys(SPACES, " "), **dict.fromkeys(INVISIBLE, "")}
    if apostrophes:
        table.update(dict.fromkeys(APOSTROPHES, "'"))
    if quotes:
        table.update(dict.fromkeys(DOUBLE_QUOTES, '"'))
    return table


_TABLES = {(a, q): _table(apostrophes=a, quotes=q) for a in (False, True) for q in (False, True)}
_PATTERNS = {key: re.compile("[" + "".join(table) + "]") for key, table in _TABLES.items()}
_ONE_FOR_ONE = str.maketrans({**dict.fromkeys(HYPHENS + DASHES, "-"), **dict.fromkeys(SPACES, " "),
                              **dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"')})
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_ANY_FOLDED = re.compile(f"[{HYPHENS}{DASHES}{SPACES}{APOSTROPHES}{DOUBLE_QUOTES}{INVISIBLE}]")


def fold_characters(text: str, *, keep_apostrophes: bool = False, keep_quotes: bool = False) -> str:
    """Hyphens -> "-", spaces -> " ", invisible characters removed, apostrophes -> "'" and double
    quotes -> '"' (unless kept). Dashes stay.

    >>> fold_characters("non\u2011governmental\u00a0State\u2019s \u201cright\u201d\u2060")
    'non-governmental State\\'s "right"'
    """
    key = (not keep_apostrophes, not keep_quotes)
    pattern = _PATTERNS[key]
    # Most texts have none or a few of these: a regex scan (and a replacement per character
    # found) is several times cheaper than str.translate, which copies the text char by char.
    if not pattern.search(text):
        return text
    table = _TABLES[key]
    return pattern.sub(lambda match: table[match.group()], text)


@dataclass(frozen=True)
class Folded:
    """Folded text and where each of its characters was in the original."""

    text: str
    origin: tuple[int, ...] | None = None  # original offset of each folded character; None: the same

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of the folded text[start:end]."""
        if self.origin is None or start >= end:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold_symbols(text: str) -> Folded:
    """Every class folded, dashes read as hyphens ("A/RES/ES–10/19"), invisible characters
    removed; `Folded.span` maps a match in the folded text back to the text as printed.

    >>> folded = fold_symbols("resolution 53/1\u206044 of 9\u00a0December")
    >>> folded.text, folded.span(11, 17)
    ('resolution 53/144 of 9 December', (11, 18))
    """
    if not _ANY_FOLDED.search(text):
        return Folded(text)  # most paragraphs: str.translate would copy them char by char
    translated = text.translate(_ONE_FOR_ONE)
    if not _INVISIBLE.search(translated):
        return Folded(translated)
    kept = [i for i, char in enumerate(translated) if char not in INVISIBLE]
    return Folded("".join(translated[i] for i in kept), tuple(kept))
