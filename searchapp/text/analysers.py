"""Which analysis an index was built with, by name, and the one function that maps it to code.

An index's format record (searchapp/engine/format.py) stores an `AnalysisSettings`: the
analyser's name, versioned ("snowball-v1"), the stemmer language and the analyser's options.
Indexing, searching and highlighting all get their functions from `analysis_for(settings)`, so
the three always agree with the index they read or write, whatever config.toml says today.

Adding an analyser is one entry in ANALYSERS (a factory from settings to `Analysis`). Changing
what an existing analyser produces for any word changes the index format: give it a new name
("snowball-v2") so that old indexes are refused with "run `searchapp index --rebuild`".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial

from searchapp.text import analysis

DEFAULT_ANALYSER = "inflections-v2"


def analyser_for_language(language: str) -> str:
    """The analyser a new index in `language` is built with: English words match their
    inflected forms (a dictionary, "inflections-v2": v1 kept a possessive's "s", "womens");
    other languages have no inflection dictionary here and keep Snowball stems ("snowball-v1")."""
    return DEFAULT_ANALYSER if language == "english" else "snowball-v1"


@dataclass(frozen=True)
class AnalysisSettings:
    """What a format record says about analysis: `analyser` (a key of ANALYSERS),
    `stemmer_language` (NLTK Snowball's name: "english", "french"...) and `options` (analyser
    specific, as sorted (name, value) pairs so the settings stay hashable)."""

    analyser: str = DEFAULT_ANALYSER
    stemmer_language: str = "english"
    options: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        """ "snowball-v1 (stemmer english)" — for messages."""
        extra = "".join(f", {k} {v}" for k, v in self.options)
        return f"{self.analyser} (stemmer {self.stemmer_language}{extra})"


@dataclass(frozen=True)
class Analysis:
    """The analysis functions of one analyser with its settings bound (see text/analysis.py for
    shapes): `stem(folded word) -> term`, `analyse(text) -> [Term]`, `analyse_spans(text) ->
    [(term, word, start, end, joined)]` and `raw_terms(raw word) -> same tuples, spans in it`."""

    settings: AnalysisSettings
    stem: Callable[[str], str] = field(compare=False)
    analyse: Callable[[str], list[analysis.Term]] = field(compare=False)
    analyse_spans: Callable[[str], list[tuple[str, str, int, int, bool]]] = field(compare=False)
    raw_terms: Callable[[str], tuple[tuple[str, str, int, int, bool], ...]] = field(compare=False)

    @property
    def key(self) -> tuple:
        """Hashable identity, for caches keyed by analysis."""
        return (self.settings.analyser, self.settings.stemmer_language, self.settings.options)


def _snowball_v1(settings: AnalysisSettings) -> Analysis:
    """The chain of text/analysis.py with NLTK Snowball for `stemmer_language`."""
    language = settings.stemmer_language
    return Analysis(
        settings=settings,
        stem=partial(analysis.stem, language=language),
        analyse=partial(analysis.analyse, language=language),
        analyse_spans=partial(analysis.analyse_spans, language=language),
        raw_terms=partial(analysis.raw_terms, language=language),
    )


def _inflections_v2(settings: AnalysisSettings) -> Analysis:
    """The chain of text/analysis.py keyed by inflection (text/inflections.py: LemmInflect's
    English dictionary); `family:` queries use Snowball in `stemmer_language`. English only."""
    if settings.stemmer_language != "english":
        def refuse(_word: str) -> str:
            raise ValueError("the inflections analyser has an English dictionary only")
        stem = refuse
    else:
        stem = partial(analysis.stem, language=analysis.ANALYSER)
    return Analysis(
        settings=settings,
        stem=stem,
        analyse=partial(analysis.analyse, language=analysis.ANALYSER),
        analyse_spans=partial(analysis.analyse_spans, language=analysis.ANALYSER),
        raw_terms=partial(analysis.raw_terms, language=analysis.ANALYSER),
    )


ANALYSERS: dict[str, Callable[[AnalysisSettings], Analysis]] = {
    "inflections-v2": _inflections_v2,  # the default: words match their inflected forms (issue 19)
    "snowball-v1": _snowball_v1,  # Snowball stems (word families), the analyser before it
}


class UnknownAnalysis(ValueError):
    """The settings name an analyser or a stemmer language this searchapp does not have."""


@lru_cache(maxsize=32)
def analysis_for(settings: AnalysisSettings) -> Analysis:
    """The analysis functions for `settings`; UnknownAnalysis if the analyser or its stemmer
    language is not available here (an index written by another version of searchapp)."""
    factory = ANALYSERS.get(settings.analyser)
    if factory is None:
        raise UnknownAnalysis(f"analyser {settings.analyser!r} is not known to this searchapp "
                              f"(it has {', '.join(sorted(ANALYSERS))})")
    made = factory(settings)
    try:
        made.stem("rights")
    except (ValueError, LookupError) as exc:
        raise UnknownAnalysis(f"stemmer language {settings.stemmer_language!r} is not available ({exc})") from None
    return made


# Built without analysis_for's trial stem, which would load LemmInflect's dictionary at import
# (about a second); the default's dictionary ships with the package, and analysis_for(AnalysisSettings())
# returns an equal Analysis (tests/test_analysers.py).
DEFAULT_ANALYSIS = ANALYSERS[DEFAULT_ANALYSER](AnalysisSettings())
