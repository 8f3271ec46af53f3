"""Annexes and footnotes end to end (issue 14 §1, §2): indexed as paragraphs of their part,
searchable, facetable by part, exported with it, shown on the document page and by `show`.

An index of three corpus texts, read by hand:
- A_RES_78_3.txt: 1 operative paragraph, then the annexed pandemic declaration; "One Health
  approach" is printed in its paragraphs 19 (line 247), 68 (line 718) and 69 ("a One" /
  "Health approach", lines 727-728), and nowhere in the resolution or a footnote.
- A_RES_80_217.txt: footnote 4 "Ibid., vol. 75, Nos. 970–973." marks "12 August 19494" in pp2.
- A_RES_79_175.txt: "general comment No. 16" of the Human Rights Committee, lines 227 and 274.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import urllib.request

import pytest
from conftest import index_of, require_corpus, running_server

from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

FILES = ("A_RES_78_3.txt", "A_RES_80_217.txt", "A_RES_79_175.txt")


@pytest.fixture(scope="module")
def parts_settings(tmp_path_factory):
    folder = require_corpus() / "ga-resolutions"
    return index_of(tmp_path_factory.mktemp("parts"), [folder / name for name in FILES], seeds=False)


@pytest.fixture(scope="module")
def service(parts_settings):
    return SearchService(parts_settings)


def facet(result, name):
    return {value.value: value.count for value in result.facets[name].values}


def test_one_health_approach_is_found_in_the_annex_of_78_3(service):
    result = service.search(SearchRequest(query='"One Health approach"', per_page=50))
    assert {(hit.symbol, hit.part, hit.anchor) for hit in result.hits} == {
        ("A/RES/78/3", "annex", "annex-p19"), ("A/RES/78/3", "annex", "annex-p68"),
        ("A/RES/78/3", "annex", "annex-p69")}
    assert facet(result, "part") == {"annex": 3}
    assert result.total == 3


def test_a_general_comment_number_is_searchable_again(service):
    result = service.search(SearchRequest(query='"general comment No. 16"', per_page=50))
    assert [(hit.symbol, hit.part) for hit in result.hits] == [("A/RES/79/175", "resolution")] * 2


def test_the_part_filter_keeps_one_part_and_the_type_facet_counts_only_the_resolution(service):
    everything = service.search(SearchRequest(query="Ibid", per_page=100))
    notes = service.search(SearchRequest(query="Ibid", parts=("footnote",), per_page=100))
    assert notes.total == everything.total > 0  # "Ibid." is only ever printed in footnotes
    assert {hit.part for hit in notes.hits} == {"footnote"}
    assert all(hit.anchor == f"fn{hit.paragraph_number}" for hit in notes.hits)
    assert facet(notes, "paragraph_type") == {}  # a footnote is neither preambular nor operative
    resolution = service.search(SearchRequest(query="Ibid", parts=("resolution",)))
    assert resolution.total == 0


def test_the_document_page_shows_the_annex_under_its_heading_and_links_markers_to_footnotes(parts_settings):
    from searchapp.web import create_app

    client = create_app(parts_settings).test_client()
    page = client.get("/documents/A/RES/80/217").get_data(as_text=True)
    pp2 = re.search(r'<li id="pp2".*?</li>', page, re.S).group()
    assert "12 August 1949 and the Additional Protocols" in pp2
    assert all(f'href="#fn{n}"' in pp2 for n in range(1, 6))
    assert re.search(r'<li id="fn4"[^>]*>.*?Ibid\., vol\. 75, Nos\. 970–973\.', page, re.S)
    declaration = client.get("/documents/A/RES/78/3").get_data(as_text=True)
    heading = declaration.index('<h2 class="annex-title"')
    assert "Political declaration of the General Assembly high-level meeting" in declaration[heading:heading + 300]
    assert heading < declaration.index('id="annex-p19"') < declaration.index("</section>", heading)
    assert declaration.index('id="op1"') < heading
    # The reissue asterisk leads to the same page.
    reissued = client.get("/documents/A/RES/80/217*")
    assert reissued.status_code == 302 and reissued.location.endswith("/documents/A/RES/80/217")


def test_show_prints_the_annex_and_the_footnotes(parts_settings):
    shown = subprocess.run([sys.executable, "-m", "searchapp.cli", "show", "A/RES/80/217", "--index",
                            str(parts_settings.index_dir)], capture_output=True, text=True, timeout=120, check=False)
    assert shown.returncode == 0, shown.stderr
    assert "== Footnotes" in shown.stdout
    assert "[footnote 4] Ibid., vol. 75, Nos. 970–973." in shown.stdout
    assert re.search(r"\[preambular 2\] Reaffirming .*12 August 1949 and .* \[footnotes 1, 2, 3, 4, 5\]", shown.stdout)


def test_the_csv_export_carries_the_part_over_a_real_server(parts_settings):
    with running_server(parts_settings.index_dir) as base:
        with urllib.request.urlopen(base + "/export.csv?q=%22One+Health+approach%22", timeout=60) as response:
            rows = list(csv.reader(io.StringIO(response.read().decode("utf-8"))))
    header, body = rows[0], rows[1:]
    assert [row[header.index("part")] for row in body] == ["annex"] * 3
    assert sorted(row[header.index("anchor_url")].rsplit("#", 1)[1] for row in body) == [
        "annex-p19", "annex-p68", "annex-p69"]
