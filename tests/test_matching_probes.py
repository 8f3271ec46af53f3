"""Issue 19 §1, the probe table: the default search finds a word in its inflected forms and in
nothing else, on the whole shared corpus.

Each probe's golden count is computed from the indexed text itself: the paragraphs whose text,
after the same folding as the index (Unicode hyphens and apostrophes normalised, lower case, no
accents, a possessive "'s" removed, apostrophes dropped), contains one of the forms listed here
by hand, as a whole word. The forms are the word's inflections (plural, verb forms), never derived
words: "nationality" is not "national", "accountability" is not "account".
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pytest

from searchapp.search.request import SearchRequest
from searchapp.text import analysis

# query -> its inflected forms (the paragraphs holding any of them must be exactly the hits)
PROBES = {
    # the table
    "nationality": "nationality nationalities",
    "accountability": "accountability accountabilities",
    "executions": "execution executions",
    '"independence"': "independence",
    # the examples and rights terms
    "defender": "defender defenders",
    "detained": "detain detains detained detaining",
    "torture": "torture tortures tortured torturing",
    "freedom": "freedom freedoms",
    "women": "woman women",
    "child": "child children",
    "persons": "person persons",
    "refugee": "refugee refugees",
    "victim": "victim victims",
    "journalist": "journalist journalists",
    "migrants": "migrant migrants",
    "disappearance": "disappearance disappearances",
    "discrimination": "discrimination discriminations",
    "violations": "violation violations",
    "impunity": "impunity",
    "reservation": "reservation reservations",
    "sanctions": "sanction sanctions sanctioned sanctioning",
    "displaced": "displace displaces displaced displacing",
    # verbs that open operative and preambular paragraphs
    "condemns": "condemn condemns condemned condemning",
    "urges": "urge urges urged urging urgings",
    "decides": "decide decides decided deciding",
    "requests": "request requests requested requesting",
    "reaffirms": "reaffirm reaffirms reaffirmed reaffirming",
    "welcomes": "welcome welcomes welcomed welcoming",
    "recognizing": "recognize recognizes recognized recognizing",
    "stresses": "stress stresses stressed stressing",
    "emphasizes": "emphasize emphasizes emphasized emphasizing",
    "expresses": "express expresses expressed expressing",
    # plurals in -ies and -ves
    "countries": "country countries",
    "bodies": "body bodies",
    "authorities": "authority authorities",
    "parties": "party parties",
    "policies": "policy policies",
    "lives": "life lives",
    "initiatives": "initiative initiatives",
    "objectives": "objective objectives",
    # British and American spellings: each its own word, with its inflections
    "recognise": "recognise recognises recognised recognising",
    "labour": "labour labours",
    "labor": "labor labors",
    "organization": "organization organizations",
    "organisation": "organisation organisations",
    "programme": "programme programmes programmed programming",  # also a verb: "to programme"
    "centre": "centre centres centred centring",  # "people-centred"
    "center": "center centers centered centering",
    "defence": "defence defences",
    # possessives: "women's rights", "Africa's development", "the country's authorities"
    "Africa": "africa",
    "children": "child children",
    "people": "people peoples",
    "world": "world worlds",
}


_POSSESSIVE = re.compile(r"(?<=[^\W_])'s(?![^\W_])")


def folded(text: str) -> str:
    """The paragraph folded as written here, not through the analyser: Unicode hyphens and
    apostrophes normalised, lower case, no accents, a possessive "'s" removed ("women's" is a
    mention of "women"), other apostrophes dropped; spacing and punctuation kept."""
    text = unicodedata.normalize("NFKD", analysis.normalise_text(text).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _POSSESSIVE.sub("", text).replace("'", "")


@pytest.fixture(scope="module")
def folded_paragraphs(whole_corpus_service) -> list[str]:
    snapshot = whole_corpus_service.handle.snapshot()
    return [folded(snapshot.stored(int(d))["text"]) for d in np.flatnonzero(snapshot.alive)]


def paragraphs_with_forms(paragraphs: list[str], forms: str) -> int:
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(forms.split()) + r")(?![^\W_])")
    return sum(1 for text in paragraphs if pattern.search(text))


def test_the_probe_table_has_forty_words_or_more():
    assert len(PROBES) >= 40


@pytest.mark.slow
@pytest.mark.parametrize("query", PROBES)
def test_default_search_finds_exactly_the_inflected_forms(whole_corpus_service, folded_paragraphs, query):
    expected = paragraphs_with_forms(folded_paragraphs, PROBES[query])
    assert expected > 0
    assert whole_corpus_service.count(SearchRequest(query=query)) == expected


@pytest.mark.slow
@pytest.mark.parametrize("word", ["nationality", "accountability", "executions"])
def test_family_prefix_finds_every_word_of_the_snowball_family(whole_corpus_service, folded_paragraphs, word):
    """`family:` keeps the old broad matching: the paragraphs holding any word whose NLTK Snowball
    stem is the query word's (read here from NLTK directly, over the text's own words)."""
    from nltk.stem.snowball import SnowballStemmer

    stemmer = SnowballStemmer("english")
    root = stemmer.stem(word)
    words = {w for text in folded_paragraphs for w in re.findall(r"[^\W_]+", text)}
    family = " ".join(sorted(w for w in words if stemmer.stem(w) == root))
    expected = paragraphs_with_forms(folded_paragraphs, family)
    found = whole_corpus_service.count(SearchRequest(query="family:" + word))
    assert found == expected > whole_corpus_service.count(SearchRequest(query=word))
