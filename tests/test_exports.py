"""Exports that can be cited and opened (issue 16 §2): every CSV (search, KWIC, timeline) in UTF-8
with a BOM and with formula cells neutralised, and the search, totals and index travelling with
every export.

Inputs: the three seeds and ../shared/cases/csv_formula_injection.txt, whose title is
'=HYPERLINK("http://example.invalid/x","click")' and whose paragraphs begin "@SUM(1+1) Noting",
"=1+2 Calls upon" and "-3+4 Decides" (read from the file)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import client_of, index_of, require_corpus

from searchapp.exports import CSV_COLUMNS, neutralised

CASES = Path(__file__).resolve().parents[2] / "shared" / "cases"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    require_corpus()  # ../shared must be there (fails loudly in CI otherwise)
    return index_of(tmp_path_factory.mktemp("exports"), [CASES / "csv_formula_injection.txt"])


@pytest.fixture(scope="module")
def client(settings):
    return client_of(settings)


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "every CSV starts with the byte-order mark by default"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _cli(settings, *args):
    result = subprocess.run([sys.executable, "-m", "searchapp.cli", *args, "--index", str(settings.index_dir)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_neutralising_prefixes_exactly_the_owasp_starts():
    assert [neutralised(c) for c in ("=1+2", "+1", "-3+4", "@SUM(1)", "\tx", "\rx")] == \
           ["'=1+2", "'+1", "'-3+4", "'@SUM(1)", "'\tx", "'\rx"]
    assert neutralised("Calls upon = all") == "Calls upon = all" and neutralised(-3) == -3


def test_no_cell_of_any_csv_can_run_as_a_formula(client, settings):
    exports = {
        "search": client.get("/export.csv?q=archives").get_data(as_text=True),
        "kwic": client.get("/kwic.csv?q=archives").get_data(as_text=True),
        "timeline": client.get("/timeline.csv?q=archives").get_data(as_text=True),
        "cli search": _cli(settings, "search", "archives", "--format", "csv", "--all"),
        "cli kwic": _cli(settings, "kwic", "archives", "--format", "csv", "--limit", "0"),
        "cli timeline": _cli(settings, "timeline", "archives", "--format", "csv"),
    }
    for name, text in exports.items():
        rows = _rows(text)
        assert len(rows) > 1, name
        assert not [cell for row in rows for cell in row if cell.startswith(DANGEROUS)], name
    search = [dict(zip(CSV_COLUMNS, row)) for row in _rows(exports["search"])[1:]]
    # "archives" is in pp2 and op1 of the case file (read from it): both rows, text kept after the quote.
    assert sorted(r["text"] for r in search) == ["'=1+2 Calls upon all States to protect archives;",
                                                 "'@SUM(1+1) Noting the importance of archives,"]
    assert {r["title"] for r in search} == {"'=HYPERLINK(\"http://example.invalid/x\",\"click\")"}
    decides = _rows(client.get("/export.csv?q=decides&symbol=E/CN.4/RES/2005/99").get_data(as_text=True))
    assert decides[1][CSV_COLUMNS.index("text")] == "'-3+4 Decides to continue its consideration of this question."
    assert decides[1][CSV_COLUMNS.index("mentions")] == "1"  # numbers stay numbers


def test_excel_reads_accents_thanks_to_the_bom_and_the_bom_can_be_left_out(client, settings):
    # Seed 000 prints "the Special Representative’s requests" (U+2019).
    raw = client.get("/export.csv?q=requests&symbol=E/CN.4/RES/2004/68").get_data()
    assert raw.startswith(b"\xef\xbb\xbf") and "Representative’s".encode() in raw
    assert client.get("/export.csv?q=requests&bom=0").get_data().startswith(b"symbol,")
    assert _cli(settings, "search", "requests", "--format", "csv", "--no-bom").startswith("symbol,")


def test_the_search_totals_and_index_travel_with_every_export(client, settings):
    health = client.get("/healthz").get_json()
    export = json.loads(client.get("/export.json?q=impunity&body=General+Assembly&sort=newest").get_data(as_text=True))
    header = export["export"]
    # impunity in the Assembly's seed 64/163, read: "impunity ... persists", "combating impunity" (preambular), op7.
    assert header["query"] == "impunity" and header["filters"] == {"body": ["General Assembly"]}
    assert header["sort"] == "newest" and header["total"] == len(export["rows"]) == 3 and header["documents"] == 1
    assert header["index"]["generation"] == health["generation"]
    assert header["index"]["documents"] == 4  # three seeds and the case file
    built = dt.datetime.fromisoformat(header["index"]["built"].replace("Z", "+00:00"))
    assert built <= dt.datetime.now(dt.UTC)
    row = export["rows"][0]
    assert set(row) >= {"symbol", "title", "body", "document_type", "date", "session", "committee",
                        "paragraph_type", "paragraph_number", "anchor_url", "official_url", "mentions", "text"}
    assert row["committee"] == "Third Committee"  # "[on the report of the Third Committee (A/64/439/Add.2 ...)]"

    response = client.get("/export.csv?q=impunity&body=General+Assembly&header=comment")
    assert f"searchapp-impunity-{health['generation']}-" in response.headers["Content-Disposition"]
    first = _rows(response.get_data(as_text=True))[0][0]
    assert first.startswith("# searchapp export: query='impunity'; filters: body=['General Assembly']")
    assert f"index {health['generation']} built {header['index']['built']}" in first
    companion = client.get("/export.meta.json?q=impunity&body=General+Assembly&sort=newest").get_json()
    assert {k: v for k, v in companion.items() if k != "exported"} == \
           {k: v for k, v in header.items() if k != "exported"}
    cli = _cli(settings, "search", "impunity", "--body", "General Assembly", "--format", "csv", "--all",
               "--comment-row")
    assert _rows(cli)[0][0].startswith("# searchapp export: query='impunity'")
    assert json.loads(_cli(settings, "search", "impunity", "--format", "json"))["index"]["generation"] == \
           health["generation"]


def test_the_search_page_states_its_index_and_offers_a_permalink(client):
    health = client.get("/healthz").get_json()
    html = client.get("/?q=impunity&body=General+Assembly&sort=newest").get_data(as_text=True)
    assert f"Index {health['generation']}, built " in html
    assert f": 4 documents, {health['paragraphs']:,} paragraphs." in html  # three seeds and the case file
    assert 'value="http://localhost/?q=impunity&amp;body=General+Assembly&amp;sort=newest"' in html


def test_an_atom_feed_lists_the_searchs_resolutions_newest_first(client):
    from xml.etree import ElementTree as ET
    response = client.get("/feed.atom?q=impunity&body=GA&body=CHR")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(response.get_data())
    entries = root.findall(f"{atom}entry")
    # impunity in the seeds: 64/163 adopted 18 December 2009, 2004/68 on 21 April 2004, 2002/70 on
    # 25 April 2002 (the dates printed at the end of each text).
    assert [e.find(f"{atom}updated").text for e in entries] == \
           ["2009-12-18T00:00:00Z", "2004-04-21T00:00:00Z", "2002-04-25T00:00:00Z"]
    assert entries[0].find(f"{atom}id").text == "http://localhost/documents/A/RES/64/163"
    assert entries[0].find(f"{atom}link[@rel='related']").get("href") == "https://undocs.org/A/RES/64/163"
    assert root.find(f"{atom}updated").text == "2009-12-18T00:00:00Z"
    assert "feed.atom?q=impunity" in client.get("/?q=impunity").get_data(as_text=True)
    assert client.get('/feed.atom?q="open').status_code == 400
