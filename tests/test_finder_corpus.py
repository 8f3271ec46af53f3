"""Issue 16 §3-§4 over the whole shared corpus (the session's index of it).

The Iran series, read by hand in ga-resolutions/: the clause on the death penalty against minors
is A/RES/78/220 op11 (2023), A/RES/79/183 op10 (2024) and A/RES/80/222 op8 (2025):
- 2023: "Expresses serious concern at the continued imposition of the death penalty by the Islamic
  Republic of Iran against minors, and urges the Islamic Republic of Iran to cease the imposition
  of the death penalty against minors, including persons who at the time of their offence were
  under the age of 18, ... and to commute the sentences for child offenders on death row;"
- 2024: "... against persons who at the time of their alleged offence were under the age of 18,
  ... to commute the sentences for all child offenders on death row;"
- 2025: "Expresses serious concern about the continued imposition ... against persons who, at the
  time of their alleged offence, were under the age of 18, ..."
The draft A/C.3/80/L.30 of 2025 is in the series and left out of the history.
"""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

from searchapp.research.history import FIRST, REWORDED
from searchapp.search.request import SearchRequest
from searchapp.web import create_app

sys.path.insert(0, str(REPO))
from bench import similar as bench_similar  # noqa: E402

pytestmark = pytest.mark.slow


def test_the_minors_clause_through_the_iran_series(whole_corpus_service):
    history = whole_corpus_service.clause_history("A/RES/80/222", "op8")
    assert [(s.symbol, s.status, s.paragraph.anchor) for s in history.steps] == [
        ("A/RES/78/220", FIRST, "op11"), ("A/RES/79/183", REWORDED, "op10"), ("A/RES/80/222", REWORDED, "op8")]
    assert history.absent_years == []
    step_2024, step_2025 = history.steps[1], history.steps[2]
    assert "minors, including" in " ".join(step_2024.dropped)
    assert {"alleged", "all"} <= set(" ".join(step_2024.added).split())
    assert "at" in " ".join(step_2025.dropped).split() and "about" in " ".join(step_2025.added).split()
    assert [s.year for s in history.steps] == [2023, 2024, 2025]


def test_the_draft_left_out_of_the_minors_clause_is_named_and_can_be_followed(whole_corpus_service):
    """The Third Committee's draft A/C.3/80/L.30 (ga-drafts-pdfs/) prints the clause as its op8,
    "Expresses serious concern about the continued imposition of the death penalty by the Islamic
    Republic of Iran against minors ... against persons who, at the time of their alleged offence,
    were under the age of 18 ...": left out and named by default, followed with drafts=1."""
    client = create_app(whole_corpus_service.settings, whole_corpus_service).test_client()
    default = client.get("/api/documents/A/RES/80/222/history/op8").get_json()
    assert "A/C.3/80/L.30" in default["drafts_left_out"] and default["drafts_included"] is False
    assert "A/C.3/80/L.30" not in [s["symbol"] for s in default["steps"]]
    page = client.get("/documents/A/RES/80/222/history/op8").get_data(as_text=True)
    assert "A/C.3/80/L.30" in page.split('class="drafts-note"')[1].split("</p>")[0]
    assert 'href="/documents/A/RES/80/222/history/op8?drafts=1"' in page
    with_drafts = client.get("/api/documents/A/RES/80/222/history/op8", query_string={"drafts": "1"}).get_json()
    assert with_drafts["drafts_included"] is True and with_drafts["drafts_left_out"] == []
    assert ("A/C.3/80/L.30", "op8") in [(s["symbol"], s["anchor"]) for s in with_drafts["steps"]]


def test_the_predecessor_of_the_minors_clause_comes_first(whole_corpus_service):
    result = whole_corpus_service.similar(SearchRequest(), paragraph="A/RES/80/222#op8", earlier=True)
    assert (result.results[0].symbol, result.results[0].anchor) == ("A/RES/79/183", "op10")
    # the draft of 80/222 (A/C.3/80/L.30) prints the same clause and is not listed; 78/220 op11 follows
    assert "A/C.3/80/L.30" not in {r.symbol for r in result.results}
    assert ("A/RES/78/220", "op11") in [(r.symbol, r.anchor) for r in result.results]


def test_a_boilerplate_clause_finds_its_own_series_before_other_resolutions(whole_corpus_service):
    """"Invites the Secretary-General to submit to the General Assembly at its eighty-first session a
    report on the implementation of the present resolution." (A/RES/80/89 op7, Question of Western
    Sahara, 2025): A/RES/80/17 op11 (nuclear-weapon-free zone, 1 December 2025, "Also requests the
    Secretary-General to submit ... at its eighty-first session a report ...") is worded as
    closely as the Western Sahara text of 2024 (A/RES/79/98 op7, "... at its eightieth session ...");
    the clause's own earlier versions, 2024 then 2023 (A/RES/78/85 op7), come first."""
    result = whole_corpus_service.similar(SearchRequest(), paragraph="A/RES/80/89#op7", earlier=True)
    assert [(r.symbol, r.anchor, r.in_series) for r in result.results[:2]] == [
        ("A/RES/79/98", "op7", True), ("A/RES/78/85", "op7", True)]
    assert not result.results[2].in_series


def test_guams_clause_is_found_in_guams_text_before_bermudas(whole_corpus_service):
    """A/RES/79/105 pp6 (Question of Guam, 2024): "Recognizing that the specific characteristics and
    the aspirations of the people of Guam require flexible, practical and innovative approaches to
    the options for self-determination ...". Guam's 2023 text (A/RES/78/92 pp6) prints
    "self- determination" split at a line end, so Bermuda's same clause (A/RES/78/88 pp6, "... the
    people of Bermuda ...") is worded a little more like it; Guam's own text comes first."""
    result = whole_corpus_service.similar(SearchRequest(), paragraph="A/RES/79/105#pp6", earlier=True)
    first, second = result.results[:2]
    assert (first.symbol, first.anchor) == ("A/RES/78/92", "pp6")
    assert second.symbol != "A/RES/78/92" and second.similarity > first.similarity


def test_the_version_of_the_session_before_beats_a_slightly_closer_one_two_sessions_back(whole_corpus_service):
    """A/RES/80/54 op7 (Treaty on the Prohibition of Nuclear Weapons, 2025): "Also welcomes the
    decisions taken at the third Meeting of States Parties ...". Its 2024 version (A/RES/79/38 op7,
    "Also welcomes ... the second Meeting ...") and its 2023 version (A/RES/78/35 op6, "Further
    welcomes ... the first Meeting ...") are both reworded; the 2023 one is a little closer in
    words, within a session's drift: the 2024 version comes first."""
    result = whole_corpus_service.similar(SearchRequest(), paragraph="A/RES/80/54#op7", earlier=True)
    first, second = result.results[:2]
    assert [(first.symbol, first.anchor), (second.symbol, second.anchor)] == [
        ("A/RES/79/38", "op7"), ("A/RES/78/35", "op6")]
    assert first.similarity < second.similarity < first.similarity + 0.1


def test_a_reworded_paragraphs_predecessor_comes_first_for_nine_in_ten(whole_corpus_service):
    """bench/similar.py on every 8th pair of texts of the corpus's series (the whole figure is in
    the README): over all the pairs, the predecessor is listed first for at least 90% (the issue's
    goal); among the pairs whose texts have the same title, for at least 97%."""
    pairs = bench_similar.reworded_pairs(whole_corpus_service, every=8)
    figures = bench_similar.evaluate(whole_corpus_service, pairs)
    every, same_title = figures["all"], figures["same_title"]
    assert every["pairs"] >= 400 and same_title["pairs"] >= 350, figures
    assert every["first"] >= 0.9 * every["pairs"], every
    assert same_title["first"] >= 0.97 * same_title["pairs"], same_title
    assert every["in_top_10"] >= 0.98 * every["pairs"], every
