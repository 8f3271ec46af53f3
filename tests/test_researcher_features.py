"""Issue 4 end to end: timeline, KWIC, lineage changes, citations, symbol lookup and did-you-mean,
each through the service, the JSON API, the HTML pages and the CLI, on real indexes of the seeds
(and, for "cited by", of seeds plus General Assembly texts that cite each other)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import cli, index_of, require_corpus

from searchapp.exceptions import BadParameter, BadQuery, DocumentNotFound
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

COMMISSION_2002, COMMISSION_2004, ASSEMBLY_2009 = "E/CN.4/RES/2002/70", "E/CN.4/RES/2004/68", "A/RES/64/163"


# -- 1. mentions over time ------------------------------------------------------------------------

IMPUNITY_BY_YEAR = {2002: (3, 4, "Commission on Human Rights"), 2004: (3, 4, "Commission on Human Rights"),
                    2009: (3, 3, "General Assembly")}


def test_timeline_counts_paragraphs_and_mentions_per_year_and_body(seed_service):
    timeline = seed_service.timeline(SearchRequest(query="impunity"))
    assert [y.year for y in timeline.years] == list(range(2002, 2010))  # a continuous axis
    for year in timeline.years:
        paragraphs, mentions, body = IMPUNITY_BY_YEAR.get(year.year, (0, 0, None))
        assert (year.paragraphs, year.mentions) == (paragraphs, mentions)
        assert year.by_body == ({body: (paragraphs, mentions)} if body else {})
    # Totals agree with the search itself.
    result = seed_service.search(SearchRequest(query="impunity"))
    assert sum(y.paragraphs for y in timeline.years) == result.total == 9
    assert sum(y.mentions for y in timeline.years) == result.mentions == 11


def test_timeline_respects_filters(seed_service):
    timeline = seed_service.timeline(SearchRequest(query="impunity", bodies=("General Assembly",)))
    assert [(y.year, y.paragraphs) for y in timeline.years] == [(2009, 3)]
    assert timeline.bodies == ["General Assembly"]


@pytest.mark.slow
def test_timeline_api_cli_and_chart_agree(client, seed_settings):
    api = client.get("/api/timeline?q=impunity").get_json()
    command = cli(seed_settings, "timeline", "impunity", "--format", "json")
    assert command.returncode == 0, command.stderr
    assert json.loads(command.stdout) == api
    assert {y["year"]: y["mentions"] for y in api["years"] if y["mentions"]} == {2002: 4, 2004: 4, 2009: 3}
    html = client.get("/?q=impunity").get_data(as_text=True)
    assert "Mentions over time, 2002–2009" in html
    columns = re.findall(r'<a href="([^"]+)" class="year-column" data-year="(\d+)"[^>]*><title>([^<]+)</title>', html)
    assert [int(year) for _, year, _ in columns] == list(range(2002, 2010))
    assert columns[0][2].startswith("2002: 3 paragraphs, 4 mentions")
    assert "year_from=2009&amp;year_to=2009" in columns[-1][0]  # a bar is a link to that year
    assert html.count('class="segment body-') == 3
    text = cli(seed_settings, "timeline", "impunity")
    assert "2009       3 paragraphs      3 mentions" in text.stdout


# -- 2. KWIC ----------------------------------------------------------------------------------------

def test_kwic_lists_every_mention_with_context(seed_service):
    kwic = seed_service.kwic(SearchRequest(query="impunity", per_page=100), width=40)
    assert kwic.total_lines == 11 == len(kwic.lines)  # every mention, as counted by the search
    assert {line.keyword.casefold() for line in kwic.lines} == {"impunity"}
    assert {line.symbol for line in kwic.lines} == {COMMISSION_2002, COMMISSION_2004, ASSEMBLY_2009}
    for line in kwic.lines:
        assert len(line.left) <= 41 and len(line.right) <= 41
        paragraph = next(p for p in seed_service.document(line.symbol).paragraphs if p.anchor == line.anchor)
        assert (line.left.lstrip("…") + line.keyword + line.right.rstrip("…")) in paragraph.text


def test_kwic_sorts_by_left_or_right_context(seed_service):
    def words(text):
        return re.findall(r"\w[\w'-]*", text.casefold())

    left = seed_service.kwic(SearchRequest(query="impunity", per_page=100), sort="left").lines
    assert [words(line.left)[::-1] for line in left] == sorted(words(line.left)[::-1] for line in left)
    right = seed_service.kwic(SearchRequest(query="impunity", per_page=100), sort="right").lines
    assert [words(line.right) for line in right] == sorted(words(line.right) for line in right)


def test_kwic_of_a_phrase_keeps_the_phrase_together(seed_service):
    kwic = seed_service.kwic(SearchRequest(query='"human rights defenders"', per_page=100))
    assert kwic.lines and {line.keyword.casefold() for line in kwic.lines} == {"human rights defenders"}


def test_kwic_refuses_bad_options(seed_service):
    with pytest.raises(BadParameter):
        seed_service.kwic(SearchRequest(query="impunity"), sort="sideways")
    with pytest.raises(BadParameter):
        seed_service.kwic(SearchRequest(query="impunity"), width=5000)
    with pytest.raises(BadQuery):
        seed_service.kwic(SearchRequest(query=""))


def test_kwic_page_csv_api_and_cli(client, seed_settings):
    page = client.get("/kwic?q=impunity&order=right")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<strong>11</strong> occurrences in <strong>9</strong> paragraphs" in html
    assert html.count('<td class="keyword"><mark>') == 11
    assert 'href="/kwic.csv?q=impunity&amp;order=right' in html
    text = client.get("/kwic.csv?q=impunity").get_data(as_text=True)
    assert text.startswith("\ufeff")  # the byte-order mark Excel needs (exports.py)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["symbol", "year", "body", "paragraph", "left", "keyword", "right"]
    assert len(rows) == 12
    api = client.get("/api/kwic?q=impunity&per_page=5&width=30").get_json()
    assert api["total_lines"] == 11 and len(api["lines"]) == 5 and api["width"] == 30
    command = cli(seed_settings, "kwic", "impunity", "--format", "csv", "--limit", "0")
    assert command.returncode == 0, command.stderr
    assert list(csv.reader(io.StringIO(command.stdout.removeprefix("\ufeff")))) == rows
    assert client.get("/kwic?q=impunity&order=sideways").status_code == 400
    assert client.get("/kwic?q=impunity&width=abc").status_code == 400
    assert client.get("/kwic").status_code == 200  # the empty form
    assert 'href="/kwic?q=impunity"' in client.get("/?q=impunity").get_data(as_text=True)


# -- 3. lineage -------------------------------------------------------------------------------------

ADDED_IN_2004 = {"pp10", "pp11", "pp14", "op5", "op7", "op9", "op11", "op13"}


def test_the_three_seeds_form_one_series_in_date_order(seed_service):
    for symbol in (COMMISSION_2002, COMMISSION_2004, ASSEMBLY_2009):
        links = seed_service.links(symbol)
        assert [m["symbol"] for m in links.series] == [COMMISSION_2002, COMMISSION_2004, ASSEMBLY_2009]
    middle = seed_service.links(COMMISSION_2004)
    assert (middle.previous, middle.next) == (COMMISSION_2002, ASSEMBLY_2009)


def test_2004_against_2002_exact_added_and_dropped(seed_service):
    changes = seed_service.changes(COMMISSION_2004)
    assert changes.older_symbol == COMMISSION_2002
    assert {p.anchor for p in changes.added} == ADDED_IN_2004
    assert changes.dropped == []
    counter_terrorism = [p for p in changes.added if "counter-terrorism" in p.text]
    assert [p.anchor for p in counter_terrorism] == ["pp11"]
    minorities = [c for c in changes.changed if any(op == "insert" and "minorities" in text for op, text in c.diff)]
    assert len(minorities) == 1
    assert len(changes.added) + len(changes.changed) + changes.unchanged == 32  # every 2004 paragraph


def test_the_first_of_a_series_has_nothing_to_compare_with(seed_service):
    with pytest.raises(DocumentNotFound, match="no earlier text"):
        seed_service.changes(COMMISSION_2002)
    # ...unless another text is named; the older one is always the "older" side.
    named = seed_service.changes(COMMISSION_2002, COMMISSION_2004)
    assert (named.older_symbol, named.newer_symbol) == (COMMISSION_2002, COMMISSION_2004)


@pytest.mark.slow
def test_changes_page_api_and_cli(client, seed_settings):
    page = client.get(f"/documents/{COMMISSION_2004}/changes")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "What changed: E/CN.4/RES/2004/68 against E/CN.4/RES/2002/70" in html
    assert set(re.findall(r'id="added-(\w+)"', html)) == ADDED_IN_2004
    assert "<ins>minorities" in html or "minorities</ins>" in html or re.search(r"<ins>[^<]*minorities", html)
    api = client.get(f"/api/documents/{COMMISSION_2004}/changes").get_json()
    assert {p["anchor"] for p in api["added"]} == ADDED_IN_2004 and api["dropped"] == []
    command = cli(seed_settings, "diff", COMMISSION_2004, "--format", "json")
    assert command.returncode == 0, command.stderr
    assert json.loads(command.stdout) == api
    assert client.get(f"/documents/{COMMISSION_2002}/changes").status_code == 404
    assert client.get(f"/documents/{COMMISSION_2002}/changes?against={ASSEMBLY_2009}").status_code == 200
    document = client.get(f"/documents/{COMMISSION_2004}").get_data(as_text=True)
    assert f'href="/documents/{COMMISSION_2004}/changes"' in document
    missing = cli(seed_settings, "diff", COMMISSION_2002)
    assert missing.returncode != 0 and "no earlier text" in missing.stderr


# -- 4. citations -----------------------------------------------------------------------------------

SEED_CITATIONS = {
    COMMISSION_2002: ["A/RES/53/144", "E/CN.4/RES/2001/64", "E/CN.4/2001/94", "A/56/341", "E/CN.4/2002/106"],
    COMMISSION_2004: ["A/RES/53/144", "E/CN.4/RES/2003/64", "A/RES/58/178", "E/CN.4/2001/94", "A/56/341",
                      "E/CN.4/2002/106", "A/57/182", "E/CN.4/2003/104", "A/58/380", "E/CN.4/2004/94"],
    ASSEMBLY_2009: ["A/RES/53/144", "A/RES/62/152", "A/HRC/RES/7/8"],
}


@pytest.mark.parametrize("symbol", SEED_CITATIONS)
def test_citation_list_of_each_seed(seed_service, client, symbol):
    links = seed_service.links(symbol)
    assert [c.symbol for c in links.cites] == SEED_CITATIONS[symbol]
    assert not any(c.indexed for c in links.cites)  # none of them is among the seeds
    api = client.get(f"/api/documents/{symbol}").get_json()
    assert [c["symbol"] for c in api["cites"]] == SEED_CITATIONS[symbol]
    html = client.get(f"/documents/{symbol}").get_data(as_text=True)
    assert f"Cites {len(SEED_CITATIONS[symbol])}" in html


@pytest.fixture(scope="module")
def citing_service(tmp_path_factory):
    """Seeds plus A/RES/78/229, which cites 78/225 (pp6) and 78/226, both also indexed."""
    folder = require_corpus() / "ga-resolutions"
    files = [folder / name for name in ("A_RES_78_225.txt", "A_RES_78_226.txt", "A_RES_78_229.txt")]
    return SearchService(index_of(tmp_path_factory.mktemp("citing"), files))


def test_cited_by_and_linked_citations(citing_service):
    assert [c["symbol"] for c in citing_service.links("A/RES/78/225").cited_by] == ["A/RES/78/229"]
    cites = {c.symbol: c for c in citing_service.links("A/RES/78/229").cites}
    assert cites["A/RES/78/225"].indexed and cites["A/RES/78/225"].anchor == "pp6"
    assert cites["A/RES/78/226"].indexed
    assert not cites["A/RES/70/1"].indexed


def test_cites_filter_keeps_the_citing_paragraphs_only(citing_service):
    result = citing_service.search(SearchRequest(cites=("A/RES/78/225",), per_page=100))
    # pp6 ("Underscoring ... its resolution 78/225 of 19 December 2023") and op37 cite it.
    assert {(h.symbol, h.anchor) for h in result.hits} == {("A/RES/78/229", "pp6"), ("A/RES/78/229", "op37")}
    # Combined with a query, and written in lower case.
    assert citing_service.search(SearchRequest(query="underscoring", cites=("a/res/78/225",))).total == 1
    assert citing_service.search(SearchRequest(query="impunity", cites=("A/RES/78/225",))).total == 0
    # A Commission seed is cited by nothing: the filter finds nothing, not everything.
    assert citing_service.search(SearchRequest(cites=(COMMISSION_2002,))).total == 0


# -- 5 and 6. did you mean, symbol lookup ------------------------------------------------------------

def test_did_you_mean_in_the_api(client):
    assert client.get("/api/search?q=impunty").get_json()["suggestions"][0] == "impunity"


@pytest.mark.parametrize("typed, symbol", [
    ("64/163", ASSEMBLY_2009), ("A/RES/64/163", ASSEMBLY_2009), ("res 2004/68", COMMISSION_2004),
    ("E/CN.4/RES/2004/68", COMMISSION_2004), ("resolution 2002/70", COMMISSION_2002),
])
def test_a_symbol_in_the_search_box_opens_the_document(client, seed_service, typed, symbol):
    assert seed_service.lookup(typed) == symbol
    response = client.get("/", query_string={"q": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/documents/{symbol}"
    assert client.get("/api/lookup", query_string={"q": typed}).get_json()["symbol"] == symbol


def test_words_are_not_symbols(client, seed_service):
    assert seed_service.lookup("impunity") is None
    assert client.get("/?q=impunity").status_code == 200
    assert client.get("/api/lookup?q=impunity").status_code == 404
    assert client.get("/api/lookup?q=99/999").status_code == 404


@pytest.mark.slow
def test_other_spellings_of_a_document_address_redirect(client, seed_settings):
    response = client.get("/documents/64/163?q=impunity")
    assert response.status_code == 302
    assert response.headers["Location"] == "/documents/A/RES/64/163?q=impunity"
    shown = cli(seed_settings, "show", "res 2004/68", "--format", "json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["symbol"] == COMMISSION_2004
    cites = cli(seed_settings, "cites", "64/163", "--format", "json")
    assert [c["symbol"] for c in json.loads(cites.stdout)["cites"]] == SEED_CITATIONS[ASSEMBLY_2009]


def test_a_concordance_of_a_very_common_word_is_bounded(seed_service, monkeypatch):
    import searchapp.search.service as service_module
    monkeypatch.setattr(service_module, "KWIC_MAX_LINES", 30)
    kwic = seed_service.kwic_lines(SearchRequest(query="the"))
    assert kwic.truncated and 30 <= kwic.total_lines < 30 + 40  # stops within the paragraph that crosses 30
    assert kwic.paragraphs_read < seed_service.search(SearchRequest(query="the")).total
