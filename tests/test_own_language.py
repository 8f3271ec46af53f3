"""French and Spanish texts are also analysed with their own language's Snowball stemmer
(issue 14 §5): a query finds their inflected forms, and nothing changes for English paragraphs."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import CORPUS_DIR

from searchapp.config import Settings
from searchapp.engine.inversion import invert
from searchapp.indexing.run import run_index
from searchapp.parsing import parse_file
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

TEXTS = Path(__file__).resolve().parent / "texts"
ENGLISH = CORPUS_DIR / "ga-resolutions" / "A_RES_78_216.txt"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    assert ENGLISH.is_file(), f"{ENGLISH} is missing: the shared corpus must sit beside the checkout"
    tmp = tmp_path_factory.mktemp("languages")
    data = tmp / "data"
    data.mkdir()
    for path in (ENGLISH, TEXTS / "A_RES_78_216_fr.txt", TEXTS / "A_RES_78_216_es.txt"):
        shutil.copy(path, data / path.name)
    settings = Settings(data_dir=data, index_dir=tmp / "index")
    assert not run_index(settings).skipped
    return SearchService(settings)


def hits(service, query):
    return [(h.symbol, h.anchor) for h in service.search(SearchRequest(query=query, per_page=100)).hits]


def test_a_french_inflection_finds_the_french_text(service):
    # English Snowball keeps "condamnait" whole; French Snowball gives "condamn" for it and for
    # "Condamne" (op 2 of the French text: "2. Condamne énergiquement ...").
    assert hits(service, "condamnait") == [("A/RES/78/216 [fr]", "op2")]


def test_a_spanish_inflection_finds_the_spanish_text(service):
    # "Profundamente preocupada por las amenazas" (pp 4): "preocupados" and "preocupada" share
    # the Spanish stem "preocup", not the English one.
    assert hits(service, "preocupados") == [("A/RES/78/216 [es]", "pp4")]


def test_a_french_word_after_an_elided_article_is_found(service):
    # pp 1: "... la Déclaration sur les défenseurs des droits de l'homme," ("l'homme" is one token).
    assert ("A/RES/78/216 [fr]", "pp1") in hits(service, "homme")


def test_english_paragraphs_match_as_they_do_without_the_other_languages(service, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ENGLISH, data / ENGLISH.name)
    alone = Settings(data_dir=data, index_dir=tmp_path / "index")
    run_index(alone)
    for word in ("defenders", "impunity", "protection", "menace", "derechos", "droits", "condamne"):
        # (the order may differ: BM25's document frequencies count the other texts too)
        english = sorted(h for h in hits(service, word) if h[0] == "A/RES/78/216")
        assert english == sorted(hits(SearchService(alone), word)), word
    assert hits(service, "defenders")


def test_own_language_stems_change_no_length_and_no_exact_word():
    text = parse_file(TEXTS / "A_RES_78_216_fr.txt").paragraphs[3].text  # "Profondément préoccupée ..."
    plain, own = invert([text]), invert([text], languages=["fr"])
    assert own.words.terms == plain.words.terms and np.array_equal(own.words.freqs, plain.words.freqs)
    assert np.array_equal(own.stems.lengths, plain.stems.lengths)
    added = set(own.stems.terms) - set(plain.stems.terms)
    assert set(plain.stems.terms) <= set(own.stems.terms)
    assert added and all(term.startswith("fr:") for term in added)
    assert {"fr:menac", "fr:defenseur", "fr:intimid"} <= added  # "d'intimidation": elision dropped
    assert own.shingles.terms == plain.shingles.terms


# -- the language facet shows names, its filter takes codes and names (issue 14 §5) ----------------
# The index holds one English, one French and one Spanish text of A/RES/78/216; "défenseurs",
# "defenders" and "defensores" each occur in its title and paragraphs, so every language counts.

def test_the_language_facet_shows_names_and_keeps_the_codes_as_values(service):
    result = service.search(SearchRequest(query="*", per_page=1))
    facet = result.facets["language"]
    assert [(v.value, v.shown) for v in facet.values] == [("en", "English"), ("fr", "French"), ("es", "Spanish")]
    api = result.to_json()["facets"]["language"]
    assert [(v["value"], v["label"]) for v in api] == [("en", "English"), ("fr", "French"), ("es", "Spanish")]


@pytest.mark.parametrize("given", ["fr", "French", "french", "FR"])
def test_a_language_filter_takes_its_code_or_its_name(service, given):
    result = service.search(SearchRequest(query="*", per_page=100, languages=(given,)))
    assert {h.symbol for h in result.hits} == {"A/RES/78/216 [fr]"}
    assert service.search(SearchRequest(query=f"language:{given}", per_page=100)).total == result.total


def test_an_unknown_language_is_refused_naming_codes_and_names(service):
    from searchapp.exceptions import BadParameter
    with pytest.raises(BadParameter, match=r"unknown language 'German'.*en \(English\), es \(Spanish\), fr \(French\)"):
        service.search(SearchRequest(query="*", languages=("German",)))


def test_the_web_facet_and_chip_show_the_name_and_link_the_code(service):
    from searchapp.web import create_app
    client = create_app(service=service, settings=service.settings).test_client()
    page = client.get("/?q=*&language=French").get_data(as_text=True)
    assert '<span class="value">French</span>' in page and '<span class="value">Spanish</span>' in page
    assert "Language: French" in page and "Language: fr" not in page
    assert 'value="fr"' in page
