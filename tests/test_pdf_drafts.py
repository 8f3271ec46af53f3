"""Third Committee draft resolutions read from their PDFs (../shared/corpus/ga-drafts-pdfs/):
symbol, date, document type and the sponsors printed above the title, as a field and a facet."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, settings_for

from searchapp.indexing.run import run_index
from searchapp.parsing import parse_file
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`


def draft(number: int) -> Path:
    path = CORPUS_DIR / "ga-drafts-pdfs" / f"A_C.3_80_L.{number}.pdf"
    assert path.is_file(), f"the shared corpus must lie beside the checkout: {path} is missing"
    return path


def test_a_draft_reads_with_its_symbol_date_type_and_sponsors():
    document = parse_file(draft(2))
    # Page 1: "A/C.3/80/L.2 ... Distr.: Limited / 18 September 2025 ... Belarus, Democratic People’s
    # Republic of Korea, Lao People’s Democratic / Republic and Russian Federation: draft resolution".
    assert document.symbol == "A/C.3/80/L.2"
    assert document.date == dt.date(2025, 9, 18)
    assert document.document_type == "draft resolution"
    assert document.sponsors == ("Belarus", "Democratic People’s Republic of Korea",
                                 "Lao People’s Democratic Republic", "Russian Federation")


def test_sponsor_names_holding_and_stay_whole():
    sponsors = parse_file(draft(20)).sponsors
    # "... Saint Kitts and Nevis, Saint Lucia, Saint Vincent and the Grenadines, ... Trinidad and
    # Tobago, Ukraine, Uruguay and Venezuela (Bolivarian Republic of)" (A/C.3/80/L.20, page 1).
    assert sponsors[:2] == ("Andorra", "Antigua and Barbuda")
    assert {"Saint Kitts and Nevis", "Saint Vincent and the Grenadines", "Trinidad and Tobago",
            "Bosnia and Herzegovina"} <= set(sponsors)
    assert sponsors[-2:] == ("Uruguay", "Venezuela (Bolivarian Republic of)")
    assert not [name for name in sponsors if " and " in name and name not in {
        "Antigua and Barbuda", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines",
        "Trinidad and Tobago", "Bosnia and Herzegovina"}]


def test_the_asterisk_of_a_state_speaking_for_a_group_is_dropped():
    # "Armenia, China, Egypt,* Equatorial Guinea, Norway, Russian Federation and Viet Nam".
    assert parse_file(draft(26)).sponsors == ("Armenia", "China", "Egypt", "Equatorial Guinea", "Norway",
                                              "Russian Federation", "Viet Nam")
    assert parse_file(draft(12)).sponsors == ("Iraq",)  # "Iraq:* draft resolution"


def test_a_draft_submitted_by_the_chair_has_no_sponsoring_states():
    # "Draft resolution submitted by the Chair on the basis of informal consultations".
    document = parse_file(draft(59))
    assert document.document_type == "draft resolution" and document.sponsors == ()


def test_sponsors_are_a_facet_and_a_filter(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for number in (2, 4, 34):
        shutil.copy(draft(number), data)
    settings = settings_for(tmp_path, data)
    assert run_index(settings).documents == 3
    service = SearchService(settings)
    # Venezuela sponsors L.4 ("Belarus, ..., Russian Federation and Venezuela (Bolivarian Republic
    # of)") and L.34 ("Bolivia (Plurinational State of), Cuba, Venezuela (...) and Viet Nam").
    chosen = service.search(SearchRequest(sponsors=("Venezuela (Bolivarian Republic of)",)))
    assert {hit.symbol for hit in service.iter_hits(chosen.request)} == {"A/C.3/80/L.4", "A/C.3/80/L.34"}
    everything = service.search(SearchRequest())
    counts = {value.value: value.count for value in everything.facets["sponsors"].values}
    per_document = {hit.symbol: 0 for hit in service.iter_hits(everything.request)}
    for hit in service.iter_hits(everything.request):
        per_document[hit.symbol] += 1
    # Belarus sponsors L.2 and L.4: its count is their paragraphs.
    assert counts["Belarus"] == per_document["A/C.3/80/L.2"] + per_document["A/C.3/80/L.4"]
    assert counts["Cuba"] == per_document["A/C.3/80/L.34"]
    assert service.document("A/C.3/80/L.34").sponsors == ("Bolivia (Plurinational State of)", "Cuba",
                                                          "Venezuela (Bolivarian Republic of)", "Viet Nam")


def test_a_draft_and_the_resolution_adopted_from_it_link_both_ways(tmp_path):
    from searchapp.web import create_app

    data = tmp_path / "data"
    data.mkdir()
    # A/RES/80/192 and A/C.3/80/L.2 share the title "Combating glorification of Nazism, neo-Nazism
    # and other practices ..." (ga-pdfs/manifest.csv; L.2's first page), session 80 and the Third
    # Committee ("[on the report of the Third Committee (...)]"; the draft's symbol A/C.3/80/L.2).
    # L.4 ("... trafficking in persons", adopted as A/RES/80/228) is here without its resolution.
    shutil.copy(CORPUS_DIR / "ga-pdfs" / "A_RES_80_192.pdf", data)
    for number in (2, 4):
        shutil.copy(draft(number), data)
    settings = settings_for(tmp_path, data)
    run_index(settings)
    service = SearchService(settings)
    resolution, adopted, alone = (service.document(s) for s in ("A/RES/80/192", "A/C.3/80/L.2", "A/C.3/80/L.4"))
    assert (resolution.adopted_from, resolution.adopted_as) == (("A/C.3/80/L.2",), ())
    assert (adopted.adopted_from, adopted.adopted_as) == ((), ("A/RES/80/192",))
    assert (alone.adopted_from, alone.adopted_as) == ((), ())
    client = create_app(settings).test_client()
    page = client.get("/documents/A/RES/80/192").get_data(as_text=True)
    assert '<dt>Adopted from</dt><dd><a href="/documents/A/C.3/80/L.2">A/C.3/80/L.2</a></dd>' in page
    assert client.get("/api/documents/A/C.3/80/L.2").get_json()["adopted_as"] == ["A/RES/80/192"]


def test_a_draft_without_a_committee_line_takes_the_committee_from_its_symbol():
    from searchapp.engine import document_record
    from searchapp.research.drafts import draft_links

    # A/C.3/80/L.18 prints no "Third Committee" line; its symbol says C.3. Its title, "Violence
    # against women migrant workers", is that of A/RES/80/185 (ga-pdfs/manifest.csv).
    draft_text = parse_file(draft(18))
    assert draft_text.committee is None and draft_text.title == "Violence against women migrant workers"
    resolution = parse_file(CORPUS_DIR / "ga-resolutions" / "A_RES_80_185.txt")
    links = draft_links([document_record(draft_text), document_record(resolution)])
    assert links == {"A/RES/80/185": ("A/C.3/80/L.18",), "A/C.3/80/L.18": ("A/RES/80/185",)}
