"""The web app over Flask's test client, on a real index of the seeds."""

from __future__ import annotations

import csv
import io
import json

import pytest

from searchapp.config import Settings
from searchapp.exports import CSV_COLUMNS
from searchapp.web import create_app


def test_search_page_shows_totals_and_highlights(client):
    page = client.get("/?q=impunity")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<strong>9</strong> paragraphs in <strong>3</strong> documents" in html
    assert "<mark>impunity</mark>" in html
    assert 'href="/documents/E/CN.4/RES/2004/68?q=impunity#op6"' in html


def test_facet_links_toggle_filters_in_the_url(client):
    html = client.get("/?q=impunity&body=General+Assembly").get_data(as_text=True)
    assert "<strong>3</strong> paragraphs in <strong>1</strong> document" in html
    assert 'name="body" value="General Assembly" checked' in html
    assert "where body is General Assembly" in html
    # The chip removes the filter again.
    assert 'href="/?q=impunity" aria-label="Remove filter Body: General Assembly"' in html


def test_api_search_has_the_cli_json_shape(client):
    data = client.get("/api/search?q=impunity&type=operative").get_json()
    assert set(data) >= {"query", "total", "documents", "mentions", "facets", "hits"}
    assert data["total"] == 3
    assert {f["value"] for f in data["facets"]["paragraph_type"]} == {"preambular", "operative"}
    assert set(data["hits"][0]) >= {"symbol", "title", "body", "year", "session", "date", "paragraph_type",
                                    "paragraph_number", "text", "highlight", "score"}


def test_api_document_and_unknown_document(client):
    data = client.get("/api/documents/E/CN.4/RES/2004/68").get_json()
    assert data["symbol"] == "E/CN.4/RES/2004/68" and len(data["paragraphs"]) == 32
    missing = client.get("/api/documents/A/RES/1/1")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["message"] == \
        "no document 'A/RES/1/1' in the index, and no indexed text cites it"
    assert client.get("/documents/A/RES/1/1").status_code == 404


def test_document_page_anchors_and_highlights(client):
    html = client.get("/documents/A/RES/64/163?q=impunity").get_data(as_text=True)
    assert 'id="op7"' in html and 'id="pp1"' in html
    assert html.count("<mark>impunity</mark>") == 3
    assert 'href="/?tag=IMPUNITY&amp;q=impunity"' in html or 'tag=IMPUNITY' in html


@pytest.mark.parametrize("url, status", [
    ("/?q=%22unbalanced", 400), ("/?q=impunity&page=0", 400), ("/?q=impunity&per_page=5000", 400),
    ("/?q=impunity&sort=sideways", 400), ("/?q=impunity&year_from=abc", 400),
    ("/api/search?q=(impunity", 400), ("/api/search?q=colour:red", 400), ("/no/such/page", 404),
])
def test_bad_requests_get_clear_statuses(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)


def test_malformed_query_is_shown_next_to_the_box(client):
    html = client.get('/?q="human+rights').get_data(as_text=True)
    assert 'id="query-error"' in html and "unbalanced quotation mark" in html
    assert 'value="&#34;human rights"' in html or 'value="&quot;human rights"' in html


def test_script_in_the_query_comes_back_inert(client):
    html = client.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = client.get("/api/search?q=%3Cscript%3Eimpunity").get_json()
    for hit in data["hits"]:
        assert "<script>" not in hit["highlight"]


def test_security_headers_on_every_response(client):
    for url in ("/", "/api/search?q=x", "/nope"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_csv_export_streams_every_hit(client):
    response = client.get("/export.csv?q=impunity")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + 9
    assert sum(int(r[CSV_COLUMNS.index("mentions")]) for r in rows[1:]) == 11


def test_json_export_is_valid_and_complete(client):
    export = json.loads(client.get("/export.json?q=impunity&body=Commission+on+Human+Rights").get_data(as_text=True))
    rows = export["rows"]
    assert export["export"]["total"] == len(rows) == 6 and {r["body"] for r in rows} == {"Commission on Human Rights"}
    assert json.loads(client.get("/export.json?q=zzzznothing").get_data(as_text=True))["rows"] == []
    assert client.get("/export.csv?q=%22open").status_code == 400


def test_empty_result_suggests_what_to_try(client):
    html = client.get('/?q="impunity+for+journalists+everywhere"&body=General+Assembly').get_data(as_text=True)
    assert "No paragraphs match" in html
    assert "Remove the quotes" in html and "search without filters" in html


def test_did_you_mean_link(client):
    html = client.get("/?q=impunty").get_data(as_text=True)
    assert 'Did you mean <a href="/?q=impunity">impunity</a>' in html


def test_pagination_links_keep_the_state(client):
    html = client.get("/?q=human+rights&per_page=5&body=General+Assembly").get_data(as_text=True)
    assert 'rel="next" href="/?q=human+rights&amp;body=General+Assembly&amp;per_page=5&amp;page=2"' in html


def test_missing_index_gives_503(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "none", data_dir=tmp_path))
    response = app.test_client().get("/?q=impunity")
    assert response.status_code == 503
    assert "run `searchapp index`" in response.get_data(as_text=True)
    assert app.test_client().get("/api/search?q=x").get_json()["error"]["status"] == 503
