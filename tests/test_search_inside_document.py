"""A symbol with words (`64/163 impunity`) searches inside that document (issue 17), the same in
the service, the CLI, the JSON API and the web page, on a real index of the three seeds."""

from __future__ import annotations

import html
import json
import subprocess
import sys

import pytest

from searchapp.search.request import SearchRequest

# Read in the texts: "impunity" is in 3 paragraphs of the Assembly's A/RES/64/163 (data/003_...:
# "impunity for threats", "combating impunity", "the question of impunity") and in 3 of the
# Commission's E/CN.4/RES/2004/68 (data/000_...: lines 27, 30 and 74).
IN_64_163 = 3
IN_2004_68 = 3
# A/RES/64/163 is printed as 30 paragraphs: 14 preambular (", Recalling", ", Noting", ", Gravely
# concerned" ... before "1.") and 16 numbered operative ones ("1." to "16.").
PARAGRAPHS_64_163 = 30


@pytest.mark.parametrize("query, symbol, total", [
    ("64/163 impunity", "A/RES/64/163", IN_64_163),
    ("impunity A/RES/64/163", "A/RES/64/163", IN_64_163),
    ("res 2004/68 impunity", "E/CN.4/RES/2004/68", IN_2004_68),
    ("impunity E/CN.4/RES/2004/68", "E/CN.4/RES/2004/68", IN_2004_68),
])
def test_a_symbol_with_words_searches_inside_that_document(seed_service, query, symbol, total):
    result = seed_service.search(SearchRequest(query=query))
    assert result.total == total and result.documents == 1
    assert {hit.symbol for hit in result.hits} == {symbol}
    assert result.request.query == "impunity" and result.request.symbols == (symbol,)
    assert result.notices[0] == f"searching inside {symbol} for impunity (the query names that document)"


def test_a_symbol_alone_lists_the_documents_paragraphs(seed_service):
    result = seed_service.search(SearchRequest(query="64/163", per_page=50))
    assert result.total == PARAGRAPHS_64_163 and {hit.symbol for hit in result.hits} == {"A/RES/64/163"}
    assert result.notices == ["every paragraph of A/RES/64/163 (the query is that document's symbol)"]


def test_words_with_a_symbol_the_index_does_not_hold_stay_words(seed_service):
    """53/144 is cited by the seeds but not indexed: the query is searched as written."""
    result = seed_service.search(SearchRequest(query="53/144 declaration"))
    assert result.request.symbols == () and result.request.query == "53/144 declaration"
    assert not any("inside" in notice for notice in result.notices)


def test_a_document_filter_already_set_is_not_replaced(seed_service):
    result = seed_service.search(SearchRequest(query="64/163 impunity", symbols=("E/CN.4/RES/2004/68",)))
    assert result.request.symbols == ("E/CN.4/RES/2004/68",) and not result.notices


def test_the_cli_the_api_and_the_page_answer_the_same(client, seed_settings):
    cli = subprocess.run([sys.executable, "-m", "searchapp.cli", "search", "64/163 impunity", "--format", "json",
                          "--index", str(seed_settings.index_dir)], capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    from_cli = json.loads(cli.stdout)
    from_api = client.get("/api/search?q=64/163+impunity").get_json()
    for answer in (from_cli, from_api):
        assert answer["total"] == IN_64_163 and answer["filters"]["symbol"] == ["A/RES/64/163"]
        assert {hit["symbol"] for hit in answer["hits"]} == {"A/RES/64/163"}
    page = html.unescape(client.get("/?q=64/163+impunity").get_data(as_text=True))
    assert f"<strong>{IN_64_163}</strong> paragraphs in <strong>1</strong> document" in page
    assert "Note: searching inside A/RES/64/163 for impunity" in page
    assert 'aria-label="Remove filter Document: A/RES/64/163"' in page
    assert '<input id="q" name="q" type="search" value="impunity"' in page
