"""Who cites 53/144, when 53/144 itself is not in the index (issue 14 §3).

The seed index holds the three seeds; each of them prints "53/144" exactly once, in its first
preambular paragraph (grep -o "53/144" data/*.txt: one per file; the first paragraph of each is
"Recalling ... resolution 53/144 of 9 December 1998"), and none of them is A/RES/53/144.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from conftest import cli

from searchapp.exceptions import DocumentNotFound
from searchapp.search.request import SearchRequest

DECLARATION = "A/RES/53/144"
CITING = ["A/RES/64/163", "E/CN.4/RES/2002/70", "E/CN.4/RES/2004/68"]


def test_the_service_names_every_text_citing_an_unindexed_resolution(seed_service):
    assert seed_service.lookup("53/144") is None  # not in the index ...
    cited = seed_service.cited_symbol("53/144")  # ... but cited
    assert cited.symbol == DECLARATION
    assert [(c["symbol"], c["anchor"]) for c in cited.cited_by] == [(s, "pp1") for s in CITING]
    assert all("53/144" in c["matched_text"] and c["title"] for c in cited.cited_by)


def test_a_symbol_nobody_cites_is_still_not_found(seed_service):
    with pytest.raises(DocumentNotFound, match="no indexed text cites it"):
        seed_service.cited_symbol("99/999")
    with pytest.raises(DocumentNotFound):
        seed_service.cited_symbol("impunity")


def test_the_cites_filter_reads_the_short_form_too(seed_service):
    for typed in (DECLARATION, "53/144", "res 53/144"):
        result = seed_service.search(SearchRequest(cites=(typed,), per_page=50))
        assert sorted((h.symbol, h.anchor) for h in result.hits) == [(s, "pp1") for s in CITING], typed


@pytest.mark.slow
def test_searchapp_cites_answers_for_an_unindexed_symbol(seed_settings):
    shown = cli(seed_settings, "cites", "53/144")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"{DECLARATION} is not in this index; cited by 3:"
    assert [line.split()[0] for line in lines[1:]] == CITING
    assert all(" at pp1 " in line for line in lines[1:])
    data = json.loads(cli(seed_settings, "cites", "53/144", "--format", "json").stdout)
    assert (data["symbol"], data["indexed"]) == (DECLARATION, False)
    assert [c["symbol"] for c in data["cited_by"]] == CITING


@pytest.mark.slow
def test_searchapp_cites_of_a_symbol_nobody_cites_fails_clearly(seed_settings):
    shown = cli(seed_settings, "cites", "99/999")
    assert shown.returncode == 1
    assert "no document '99/999' in the index, and no indexed text cites it" in shown.stderr
    assert "Traceback" not in shown.stderr


def test_the_page_of_an_unindexed_cited_symbol_lists_who_cites_it(client):
    response = client.get(f"/documents/{DECLARATION}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Not in this index; cited by 3 indexed texts." in html
    for symbol in CITING:
        assert f'href="/documents/{symbol}#pp1"' in html
    assert client.get("/documents/53/144").headers["Location"] == f"/documents/{DECLARATION}"
    assert client.get("/documents/99/999").status_code == 404


def test_the_api_answers_404_with_the_citing_list(client):
    response = client.get(f"/api/documents/{DECLARATION}")
    assert response.status_code == 404
    data = response.get_json()
    assert "no document" in data["error"]["message"] and data["indexed"] is False
    assert [c["symbol"] for c in data["cited_by"]] == CITING
    missing = client.get("/api/documents/99/999")
    assert missing.status_code == 404 and "cited_by" not in missing.get_json()


def test_a_citing_document_links_the_unindexed_resolution_to_that_page(client):
    html = client.get("/documents/A/RES/64/163").get_data(as_text=True)
    assert f'<a class="not-indexed" href="/documents/{DECLARATION}"' in html


@pytest.mark.slow
def test_the_real_server_serves_the_page(server):
    with urllib.request.urlopen(f"{server}/documents/{DECLARATION}", timeout=30) as response:
        assert response.status == 200
        assert "cited by 3 indexed texts" in response.read().decode()
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{server}/documents/99/999", timeout=30)
    assert missing.value.code == 404
