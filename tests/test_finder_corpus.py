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


def test_the_predecessor_of_the_minors_clause_comes_first(whole_corpus_service):
    result = whole_corpus_service.similar(SearchRequest(), paragraph="A/RES/80/222#op8", earlier=True)
    assert (result.results[0].symbol, result.results[0].anchor) == ("A/RES/79/183", "op10")
    # the draft of 80/222 (A/C.3/80/L.30) prints the same clause and is not listed; 78/220 op11 follows
    assert "A/C.3/80/L.30" not in {r.symbol for r in result.results}
    assert ("A/RES/78/220", "op11") in [(r.symbol, r.anchor) for r in result.results]


def test_a_reworded_paragraphs_predecessor_comes_first_for_nine_in_ten(whole_corpus_service):
    """bench/similar.py on every 8th pair of texts of the corpus's series (the whole figure is in
    the README): among the pairs whose texts have the same title, the predecessor, or a paragraph
    with its very words, is listed first for at least 90%."""
    pairs = bench_similar.reworded_pairs(whole_corpus_service, every=8)
    figures = bench_similar.evaluate(whole_corpus_service, pairs)
    same_title = figures["same_title"]
    assert same_title["pairs"] >= 200, figures["same_title"]
    assert same_title["first"] + same_title["same_words_first"] >= 0.9 * same_title["pairs"], same_title
    assert same_title["in_top_10"] >= 0.95 * same_title["pairs"], same_title
