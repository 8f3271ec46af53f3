"""Issue 19 §5: typing a resolution's title finds it, first.

Seeds: E/CN.4/RES/2004/68 and E/CN.4/RES/2002/70 are titled "Human rights defenders"; A/RES/64/163's
title ("Declaration on the Right and Responsibility of Individuals, Groups and Organs of Society
to Promote and Protect Universally Recognized Human Rights and Fundamental Freedoms") lacks
"defenders".
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, require_corpus

from searchapp.config import Settings
from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

sys.path.insert(0, str(REPO))
from bench import titles as bench_titles  # noqa: E402


def test_documents_titled_with_every_word_are_listed_closest_and_newest_first(seed_service):
    result = seed_service.search(SearchRequest(query="human rights defenders"))
    assert [t.symbol for t in result.titled] == ["E/CN.4/RES/2004/68", "E/CN.4/RES/2002/70"]
    assert result.to_json()["titled"][0] == {"symbol": "E/CN.4/RES/2004/68", "title": "Human rights defenders",
                                             "year": 2004}
    # Titles are not paragraphs: the counts are those of the paragraphs alone.
    assert result.total == len(list(seed_service.iter_hits(SearchRequest(query="human rights defenders"))))


def test_no_titled_list_with_filters_or_after_the_first_page(seed_service):
    assert seed_service.search(SearchRequest(query="human rights defenders", page=2, per_page=5)).titled == []
    filtered = SearchRequest(query="human rights defenders", bodies=("General Assembly",))
    assert seed_service.search(filtered).titled == []


def test_the_title_lifts_its_documents_paragraphs_in_relevance_order(seed_service):
    first = seed_service.search(SearchRequest(query="human rights defenders")).hits[0]
    assert first.symbol in {"E/CN.4/RES/2004/68", "E/CN.4/RES/2002/70"}


@pytest.mark.slow
def test_on_the_corpus_the_right_resolution_comes_first_for_nine_titles_in_ten(whole_corpus_service):
    titles = {r["symbol"]: r["title"] for r in csv.DictReader(bench_titles.MANIFEST.open(encoding="utf-8"))}
    picked = bench_titles.sample(whole_corpus_service, 120, 19)
    assert len(picked) == 120
    result = bench_titles.run_searchapp(whole_corpus_service, titles, picked)
    assert result["first"] >= 108, result


@pytest.mark.slow
def test_on_the_corpus_every_title_is_found(whole_corpus_service):
    titles = {r["symbol"]: r["title"] for r in csv.DictReader(bench_titles.MANIFEST.open(encoding="utf-8"))}
    picked = bench_titles.sample(whole_corpus_service, 120, 19)
    result = bench_titles.run_searchapp(whole_corpus_service, titles, picked)
    assert result["found"] == 120, result


@pytest.fixture(scope="module")
def compound_and_draft_service(tmp_path_factory) -> SearchService:
    """Four texts of the corpus: A/RES/78/81 (titled "... under Article 73 e of the Charter ..."),
    A/RES/78/119, whose footnote 1 cites "A/78/73-E/2023/61" (so the index knows "73e" as a
    compound of "73" and "e"), A/RES/78/172 and its Third Committee draft A/C.3/80/L.16 (a PDF),
    both titled "Inclusive policies and programmes to address homelessness ..."."""
    corpus = require_corpus()
    tmp = tmp_path_factory.mktemp("titled")
    data = tmp / "data"
    data.mkdir()
    for name in ("ga-resolutions/A_RES_78_81.txt", "ga-resolutions/A_RES_78_119.txt",
                 "ga-resolutions/A_RES_78_172.txt", "ga-drafts-pdfs/A_C.3_80_L.16.pdf"):
        shutil.copy(corpus / name, data / Path(name).name)
    settings = Settings(data_dir=data, index_dir=tmp / "index")
    run_index(settings)
    return SearchService(settings)


def test_a_title_is_found_when_a_footnote_made_two_of_its_words_a_compound(compound_and_draft_service):
    corpus = require_corpus() / "ga-resolutions"
    title = "Information from Non-Self-Governing Territories transmitted under Article 73 e of the Charter"
    assert re.search(r"transmitted under Article 73 e of the Charter", (corpus / "A_RES_78_81.txt").read_text())
    assert "A/78/73-E/2023/61" in (corpus / "A_RES_78_119.txt").read_text()
    result = compound_and_draft_service.search(SearchRequest(query=title + " of the United Nations"))
    # No paragraph holds every word (the text's own never says "Information from ..."): the
    # title alone finds it, and "73 e" is the title's as much as the joined "73e" of the symbol.
    assert result.total == 0
    assert [t.symbol for t in result.titled] == ["A/RES/78/81"]


def test_a_resolution_is_listed_before_its_draft_of_the_same_title(compound_and_draft_service):
    service = compound_and_draft_service
    query = ("Inclusive policies and programmes to address homelessness including in the aftermath "
             "of the coronavirus disease COVID-19")
    records = {r["symbol"]: r for r in service.handle.snapshot().table.records}
    assert records["A/C.3/80/L.16"]["title"] == records["A/RES/78/172"]["title"]
    assert records["A/C.3/80/L.16"]["date"] > records["A/RES/78/172"]["date"]  # the newer one
    titled = service.search(SearchRequest(query=query)).titled
    assert [t.symbol for t in titled] == ["A/RES/78/172", "A/C.3/80/L.16"]


def test_the_search_page_lists_titled_documents_and_notes_what_it_ignored(seed_settings):
    from searchapp.web import create_app

    client = create_app(seed_settings).test_client()
    html = client.get("/?q=human+rights+defenders+OR").get_data(as_text=True)
    box = html[html.index('<div class="titled">'):]
    box = box[:box.index("</div>")]
    assert box.index('href="/documents/E/CN.4/RES/2004/68"') < box.index('href="/documents/E/CN.4/RES/2002/70"')
    assert "A/RES/64/163" not in box
    assert "Note: &#34;OR&#34; at the end has nothing to apply to: it was ignored" in html
    refused = client.get("/?q=NOT+NOT+defenders")
    assert refused.status_code == 400 and "two NOTs in a row" in refused.get_data(as_text=True)


def test_a_title_holds_its_compounds_in_the_spellings_a_query_is_looked_up_in():
    from searchapp.engine.titles import TitleIndex, title_stems
    from searchapp.text.analysers import DEFAULT_ANALYSIS

    compounds = {"nongovernmental": ["non", "governmental"], "73e": ["73", "e"]}
    index = TitleIndex.build(["Role of nongovernmental organizations", "Article 73 e of the Charter",
                              "Article 73 of the Charter"], DEFAULT_ANALYSIS, compounds)
    # The evaluator looks "non governmental" up as "non", "governmental" and the joined word,
    # and "73 e" as "73", "e" and "73e" (engine/evaluate.py _join_compounds).
    spaced = set(title_stems(["non", "governmental", "nongovernmental", "organizations"], DEFAULT_ANALYSIS))
    assert index.coverage(spaced).tolist() == [1.0, 0.0, 0.0]
    article = set(title_stems(["article", "73", "e", "73e"], DEFAULT_ANALYSIS))
    assert index.coverage(article).tolist() == [0.0, 1.0, 0.5]
    assert index.words == [4, 6, 5]  # "closest title first" counts the title's own words only
