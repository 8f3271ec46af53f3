"""Citations printed in footnotes and annexes are citations too (issue 14 §3, with the parts of §1, §2).

Read in the texts (../shared/corpus/ga-resolutions/):
- A_RES_80_217.txt line 50, footnote 1: "Resolution 217 A (III)."; line 52, footnote 2: "See resolution
  2200 A (XXI), annex." Neither number is printed anywhere else in the file.
- A_RES_79_2.txt line 160, annex paragraph 10 of the political declaration: "Reaffirm the commitment
  to General Assembly resolution 71/3 of 5 October 2016"; line 123, footnote 1: "Resolution 70/1.";
  line 213, footnote 8: "Resolution 78/3, annex, resolution 78/4, annex, and resolution 78/5, annex."
  None of these numbers is printed anywhere else in the file, and no seed prints them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import index_of, require_corpus

from searchapp.search.service import SearchService
from searchapp.web import create_app

SAFETY_OF_JOURNALISTS, ANTIMICROBIAL_RESISTANCE = "A/RES/80/217", "A/RES/79/2"


@pytest.fixture(scope="module")
def parts_settings(tmp_path_factory):
    folder = require_corpus() / "ga-resolutions"
    return index_of(tmp_path_factory.mktemp("parts-citations"),
                    [folder / "A_RES_80_217.txt", folder / "A_RES_79_2.txt"])


@pytest.fixture(scope="module")
def service(parts_settings):
    return SearchService(parts_settings)


def first_anchors(service, symbol) -> dict[str, str]:
    return {c.symbol: c.anchor for c in service.links(symbol).cites}


def test_a_document_lists_the_resolutions_its_footnotes_cite(service):
    anchors = first_anchors(service, SAFETY_OF_JOURNALISTS)
    assert anchors["A/RES/217 A (III)"] == "fn1"
    assert anchors["A/RES/2200 A (XXI)"] == "fn2"


def test_a_document_lists_the_resolutions_its_annex_and_footnotes_cite(service):
    anchors = first_anchors(service, ANTIMICROBIAL_RESISTANCE)
    assert anchors["A/RES/71/3"] == "annex-p10"
    assert anchors["A/RES/70/1"] == "fn1"
    assert anchors["A/RES/78/3"] == anchors["A/RES/78/4"] == anchors["A/RES/78/5"] == "fn8"


def test_who_cites_the_universal_declaration_answers_from_a_footnote(service):
    cited = service.cited_symbol("217 A (III)")
    assert cited.symbol == "A/RES/217 A (III)"
    assert [(c["symbol"], c["anchor"]) for c in cited.cited_by] == [(SAFETY_OF_JOURNALISTS, "fn1")]


def test_searchapp_cites_names_the_annex_paragraph(parts_settings):
    shown = subprocess.run([sys.executable, "-m", "searchapp.cli", "cites", "71/3",
                            "--index", str(parts_settings.index_dir)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[:2] == ["A/RES/71/3 is not in this index; cited by 1:",
                                             f"  {ANTIMICROBIAL_RESISTANCE}  at annex-p10  "
                                             + service_title(parts_settings, ANTIMICROBIAL_RESISTANCE)]


def service_title(settings, symbol) -> str:
    return SearchService(settings).document_page(symbol).document.title


def test_the_document_page_links_each_citation_to_its_footnote(parts_settings):
    app = create_app(parts_settings)
    app.testing = True
    html = app.test_client().get(f"/documents/{SAFETY_OF_JOURNALISTS}").get_data(as_text=True)
    assert 'id="fn1"' in html and 'href="#fn1"' in html
    cited = app.test_client().get("/documents/A/RES/217%20A%20(III)").get_data(as_text=True)
    assert f'href="/documents/{SAFETY_OF_JOURNALISTS}#fn1"' in cited
