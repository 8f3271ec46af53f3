"""Issue 19 §5: typing a resolution's title finds it, first.

Seeds: E/CN.4/RES/2004/68 and E/CN.4/RES/2002/70 are titled "Human rights defenders"; A/RES/64/163's
title ("Declaration on the Right and Responsibility of Individuals, Groups and Organs of Society
to Promote and Protect Universally Recognized Human Rights and Fundamental Freedoms") lacks
"defenders".
"""

from __future__ import annotations

import csv
import sys

import pytest
from conftest import REPO

from searchapp.search.request import SearchRequest

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
@pytest.mark.xfail(strict=True, reason="issue 19 §5 open: on the whole corpus with the PDFs, drafts and "
                   "parts indexed, one of the 120 titles is not found (119); it was 120 on the text corpus")
def test_on_the_corpus_every_title_is_found(whole_corpus_service):
    titles = {r["symbol"]: r["title"] for r in csv.DictReader(bench_titles.MANIFEST.open(encoding="utf-8"))}
    picked = bench_titles.sample(whole_corpus_service, 120, 19)
    result = bench_titles.run_searchapp(whole_corpus_service, titles, picked)
    assert result["found"] == 120, result


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
