"""From a hit to a citation (issue 16 §1): official links, Highwire meta tags, RIS/BibTeX/CSL-JSON of
a document and of a result set, and `server.public_url` making exported links absolute.

Golden values are read from the seed text ../shared/seeds/000_0cc30cf95526c7a5.txt: "Human rights
defenders", "Commission on Human Rights Resolution: 2004/68", "57th meeting / 21 April 2004"."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from conftest import client_of

from searchapp.config import load_settings
from searchapp.exceptions import SearchAppError
from searchapp.research.references import Reference, bibtex_key, library_url, official_url, to_bibtex

SYMBOL = "E/CN.4/RES/2004/68"


@pytest.fixture(scope="module")
def client(seed_settings):
    return client_of(replace(seed_settings, public_url="https://res.example.org"))


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name", "").startswith("citation_"):
            self.tags.append((attrs["name"], attrs["content"]))


def test_official_and_library_links_are_built_from_the_symbol():
    assert official_url("A/RES/78/1") == "https://undocs.org/A/RES/78/1"
    assert library_url("E/CN.4/RES/2004/68") == "https://digitallibrary.un.org/search?ln=en&p=E%2FCN.4%2FRES%2F2004%2F68"
    assert official_url("no symbol (file 18-04038)") is None  # a stand-in key is not a UN symbol


def test_document_page_carries_highwire_tags_that_zotero_reads(client):
    html = client.get(f"/documents/{SYMBOL}").get_data(as_text=True)
    parser = _Meta()
    parser.feed(html)
    tags = dict(parser.tags)
    assert tags["citation_title"] == "Human rights defenders"
    assert tags["citation_technical_report_number"] == SYMBOL
    assert tags["citation_author"] == "United Nations Commission on Human Rights"
    assert tags["citation_publication_date"] == "2004/04/21"
    assert tags["citation_public_url"] == f"https://res.example.org/documents/{SYMBOL}"
    assert f'href="https://undocs.org/{SYMBOL}"' in html
    assert 'href="https://digitallibrary.un.org/search?ln=en&amp;p=E%2FCN.4%2FRES%2F2004%2F68"' in html
    assert 'href="#op6"' in html  # every paragraph anchor links to itself


def test_a_document_downloads_as_ris_bibtex_and_csl_json(client):
    ris = client.get(f"/documents/{SYMBOL}.ris")
    assert ris.status_code == 200 and ris.mimetype == "application/x-research-info-systems"
    lines = ris.get_data(as_text=True).split("\r\n")
    assert lines[0] == "TY  - GOVDOC"
    assert {"TI  - Human rights defenders", f"M1  - {SYMBOL}", "DA  - 2004/04/21", "PY  - 2004",
            f"UR  - https://undocs.org/{SYMBOL}", "ER  - "} <= set(lines)
    bib = client.get(f"/documents/{SYMBOL}.bib").get_data(as_text=True)
    assert bib.startswith("@techreport{E_CN.4_RES_2004_68,")
    assert "  number = {E/CN.4/RES/2004/68}" in bib and "  date = {2004-04-21}" in bib
    assert "  author = {{United Nations Commission on Human Rights}}" in bib
    csl = json.loads(client.get(f"/documents/{SYMBOL}.csl.json").get_data(as_text=True))
    assert csl[0]["number"] == SYMBOL and csl[0]["issued"] == {"date-parts": [[2004, 4, 21]]}
    assert client.get("/documents/A/RES/99/999.ris").status_code == 404


def test_search_hits_and_result_set_link_to_official_documents(client):
    html = client.get("/?q=impunity").get_data(as_text=True)
    assert f'class="official-link" href="https://undocs.org/{SYMBOL}"' in html
    assert 'href="/export.ris?q=impunity"' in html
    ris = client.get("/export.ris?q=impunity").get_data(as_text=True)
    # impunity: 9 paragraphs in 3 documents (test_web_routes): one record per document.
    assert ris.count("TY  - GOVDOC") == 3 and ris.count("ER  - ") == 3
    bib = client.get("/export.bib?q=impunity").get_data(as_text=True)
    assert bib.count("@techreport{") == 3


def test_export_rows_link_anchor_and_official_document_absolutely(client):
    text = client.get("/export.csv?q=impunity").get_data(as_text=True).removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if r["symbol"] == SYMBOL and r["paragraph_number"] == "6"
               and r["paragraph_type"] == "operative")
    assert row["anchor_url"] == f"https://res.example.org/documents/{SYMBOL}#op6"
    assert row["official_url"] == f"https://undocs.org/{SYMBOL}"
    assert row["title"] == "Human rights defenders" and row["date"] == "2004-04-21"
    data = json.loads(client.get("/export.json?q=impunity").get_data(as_text=True))["rows"]
    assert {r["official_url"] for r in data if r["symbol"] == SYMBOL} == {f"https://undocs.org/{SYMBOL}"}


def test_bibtex_escapes_what_latex_would_read_as_commands():
    ref = Reference(symbol="A/RES/1", title="Rights & duties: 100% {safe}_x", body="General Assembly", date=None,
                    year=None, session=None, document_type="resolution", page_url="/documents/A/RES/1")
    assert r"title = {{Rights \& duties: 100\% \{safe\}\_x}}" in to_bibtex([ref])
    assert bibtex_key("no symbol (file 18-04038)") == "no_symbol_file_18-04038"


def test_public_url_setting_is_checked(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[server]\npublic_url = "https://res.example.org/"\n')
    assert load_settings(path).public_url == "https://res.example.org"
    path.write_text('[server]\npublic_url = "res.example.org"\n')
    with pytest.raises(SearchAppError, match="public_url must be an http"):
        load_settings(path)


def test_cli_cite_prints_a_reference_and_a_result_set(seed_settings):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "searchapp.cli", *args, "--index", str(seed_settings.index_dir)],
                              capture_output=True, text=True)
    ris = run("cite", SYMBOL, "--format", "ris")
    assert ris.returncode == 0, ris.stderr
    assert "TI  - Human rights defenders" in ris.stdout and f"M1  - {SYMBOL}" in ris.stdout
    many = run("search", "impunity", "--format", "bib")
    assert many.returncode == 0, many.stderr
    assert many.stdout.count("@techreport{") == 3
    missing = run("cite", "A/RES/99/999")
    assert missing.returncode == 1 and "A/RES/99/999" in missing.stderr
