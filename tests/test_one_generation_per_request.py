"""One index version per request (issue 13 §2): a publish that lands in the middle of a request
must not mix two generations in its answer."""

from __future__ import annotations

import pytest
from conftest import copy_seeds, settings_for

from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService
from searchapp.web import create_app

ASSEMBLY_2009 = "A/RES/64/163"  # seed 003; sorted first among the three symbols
COMMISSION_2002 = "E/CN.4/RES/2002/70"  # seed 001: 13 preambular + 11 operative paragraphs
COMMISSION_2004 = "E/CN.4/RES/2004/68"  # seed 000: 16 + 16


@pytest.fixture
def settings(tmp_path):
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    return settings


def publish_during_the_request(service: SearchService, settings) -> list[str]:
    """After the request's first look at the index, publish a generation without the Assembly's
    text (so every document index shifts by one); returns a log the test can check."""
    original = service.handle.snapshot
    log: list[str] = []

    def snapshot():
        taken = original()
        if not log:
            log.append("published")
            (settings.data_dir / "003_24ed9d044c465573.txt").unlink()
            run_index(settings)
        return taken

    service.handle.snapshot = snapshot
    return log


def test_a_document_read_while_a_generation_is_published_is_the_one_asked_for(settings):
    service = SearchService(settings)
    log = publish_during_the_request(service, settings)
    document = service.document(COMMISSION_2002)
    assert log == ["published"]
    assert document.symbol == COMMISSION_2002
    assert len(document.paragraphs) == 13 + 11
    # The next request sees the new generation.
    assert ASSEMBLY_2009 not in service.symbols()


def test_the_document_page_takes_document_links_and_series_from_one_generation(settings):
    app = create_app(settings)
    app.testing = True
    log = publish_during_the_request(app.extensions["searchapp"], settings)
    data = app.test_client().get(f"/api/documents/{COMMISSION_2002}").get_json()
    assert log == ["published"]
    assert data["symbol"] == COMMISSION_2002 and len(data["paragraphs"]) == 24
    # In the generation the request started with, the series runs on to the Assembly's 64/163.
    assert [d["symbol"] for d in data["series"]["documents"]] == [COMMISSION_2002, COMMISSION_2004, ASSEMBLY_2009]
    assert data["series"]["next"] == COMMISSION_2004


def test_the_changes_page_compares_texts_of_one_generation(settings):
    app = create_app(settings)
    app.testing = True
    log = publish_during_the_request(app.extensions["searchapp"], settings)
    page = app.test_client().get(f"/documents/{COMMISSION_2004}/changes")
    assert log == ["published"]
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert COMMISSION_2002 in html and COMMISSION_2004 in html


def test_a_search_and_its_facets_come_from_one_generation(settings):
    service = SearchService(settings)
    log = publish_during_the_request(service, settings)
    result = service.search(SearchRequest(query="impunity"))
    assert log == ["published"]
    # The three seeds say "impunity" in 9 paragraphs, 3 of them the Assembly's (test_search_seeds).
    assert result.total == 9
    assert {v.value: v.count for v in result.facets["body"].values} == {
        "Commission on Human Rights": 6, "General Assembly": 3}
    assert {h.symbol for h in result.hits} == {ASSEMBLY_2009, COMMISSION_2002, COMMISSION_2004}
