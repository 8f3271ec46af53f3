"""Done when a folder holding only the 145 Third Committee PDFs indexes, serves and answers like the
same resolutions indexed from their texts (issue 15): `impunity` finds the same paragraphs, the same
counts and the same facets, from the search service and from `searchapp serve`'s JSON API."""

from __future__ import annotations

import json
import shutil
import urllib.request

import pytest
from conftest import CORPUS_DIR, running_server, settings_for
from test_pdf_agreement import TWIN_CUTS_A_PARAGRAPH, _manifest

from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService


def _service(tmp_path, name: str, files) -> tuple[SearchService, object]:
    data = tmp_path / name / "data"
    data.mkdir(parents=True)
    for path in files:
        shutil.copy(path, data / path.name)
    settings = settings_for(tmp_path / name, data)
    summary = run_index(settings)
    assert summary.skipped == [] and summary.documents == 145, summary.skipped
    return SearchService(settings), settings


def _answer(service: SearchService, request: SearchRequest) -> tuple:
    result = service.search(request)
    hits = {(hit.symbol, hit.anchor, " ".join(hit.text.split())) for hit in service.iter_hits(request)}
    # Values and counts, not their order: agenda items are listed by their count over the whole
    # index, and the PDFs' footnote paragraphs differ from the twins', so ties of order may differ.
    facets = {name: sorted((value.value, value.count) for value in facet.values)
              for name, facet in result.facets.items()}
    return result.total, result.documents, result.mentions, facets, hits


@pytest.mark.slow
def test_the_145_pdfs_answer_impunity_like_their_texts(tmp_path):
    rows = _manifest()
    from_pdfs, pdf_settings = _service(tmp_path, "pdfs", [CORPUS_DIR / "ga-pdfs" / row["pdf"] for row in rows])
    from_texts, text_settings = _service(tmp_path, "texts", [CORPUS_DIR / row["shared_corpus_text"] for row in rows])
    request = SearchRequest(query="impunity")
    pdf_total, pdf_documents, pdf_mentions, pdf_facets, pdf_hits = _answer(from_pdfs, request)
    text_total, text_documents, text_mentions, text_facets, text_hits = _answer(from_texts, request)
    # 54 of the 145 twins contain "impunity" (grep -il impunity), and so do their PDFs.
    assert pdf_documents == text_documents == 54
    assert (pdf_total, pdf_mentions, pdf_facets) == (text_total, text_mentions, text_facets)
    assert pdf_total == len(pdf_hits)
    # The same paragraphs, word for word, but for the twins' footnote markers ("impunity,12 and")
    # and the paragraphs the twin cuts (listed in test_pdf_agreement.py).
    cut = set(TWIN_CUTS_A_PARAGRAPH)
    assert {(s, a) for s, a, _ in pdf_hits if s not in cut} == {(s, a) for s, a, _ in text_hits if s not in cut}
    # Served: the JSON API of `searchapp serve` over each index answers with the same figures.
    served = [_served(settings.index_dir) for settings in (pdf_settings, text_settings)]
    assert served[0] == served[1] == (pdf_total, pdf_documents, pdf_mentions, pdf_facets)


def _served(index_dir) -> tuple:
    with running_server(index_dir) as url, urllib.request.urlopen(url + "/api/search?q=impunity", timeout=60) as reply:
        data = json.load(reply)
    facets = {name: sorted((value["value"], value["count"]) for value in values)
              for name, values in data["facets"].items()}
    return data["total"], data["documents"], data["mentions"], facets
