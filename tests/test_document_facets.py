"""Document type, committee, agenda item and language as facets and filters, and how many
documents carry subject tags at all (issue 14 §4, §5), over a real index of corpus files.

Golden counts come from the files themselves: regular expressions over their text (a word, the
bracket line under the adoption line, the `%%%` tag header), never from the search code.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
from conftest import CORPUS_DIR, running_server

from searchapp.config import Settings
from searchapp.exports import CSV_COLUMNS, csv_row
from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService
from searchapp.web.urls import document_url

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

TEXTS = Path(__file__).resolve().parent / "texts"
HRC_CASE = CORPUS_DIR.parent / "cases" / "hrc_resolution_report_shape.txt"
IMPUNITY = re.compile(r"\bimpunit(?:y|ies)\b", re.IGNORECASE)


def corpus_files(folder: str, pattern: str = "*.txt") -> list[Path]:
    found = sorted((CORPUS_DIR / folder).glob(pattern))
    assert found, f"no {pattern} in {CORPUS_DIR / folder}: the shared corpus must sit beside the checkout"
    return found


def security_council_since_1990() -> list[Path]:
    return [p for p in corpus_files("unsc-resolutions", "S_RES_*.txt") if int(p.stem[-4:]) >= 1990]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """unsc-drafts (64), the Security Council resolutions of 1990-2002, the 54 tagged GA texts,
    the texts of tests/texts/ (a GA draft, ECOSOC, French and Spanish) and the HRC case."""
    tmp = tmp_path_factory.mktemp("types")
    data = tmp / "data"
    data.mkdir()
    sources = {}
    for path in [*corpus_files("unsc-drafts"), *security_council_since_1990(), *corpus_files("ga-with-tags"),
                 *sorted(TEXTS.glob("*.txt")), HRC_CASE]:
        target = data / path.name  # file names say which resolution an OCR text is (S_RES_0778_1992)
        shutil.copy(path, target)
        sources[target.name] = path
    settings = Settings(data_dir=data, index_dir=tmp / "index")
    summary = run_index(settings)
    assert not summary.skipped, summary.skipped
    return settings, sources


@pytest.fixture(scope="module")
def service(indexed):
    return SearchService(indexed[0])


def draft_years() -> dict[str, str]:
    with open(CORPUS_DIR / "unsc-drafts" / "manifest.csv", newline="", encoding="utf-8") as handle:
        return {row["file"]: row["year"] for row in csv.DictReader(handle)}


def test_drafts_are_not_counted_as_security_council_resolutions(service):
    # The example: `impunity`, Security Council, 1990-2020 gave "5 resolutions", all drafts.
    years = draft_years()
    drafts = {name for name, year in years.items() if year and 1990 <= int(year) <= 2020
              and IMPUNITY.search((CORPUS_DIR / "unsc-drafts" / name).read_text(encoding="utf-8"))}
    resolutions = {p.name for p in security_council_since_1990()
                   if int(p.stem[-4:]) <= 2020 and IMPUNITY.search(p.read_text(encoding="utf-8"))}
    council = {"query": "impunity", "bodies": ("Security Council",), "year_from": 1990, "year_to": 2020}
    result = service.search(SearchRequest(**council))
    assert result.documents == len(drafts) + len(resolutions)
    assert len(drafts) == 5
    only_drafts = service.search(SearchRequest(**council, document_types=("draft resolution",)))
    only_resolutions = service.search(SearchRequest(**council, document_types=("resolution",)))
    assert (only_drafts.documents, only_resolutions.documents) == (len(drafts), len(resolutions))
    facet = {v.value: v.count for v in result.facets["document_type"].values}
    assert facet.get("draft resolution", 0) == only_drafts.total
    assert facet.get("resolution", 0) == only_resolutions.total
    assert not any(re.fullmatch(r"\d{2}-\d{5}|task3_draft_\d+", h.symbol) for h in only_drafts.hits)


def test_a_committee_filter_keeps_exactly_the_texts_reported_by_that_committee(service):
    printed = {}
    for path in [*corpus_files("ga-with-tags"), TEXTS / "A_RES_78_216_fr.txt", TEXTS / "A_RES_78_216_es.txt"]:
        flat = " ".join(path.read_text(encoding="utf-8").split())
        match = re.search(r"\[(?:on the report of the|sur la base du rapport de la|sobre la base del informe de "
                          r"la) (Third Committee|Troisième Commission|Tercera Comisión)", flat)
        printed[path] = bool(match)
    third = sum(printed.values()) + 1  # and the draft A/C.3/80/L.5, a Third Committee draft
    result = service.search(SearchRequest(query="", committees=("Third Committee",), per_page=1))
    assert result.documents == third
    assert service.search(SearchRequest(query="", committees=("third committee",), per_page=1)).documents == third


def test_an_agenda_item_filter_keeps_the_texts_printed_under_it(service):
    agenda_line = re.compile(r"Agenda items? (?:\d+(?: \([a-z]\))?,? (?:and )?)*71 \(b\)")
    printed = [p for p in corpus_files("ga-with-tags") if agenda_line.search(p.read_text(encoding="utf-8"))]
    result = service.search(SearchRequest(query="", agenda_items=("71 (b)",), per_page=1))
    assert result.documents == len(printed) + 2  # and the French and Spanish texts of 78/216
    assert len(printed) > 10


def test_the_tag_facet_says_how_many_documents_carry_tags(indexed, service):
    _, sources = indexed
    with_word = [p for p in sources.values() if IMPUNITY.search(p.read_text(encoding="utf-8"))]
    tagged = [p for p in with_word if p.read_text(encoding="utf-8").lstrip().startswith("%%%")]
    result = service.search(SearchRequest(query="impunity"))
    assert result.documents == len(with_word)
    assert result.facets["tags"].documents_covered == (len(tagged), len(with_word))
    assert 0 < len(tagged) < len(with_word)


def test_language_facet_and_filter(service):
    result = service.search(SearchRequest(query="", languages=("fr",)))
    assert [h.symbol for h in result.hits][:1] == ["A/RES/78/216 [fr]"] and result.documents == 1
    counts = {v.value: v.count for v in service.search(SearchRequest(query="")).facets["language"].values}
    assert (counts["fr"], counts["es"]) == (7, 7)  # seven paragraphs each, read in the texts
    assert service.search(SearchRequest(query="défenseurs")).documents >= 1


def test_the_facets_reach_the_page_the_api_and_the_command_line(indexed):
    settings, _ = indexed
    with running_server(settings.index_dir) as url:
        page = urlopen(url + "/?" + urlencode({"q": "impunity"})).read().decode("utf-8")
        api = json.loads(urlopen(url + "/api/search?" + urlencode({"q": "impunity", "doctype": "draft resolution"}))
                         .read().decode("utf-8"))
    assert 'id="facet-document_type"' in page and 'id="facet-committee"' in page and 'id="facet-language"' in page
    assert re.search(r"Subject tags on \d+ of \d+ documents in these results", page)
    assert api["filters"]["document_type"] == ["draft resolution"]
    assert {v["value"] for v in api["facets"]["document_type"] if v["selected"]} == {"draft resolution"}
    assert set(api["facet_coverage"]["tags"]) == {"documents_with_values", "documents"}


def test_a_document_without_a_symbol_says_so_on_its_page(indexed):
    settings, _ = indexed
    with running_server(settings.index_dir) as url:
        page = urlopen(url + document_url("no symbol (file 18-04038)")).read().decode("utf-8")
    assert "<h1>Security Council draft (undated, file 18-04038)</h1>" in page
    assert "No UN symbol is printed on this text" in page
    assert "<dd>draft resolution</dd>" in page


def test_an_export_says_which_rows_are_drafts_and_in_which_language(service):
    council = SearchRequest(query="impunity", bodies=("Security Council",), year_from=1990, year_to=2020,
                            per_page=100)
    result = service.search(council)
    rows = [dict(zip(CSV_COLUMNS, csv_row(hit))) for hit in result.hits]
    assert len(rows) == result.total and {r["document_type"] for r in rows} == {"draft resolution"}
    french = service.search(SearchRequest(query="", languages=("fr",), per_page=100))
    assert {(r["document_type"], r["language"]) for r in (dict(zip(CSV_COLUMNS, csv_row(h))) for h in french.hits)} \
        == {("resolution", "fr")}
