"""The empty query is a landing page (issue 17): what the index holds, the newest documents and
example searches that find something, not every paragraph "by relevance". Over Flask's test
client on a real index of the three seeds."""

from __future__ import annotations

import html
import re

from searchapp.search.overview import EXAMPLES

# Read in the seeds' texts: the Commission's 2002/70 ("25 April 2002") and 2004/68 ("21 April
# 2004"), the Assembly's 64/163 ("on 18 December 2009"), all three of the 2000s.
NEWEST_FIRST = ["A/RES/64/163", "E/CN.4/RES/2004/68", "E/CN.4/RES/2002/70"]
DATES = ["2009-12-18", "2004-04-21", "2002-04-25"]
# No seed has "torture", "journalist", "enforced disappearance" or "peace and security" (grep -ci
# over data/*.txt: 0 each): their examples must not be offered.
WITHOUT_HITS = {'torture OR "enforced disappearance"', "journalists", '"peace and security"'}


def test_the_empty_query_shows_what_the_index_holds_not_every_paragraph(client):
    response = client.get("/")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert "<h1>What this index holds</h1>" in page
    assert 'class="hit"' not in page and "by relevance" not in page.casefold()
    assert "<strong>3</strong> documents" in page
    header = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert header == ["Decade", "Commission on Human Rights", "General Assembly"]  # most documents first
    row = re.search(r'<th scope="row">2000s</th>(.*?)</tr>', page).group(1)
    assert re.findall(r">(\d+)</a>", row) == ["2", "1"]


def test_the_newest_documents_come_first_with_their_dates(client):
    page = client.get("/").get_data(as_text=True)
    newest = page.split('id="newest-title"')[1]
    assert re.findall(r'<a href="/documents/([^"]+)">', newest) == NEWEST_FIRST
    assert re.findall(r'<span class="muted">(\d{4}-\d\d-\d\d) ·', newest) == DATES


def test_each_example_search_finds_the_paragraphs_it_announces(client):
    page = html.unescape(client.get("/").get_data(as_text=True))
    example = r'<li><a href="([^"]+)"><code>([^<]+)</code></a> <span class="muted">([\d,]+) paragraph'
    examples = re.findall(example, page)
    shown = [query for _, query, _ in examples]
    assert shown and set(shown) <= set(EXAMPLES) and not WITHOUT_HITS & set(shown)
    for href, query, count in examples:
        result = client.get("/api/search" + href[1:]).get_json()
        assert result["query"] == query and result["total"] == int(count.replace(",", "")) > 0
    assert set(EXAMPLES) - set(shown) - WITHOUT_HITS == set()  # every example with hits is offered


def test_sorting_paging_or_a_filter_still_lists_paragraphs(client):
    for url in ("/?sort=newest", "/?body=General+Assembly", "/?page=2"):
        page = client.get(url).get_data(as_text=True)
        assert 'class="hit"' in page and "What this index holds" not in page, url


def test_the_api_gives_the_landing_pages_numbers(client):
    data = client.get("/api/overview").get_json()
    assert [d["symbol"] for d in data["newest"]] == NEWEST_FIRST
    assert data["bodies"] == [{"body": "Commission on Human Rights", "documents": 2},
                              {"body": "General Assembly", "documents": 1}]
    assert data["index"]["documents"] == 3 and data["undated"] == 0
