"""French and Spanish paragraphs also indexed with their own language's Snowball stemmer.

An index has one analysis (its format record: English by default). A paragraph of a French or
Spanish text keeps those terms, so phrases, highlighting and `exact:` work as for any paragraph,
and also gets its own language's Snowball stems, prefixed with the language code, in the `text`
field: "Condamne" -> "fr:condamn", "preocupada" -> "es:preocup". A query word is looked up as the
index's term and, when the index holds texts in other languages, as each such language's
prefixed stem: `condamnait` finds "Condamne" in a French text, `preocupados` finds
"preocupada" in a Spanish one, `homme` finds "l'homme" (the elided article is not part of the
French stem), and no English paragraph can match a prefixed term.

The prefixed terms count in no field length and no `exact:` word, so BM25 and word counts are
those of the index's analysis; a paragraph matched by both terms counts its mentions once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from searchapp.models import STEMMER_OF_LANGUAGE
from searchapp.text.analysers import Analysis, AnalysisSettings, analysis_for

SNOWBALL = "snowball-v1"


def extra_language(language: str | None, index_analysis: Analysis) -> str | None:
    """The language code whose own stems a paragraph in `language` adds ("fr"), or None when the
    index's analysis already is that language's (or the language is the index's own)."""
    if not language or language not in STEMMER_OF_LANGUAGE or language == "en":
        return None
    if STEMMER_OF_LANGUAGE[language] == index_analysis.settings.stemmer_language:
        return None
    return language


@lru_cache(maxsize=8)
def _snowball(language: str) -> Analysis:
    return analysis_for(AnalysisSettings(SNOWBALL, STEMMER_OF_LANGUAGE[language]))


# French elision: "l'homme", "d'intimidation", "qu'elle" are one token to the tokeniser (which
# drops the apostrophe: "lhomme"); the own-language stem is that of the word after it.
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu)['’](?=\w)", re.IGNORECASE)


def own_terms(raw: str, language: str) -> tuple[tuple[str, str, int, int, bool], ...]:
    """The prefixed own-language terms of one raw word, shaped like `Analysis.raw_terms`."""
    elided = _ELISION.match(raw) if language == "fr" else None
    skip = elided.end() if elided else 0
    return tuple((f"{language}:{stem}", word, start + skip, end + skip, True)
                 for stem, word, start, end, _ in _snowball(language).raw_terms(raw[skip:]))


def own_stem(word: str, language: str) -> str:
    """A folded query word's prefixed stem in `language`: "condamnait" -> "fr:condamn"."""
    return f"{language}:{_snowball(language).stem(word)}"
