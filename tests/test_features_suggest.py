""""Did you mean": corrections within two edits, by distance, then frequency."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searchapp.search.suggest import edit_distance, ranked_corrections, suggest

VOCABULARY = [("impunity", 90), ("immunity", 40), ("community", 70), ("unity", 5),
              ("defenders", 120), ("defender", 30), ("offenders", 8), ("torture", 60)]


def test_impunty_is_corrected_to_impunity():
    assert suggest("impunty", VOCABULARY)[0] == "impunity"


def test_closer_words_come_before_more_frequent_ones():
    # "impunity" is one edit away, "immunity" two: distance wins over frequency.
    assert suggest("impunty", VOCABULARY) == ["impunity", "immunity"]


def test_among_equally_close_words_the_more_frequent_comes_first():
    assert suggest("defenderz", VOCABULARY)[:2] == ["defenders", "defender"]


def test_a_swapped_pair_of_letters_is_one_edit():
    assert edit_distance("tortrue", "torture") == 1
    assert suggest("tortrue", VOCABULARY) == ["torture"]


def test_a_known_word_needs_no_correction():
    assert suggest("impunity", VOCABULARY) == []


def test_words_more_than_two_edits_away_are_not_offered():
    assert suggest("xyzzy", VOCABULARY) == []
    assert suggest("impunityyyy", VOCABULARY) == []


def test_case_is_ignored_and_the_limit_respected():
    assert suggest("IMPUNTY", VOCABULARY, limit=1) == ["impunity"]


def test_ranked_corrections_carry_distance_and_frequency():
    assert ranked_corrections("impunty", VOCABULARY) == [("impunity", 1, 90), ("immunity", 2, 40)]


def test_the_vocabulary_can_be_any_iterable_of_pairs():
    assert suggest("impunty", iter(VOCABULARY)) == ["impunity", "immunity"]


def test_edit_distance_examples():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert edit_distance("abc", "abc") == 0
    assert edit_distance("abcdef", "abcxyz", limit=1) > 1


_WORDS = st.text(alphabet="abcde", max_size=8)


@given(_WORDS, _WORDS)
def test_edit_distance_is_symmetric_and_bounded(first, second):
    distance = edit_distance(first, second)
    assert distance == edit_distance(second, first)
    assert abs(len(first) - len(second)) <= distance <= max(len(first), len(second))
    assert (distance == 0) == (first == second)


@given(_WORDS, _WORDS)
def test_the_early_stop_agrees_with_the_full_distance(first, second):
    full = edit_distance(first, second)
    limited = edit_distance(first, second, limit=2)
    assert (full <= 2 and limited == full) or (full > 2 and limited > 2)
