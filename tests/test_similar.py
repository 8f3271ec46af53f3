"""Issue 16 §3, the agreed-language finder, over the three seeds (read by hand):

- E/CN.4/RES/2002/70 op5 and E/CN.4/RES/2004/68 op6 print the same words: "Emphasizes the
  importance of combating impunity and in this regard urges States to take appropriate measures
  to address the question of impunity for threats, attacks and acts of intimidation against human
  rights defenders;"
- A/RES/64/163 op7 rewords it: "Also urges States to take appropriate measures to address the
  question of impunity for attacks, threats and acts of intimidation, including cases of
  genderbased violence, against human rights defenders and their relatives, including by ..."
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO

from searchapp.exceptions import BadParameter, DocumentNotFound
from searchapp.research.worddiff import DELETE, EQUAL, INSERT
from searchapp.search.request import SearchRequest
from searchapp.web import create_app

COMMISSION_TEXT = ("Emphasizes the importance of combating impunity and in this regard urges States to take "
                   "appropriate measures to address the question of impunity for threats, attacks and acts of "
                   "intimidation against human rights defenders;")


def _where(result) -> list[tuple[str, str]]:
    return [(r.symbol, r.anchor) for r in result.results]


def test_earlier_wording_of_a_reworded_paragraph_comes_first_newest_first(seed_service):
    result = seed_service.similar(SearchRequest(), paragraph="A/RES/64/163#op7", earlier=True)
    # Both Commission texts hold the predecessor's very words: the same similarity, 2004 before 2002.
    assert _where(result)[:2] == [("E/CN.4/RES/2004/68", "op6"), ("E/CN.4/RES/2002/70", "op5")]
    assert result.results[0].similarity == result.results[1].similarity
    assert 0.6 <= result.results[0].similarity < 0.95
    # the three seeds are one series: the clause's own earlier versions, marked as such
    assert [r.in_series for r in result.results[:2]] == [True, True]
    assert result.source.symbol == "A/RES/64/163" and result.text.startswith("Also urges States")


def test_a_pasted_paragraph_finds_its_identical_wording_newest_first(seed_service):
    result = seed_service.similar(SearchRequest(), text=COMMISSION_TEXT)
    assert _where(result)[:3] == [("E/CN.4/RES/2004/68", "op6"), ("E/CN.4/RES/2002/70", "op5"),
                                  ("A/RES/64/163", "op7")]
    assert [r.similarity for r in result.results[:2]] == [1.0, 1.0]
    assert result.results[0].diff == [(EQUAL, COMMISSION_TEXT)]
    assert not any(r.in_series for r in result.results)  # a pasted text has no series


def test_the_named_paragraphs_own_document_is_never_listed(seed_service):
    result = seed_service.similar(SearchRequest(), paragraph="E/CN.4/RES/2004/68#op6", limit=50)
    assert result.results and all(r.symbol != "E/CN.4/RES/2004/68" for r in result.results)
    assert _where(result)[0] == ("E/CN.4/RES/2002/70", "op5")


def test_earlier_keeps_only_documents_adopted_before(seed_service):
    result = seed_service.similar(SearchRequest(), paragraph="E/CN.4/RES/2004/68#op6", earlier=True, limit=50)
    assert {r.symbol for r in result.results} == {"E/CN.4/RES/2002/70"}


def test_filters_work_as_in_a_search(seed_service):
    assembly = seed_service.similar(SearchRequest(bodies=("GA",)), text=COMMISSION_TEXT, limit=50)
    assert {r.symbol for r in assembly.results} == {"A/RES/64/163"}
    preambular = seed_service.similar(SearchRequest(types=("preambular",)), text=COMMISSION_TEXT, limit=50)
    assert preambular.results and all(r.kind == "preambular" for r in preambular.results)
    dated = seed_service.similar(SearchRequest(year_from=2003, year_to=2005), text=COMMISSION_TEXT, limit=50)
    assert {r.symbol for r in dated.results} == {"E/CN.4/RES/2004/68"}


def test_the_diff_reads_back_as_the_given_text_and_the_found_paragraph(seed_service):
    result = seed_service.similar(SearchRequest(), paragraph="A/RES/64/163#op7", earlier=True)
    found = result.results[0]
    given = " ".join(t for op, t in found.diff if op in (EQUAL, DELETE))
    listed = " ".join(t for op, t in found.diff if op in (EQUAL, INSERT))
    assert given.split() == result.text.split()
    assert listed.split() == found.text.split()
    assert (DELETE, "Also") in found.diff  # 64/163's own word, which the Commission's text lacks


def test_bad_requests_say_what_to_do(seed_service):
    with pytest.raises(BadParameter, match="either a text"):
        seed_service.similar(SearchRequest(), text="impunity", paragraph="A/RES/64/163#op7")
    with pytest.raises(BadParameter, match="give a text"):
        seed_service.similar(SearchRequest(), text="  ")
    with pytest.raises(BadParameter, match="SYMBOL#ANCHOR"):
        seed_service.similar(SearchRequest(), paragraph="A/RES/64/163")
    with pytest.raises(DocumentNotFound, match="no paragraph 'op99'; its paragraphs are pp1"):
        seed_service.similar(SearchRequest(), paragraph="A/RES/64/163#op99")
    with pytest.raises(DocumentNotFound):
        seed_service.similar(SearchRequest(), paragraph="A/RES/99/999#op1")
    with pytest.raises(BadParameter, match="'earlier' needs a paragraph"):
        seed_service.similar(SearchRequest(), text=COMMISSION_TEXT, earlier=True)
    with pytest.raises(BadParameter, match="limit must be between 1 and 100"):
        seed_service.similar(SearchRequest(), text=COMMISSION_TEXT, limit=0)


def test_the_api_answers_with_the_same_results_and_proper_errors(seed_settings, seed_service):
    client = create_app(seed_settings, seed_service).test_client()
    answer = client.get("/api/similar", query_string={"paragraph": "A/RES/64/163#op7", "earlier": "1", "limit": "2"})
    assert answer.status_code == 200
    data = answer.get_json()
    assert [(r["symbol"], r["anchor"]) for r in data["results"]] == [("E/CN.4/RES/2004/68", "op6"),
                                                                     ("E/CN.4/RES/2002/70", "op5")]
    assert data["paragraph"]["anchor"] == "op7" and data["earlier"] is True
    assert {"op": "delete", "text": "Also"} in data["results"][0]["diff"]
    by_text = client.get("/api/similar", query_string={"text": COMMISSION_TEXT, "body": "CHR"}).get_json()
    assert by_text["filters"] == {"body": ["Commission on Human Rights"]}
    assert {r["symbol"] for r in by_text["results"]} == {"E/CN.4/RES/2004/68", "E/CN.4/RES/2002/70"}
    posted = client.post("/api/similar", data={"text": COMMISSION_TEXT, "limit": "1"}).get_json()
    assert [r["symbol"] for r in posted["results"]] == ["E/CN.4/RES/2004/68"]
    assert client.get("/api/similar").status_code == 400
    assert client.get("/api/similar", query_string={"paragraph": "A/RES/64/163#op99"}).status_code == 404
    assert client.get("/api/similar", query_string={"text": "x", "body": "Nowhere"}).status_code == 400


def test_the_page_says_how_much_of_the_wording_is_the_same_and_explains_it(seed_settings, seed_service):
    """The JSON keeps the number (`similarity`, 0 to 1); the page reads it as a share of the
    wording. The Commission's two texts print the very words pasted; 64/163 op7 rewords them."""
    client = create_app(seed_settings, seed_service).test_client()
    data = client.get("/api/similar", query_string={"text": COMMISSION_TEXT}).get_json()
    same, reworded = data["results"][0], data["results"][2]
    assert same["symbol"] == "E/CN.4/RES/2004/68" and same["similarity"] == 1.0
    assert reworded["symbol"] == "A/RES/64/163" and 0.6 <= reworded["similarity"] < 0.95
    page = client.get("/similar", query_string={"text": COMMISSION_TEXT}).get_data(as_text=True)
    assert page.count('aria-describedby="wording-legend">the same words</span>') == 2
    assert f'aria-describedby="wording-legend">wording {int(reworded["similarity"] * 100)}% the same</span>' in page
    assert 'id="wording-legend"' in page and "numbers and small words such as" in page
    assert "similarity" not in page.split('id="found-heading"')[1].lower()  # no bare number left on the page


def test_the_page_shows_the_form_and_the_differences(seed_settings, seed_service):
    client = create_app(seed_settings, seed_service).test_client()
    empty = client.get("/similar")
    assert empty.status_code == 200 and b'<label for="text">' in empty.data
    page = client.get("/similar", query_string={"paragraph": "A/RES/64/163#op7", "earlier": "1"}).get_data(as_text=True)
    assert 'href="/documents/E/CN.4/RES/2004/68#op6"' in page
    assert "<del>Also</del>" in page
    assert 'href="/documents/E/CN.4/RES/2004/68/history/op6"' in page
    bad = client.get("/similar", query_string={"paragraph": "A/RES/64/163#op99"})
    assert bad.status_code == 404 and b"no paragraph" in bad.data and b'role="alert"' in bad.data


def test_the_command_prints_the_paragraphs_and_fails_clearly(seed_settings):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "searchapp.cli", "similar", *args,
                               "--index", str(seed_settings.index_dir)], capture_output=True, text=True)

    text = run("--paragraph", "A/RES/64/163#op7", "--earlier", "--limit", "2")
    assert text.returncode == 0, text.stderr
    assert "1. E/CN.4/RES/2004/68 op6 (2004-04-21, Commission on Human Rights): wording " in text.stdout
    assert "% the same [same series]" in text.stdout
    by_body = run(COMMISSION_TEXT, "--body", "CHR", "--year-from", "2003", "--limit", "1")
    assert by_body.stdout.startswith("Paragraphs worded like the text given, body Commission on Human Rights, "
                                     "year 2003-: 1 listed")
    assert "[-Also-] {+Emphasizes the importance of combating impunity and in this regard+}" in text.stdout
    as_json = run(COMMISSION_TEXT, "--format", "json", "--body", "GA")
    assert {r["symbol"] for r in json.loads(as_json.stdout)["results"]} == {"A/RES/64/163"}
    missing = run("--paragraph", "A/RES/64/163#op99")
    assert missing.returncode == 1 and "no paragraph 'op99'" in missing.stderr
    assert run().returncode == 1


def test_the_benchmark_takes_each_reworded_paragraph_and_asks_for_its_predecessor(seed_service):
    sys.path.insert(0, str(REPO))
    from bench import similar as bench_similar

    pairs = bench_similar.reworded_pairs(seed_service)
    impunity = next(p for p in pairs if (p["newer"], p["newer_anchor"]) == ("A/RES/64/163", "op7"))
    assert (impunity["older"], impunity["older_anchor"], impunity["same_title"]) == ("E/CN.4/RES/2004/68", "op6", False)
    figures = bench_similar.evaluate(seed_service, [impunity])
    assert figures["all"] == {"pairs": 1, "first": 1, "same_words_first": 0, "in_top_10": 1}
    assert figures["same_title"]["pairs"] == 0
