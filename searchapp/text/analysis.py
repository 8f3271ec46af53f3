"""How paragraph text becomes searchable words: small named steps, composed once.

The chain, in order (each step is a plain function, testable alone):

    normalise_text   U+2011 non-breaking hyphen -> '-', U+00A0/U+202F spaces -> ' ', U+2060 and
                     soft hyphens removed, curly apostrophes -> "'"
    tokenise         words with their character spans (NLTK's RegexpTokenizer pattern, run with
                     `re` directly in this hot path: NLTK's ReDoS guard tripled its cost; a test
                     checks both give the same spans); a hyphenated compound ("non-governmental")
                     stays one raw token here
    lower + fold     case and accents folded ("Côte" -> "cote")
    split_compound   "non-governmental" -> parts ("non", "governmental") and joined "nongovernmental"
    stem             the inflection key (text/inflections.py), cached: "defenders" -> "defender",
                     "detained" -> "detain", never "nationality" -> "nation"; NLTK's Snowball
                     (word families: "accountability" -> "account") only for `family:` queries

>>> [t.term for t in analyse("Non‑governmental defenders")]
['non', 'nongovernmental', 'governmental', 'defender']

Hyphenation-insensitivity comes from emitting both the parts (at consecutive positions) and the
joined form (at the first part's position) of every compound: "non-governmental",
"non governmental" and "nongovernmental" then share index terms, and the search side adds the
missing direction (see searchapp/engine/query_terms.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from searchapp.text.folding import fold_characters
from searchapp.text.inflections import NAME as ANALYSER
from searchapp.text.inflections import inflection_key

# Which characters fold to which (U+2011 -> '-', U+00A0 -> ' ', U+2060 removed, ’ -> "'") is
# text/folding.py's decision, shared with the parser, citations and symbol lookup. Removing
# invisible characters changes lengths: spans always refer to the normalised text, and the
# highlighter works on that text too.

# A word: letters/digits, optionally joined by hyphens or apostrophes ("non-governmental",
# "State's", "follow-up"). Underscores are not word characters in UN texts.
WORD_PATTERN = r"[^\W_]+(?:['-][^\W_]+)*"
_WORD = WORD = re.compile(WORD_PATTERN)
# NLTK is imported where it is used (Snowball stems, the reference tokeniser): importing it takes
# about a second, which every command and worker would pay before its first word.
_STEMMERS: dict = {}  # language -> nltk SnowballStemmer


def normalise_text(text: str) -> str:
    """Map the Unicode hyphens, spaces, apostrophes and invisible characters of UN texts to plain
    ones (text/folding.py; typographic double quotes are left as printed)."""
    return fold_characters(text, keep_quotes=True)


def tokenise(text: str) -> list[tuple[str, int, int]]:
    """Raw words with their (start, end) character spans in `text` (already normalised)."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def nltk_tokenise(text: str) -> list[tuple[str, int, int]]:
    """The same through NLTK's RegexpTokenizer (slower; kept as the reference)."""
    from nltk.tokenize import RegexpTokenizer

    return [(text[s:e], s, e) for s, e in RegexpTokenizer(WORD_PATTERN).span_tokenize(text)]


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case and strip accents; a possessive "'s" is not part of the word ("women's" ->
    "women", "Africa's" -> "africa": the dictionary knows neither "womens" nor "africas", so
    `women` and `Africa` missed 69 and 84 corpus paragraphs that hold only the possessive);
    other apostrophes are dropped ("o'clock" -> "oclock"). Typographic apostrophes are folded
    to "'" by `normalise_text` first; "’" is handled here too for words taken raw."""
    word = word.lower()
    if not word.isascii():
        word = word.replace("\u2019", "'")
        word = "".join(
            c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
        )
    if word.endswith("'s") and len(word) > 2:
        word = word[:-2]
    return word.replace("'", "")


# A French elision inside an English text: "Côte d'Ivoire", "l'Homme". The letter and the word
# become parts of a compound ("d" + "ivoire", joined "divoire"), so `Ivoire` finds it; a
# possessive ("State's") stays one word. Same length, so spans do not move.
_ELISION = re.compile(r"(?<![^\W_])([DdLl])'(?=[^\W_])")


def compound_spelling(raw: str) -> str:
    """`raw` with an elision's apostrophe written as a hyphen ("d'Ivoire" -> "d-Ivoire")."""
    return _ELISION.sub(r"\1-", raw) if "'" in raw else raw


def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a hyphenated word; a plain word is its own single part."""
    return tuple(p for p in word.split("-") if p) if "-" in word else (word,)


def stem(word: str, language: str = ANALYSER) -> str:
    """The matching key of an already folded word: its inflection key under the default analyser
    "inflections", else the Snowball stem in that language (a word family); cached."""
    return _cached_stem(word, language)


def family_stem(word: str) -> str:
    """Snowball (English) stem of a folded word: the word family `family:` queries match."""
    return _cached_stem(word, "english")


@lru_cache(maxsize=500_000)
def _cached_stem(word: str, language: str) -> str:
    if language == ANALYSER:
        return inflection_key(word)
    stemmer = _STEMMERS.get(language)
    if stemmer is None:
        from nltk.stem.snowball import SnowballStemmer

        stemmer = _STEMMERS[language] = SnowballStemmer(language)
    return stemmer.stem(word)


@dataclass(frozen=True, slots=True)
class Term:
    """One index term: its matching key (`term`), its folded word as written (`word`), position and span."""

    term: str
    word: str
    position: int
    start: int
    end: int
    joined: bool = False  # the joined form of a compound, sharing the first part's position


def analyse(text: str, language: str = ANALYSER) -> list[Term]:
    """Run the whole chain over `text`; spans refer to `normalise_text(text)`."""
    text = normalise_text(text)
    terms: list[Term] = []
    position = 0
    for match in _WORD.finditer(text):
        raw, start, end = compound_spelling(match.group()), match.start(), match.end()
        if "-" not in raw:
            word = fold(raw)
            terms.append(Term(_cached_stem(word, language), word, position, start, end))
            position += 1
            continue
        parts = []
        offset = start
        for raw_part in raw.split("-"):
            if raw_part:
                parts.append((fold(raw_part), offset, offset + len(raw_part)))
            offset += len(raw_part) + 1
        joined = "".join(word for word, _, _ in parts)
        for index, (word, part_start, part_end) in enumerate(parts):
            terms.append(Term(stem(word, language), word, position, part_start, part_end))
            if index == 0:
                terms.append(Term(stem(joined, language), joined, position, start, end, joined=True))
            position += 1
    return terms


def raw_terms(raw: str, language: str = ANALYSER) -> tuple[tuple[str, str, int, int, bool], ...]:
    """The terms (stem, word, start, end, joined) of one raw word, spans relative to it."""
    return _raw_terms(raw, language)


@lru_cache(maxsize=500_000)
def _raw_terms(raw: str, language: str) -> tuple[tuple[str, str, int, int, bool], ...]:
    """The terms of one raw word with spans relative to it, computed once per spelling."""
    raw = compound_spelling(raw)
    if "-" not in raw:
        word = fold(raw)
        return ((_cached_stem(word, language), word, 0, len(raw), False),)
    return tuple((t.term, t.word, t.start, t.end, t.joined) for t in analyse(raw, language))


def analyse_spans(text: str, language: str = ANALYSER) -> list[tuple[str, str, int, int, bool]]:
    """`analyse` as plain tuples (stem, word, start, end, joined) in the same order, for the hot
    paths (highlighting every hit of a page or an export): it builds no Term objects and looks
    each raw word up in one cache."""
    text = normalise_text(text)
    out: list[tuple[str, str, int, int, bool]] = []
    append = out.append
    for match in _WORD.finditer(text):
        terms = _raw_terms(match.group(), language)
        start = match.start()
        if len(terms) == 1 and not start:
            append(terms[0])
        else:
            for stem, word, s, e, joined in terms:
                append((stem, word, start + s, start + e, joined))
    return out


def query_words(text: str) -> list[str]:
    """Folded words of a query fragment, hyphenated compounds kept whole ("non-governmental")."""
    return [fold(compound_spelling(raw)) for raw, _, _ in tokenise(normalise_text(text))]


def bound_word_caches(entries: int) -> None:
    """Hold at most `entries` words in each per-word cache (fold, stems, inflection keys, raw
    terms), emptied now. Indexing keeps 500,000: every spelling of a large corpus passes through
    them. A server fills them with the words of the paragraphs it highlights, document after
    document, until they hold the corpus's vocabulary: on the shared corpus a worker grew from
    206 to 228 MB between its 2,000th and 20,000th request (8 clients, tools/load_test.py
    --soak-every 1000), each new spelling costing a few hundred bytes in each cache."""
    global fold, _cached_stem, _raw_terms, inflection_key
    fold = lru_cache(maxsize=entries)(fold.__wrapped__)
    _cached_stem = lru_cache(maxsize=entries)(_cached_stem.__wrapped__)
    _raw_terms = lru_cache(maxsize=entries)(_raw_terms.__wrapped__)
    inflection_key = lru_cache(maxsize=entries)(inflection_key.__wrapped__)
