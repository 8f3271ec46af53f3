"""Series and what changed: 2002/70 -> 2004/68 -> 64/163 (human rights defenders).

The exact 2002/70 -> 2004/68 paragraph sets below were made by reading both texts side by side:
2004/68 adds preambular paragraphs on article 4 of the Covenant (pp10), counter-terrorism
legislation misused against defenders (pp11) and national policies for defenders (pp14), and
operative paragraphs on counter-terrorism measures (op5), a conducive environment (op7), country
visits (op9), investigating urgent appeals (op11) and reporting (op13). Nothing is dropped: every
2002 paragraph survives, some renumbered, some reworded (the minorities mention is a rewording of
pp7; the resources paragraph op10 moved to op14, before the agencies paragraph op9 -> op15).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, SEED_64_163, SEED_2002_70, SEED_2004_68
from hypothesis import given
from hypothesis import strategies as st

from searchapp.models import (
    COMMISSION,
    GENERAL_ASSEMBLY,
    OPERATIVE,
    PREAMBULAR,
    Document,
    Paragraph,
)
from searchapp.research.alignment import compare, paragraph_similarity
from searchapp.research.lineage import group_series, in_same_series, title_words
from searchapp.research.worddiff import (
    DELETE,
    EQUAL,
    INSERT,
    newer_text,
    older_text,
    word_diff,
)

ADDED_2002_TO_2004 = {"pp10", "pp11", "pp14", "op5", "op7", "op9", "op11", "op13"}
DROPPED_2002_TO_2004: set[str] = set()
# older anchor -> newer anchor, reworded
CHANGED_2002_TO_2004 = {"pp1": "pp1", "pp3": "pp3", "pp5": "pp5", "pp7": "pp7", "pp9": "pp9",
                        "pp10": "pp12", "pp11": "pp13", "op1": "op1", "op2": "op2", "op3": "op3",
                        "op9": "op15", "op10": "op14", "op11": "op16"}
# older anchor -> newer anchor, same words (typographic hyphens aside)
UNCHANGED_2002_TO_2004 = {"pp2": "pp2", "pp4": "pp4", "pp6": "pp6", "pp8": "pp8", "pp12": "pp15",
                          "pp13": "pp16", "op4": "op4", "op5": "op6", "op6": "op8", "op7": "op10",
                          "op8": "op12"}


def read_commission_seed(path: Path, symbol: str, date: dt.date) -> Document:
    """The two Commission seeds without the parser: paragraphs are blank-line separated and an
    operative paragraph starts with its number on a line of its own ("5.\\nEmphasizes ...").
    Only for these two files; everything else goes through searchapp.parsing."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.startswith("The Commission on Human Rights"))
    paragraphs: list[Paragraph] = []
    preambular = 0
    for block in blocks[start + 1:]:
        operative = re.match(r"(\d+)\.\s*\n(.*)", block, re.S)
        if operative:
            kind, number, text = OPERATIVE, int(operative[1]), operative[2]
        else:
            preambular += 1
            kind, number, text = PREAMBULAR, preambular, block
        paragraphs.append(Paragraph(symbol, kind, number, len(paragraphs), "", " ".join(text.split())))
        if text.startswith("Decides to consider"):
            break
    return Document(symbol, COMMISSION, "Human rights defenders", date, date.year, None, str(path),
                    paragraphs=paragraphs)


@pytest.fixture(scope="module")
def commission_2002() -> Document:
    return read_commission_seed(SEED_2002_70, "E/CN.4/RES/2002/70", dt.date(2002, 4, 25))


@pytest.fixture(scope="module")
def commission_2004() -> Document:
    return read_commission_seed(SEED_2004_68, "E/CN.4/RES/2004/68", dt.date(2004, 4, 21))


def doc(symbol, title, date, *paragraphs, body=GENERAL_ASSEMBLY) -> Document:
    made = [Paragraph(symbol, kind, number, i, "", text)
            for i, (kind, number, text) in enumerate(paragraphs)]
    return Document(symbol, body, title, date, date.year if date else None, None, "test",
                    paragraphs=made)


# --- what changed between 2002/70 and 2004/68 ------------------------------------------------

def test_the_reader_sees_13_plus_11_and_16_plus_16_paragraphs(commission_2002, commission_2004):
    assert (commission_2002.preambular_count, commission_2002.operative_count) == (13, 11)
    assert (commission_2004.preambular_count, commission_2004.operative_count) == (16, 16)


def test_2004_adds_counter_terrorism_and_other_paragraphs(commission_2002, commission_2004):
    changes = compare(commission_2002, commission_2004)
    assert {p.anchor for p in changes.added} == ADDED_2002_TO_2004
    assert {p.anchor for p in changes.dropped} == DROPPED_2002_TO_2004


def test_reworded_and_kept_paragraphs_are_paired_across_renumbering(commission_2002, commission_2004):
    changes = compare(commission_2002, commission_2004)
    assert {c.older.anchor: c.newer.anchor for c in changes.changed} == CHANGED_2002_TO_2004
    assert {o.anchor: n.anchor for o, n in changes.unchanged_pairs} == UNCHANGED_2002_TO_2004
    assert changes.unchanged == 11


def test_the_minorities_mention_is_a_word_level_insertion(commission_2002, commission_2004):
    changes = compare(commission_2002, commission_2004)
    [pp7] = [c for c in changes.changed if c.newer.anchor == "pp7"]
    inserted = " ".join(text for op, text in pp7.diff if op == INSERT)
    assert "minorities" in inserted
    assert "minorities" not in " ".join(text for op, text in pp7.diff if op != INSERT)


def test_at_becomes_by_in_pp5(commission_2002, commission_2004):
    changes = compare(commission_2002, commission_2004)
    [pp5] = [c for c in changes.changed if c.newer.anchor == "pp5"]
    assert (DELETE, "at") in pp5.diff and (INSERT, "by") in pp5.diff


def test_changes_serialise_to_json(commission_2002, commission_2004):
    data = compare(commission_2002, commission_2004).to_json()
    assert data["older"] == "E/CN.4/RES/2002/70" and data["newer"] == "E/CN.4/RES/2004/68"
    assert len(data["added"]) == 8 and data["unchanged"] == 11
    assert {"op", "text"} <= set(data["changed"][0]["diff"][0])


def test_a_paragraph_never_changes_kind():
    older = doc("A", "t", None, (PREAMBULAR, 1, "Calls upon all States to protect defenders;"))
    newer = doc("B", "t", None, (OPERATIVE, 1, "Calls upon all States to protect defenders;"))
    changes = compare(older, newer)
    assert [p.anchor for p in changes.dropped] == ["pp1"] and [p.anchor for p in changes.added] == ["op1"]


def test_typographic_hyphens_are_not_changes():
    assert paragraph_similarity("non-State actors", "non\u2011State actors") == 1.0
    older = doc("A", "t", None, (PREAMBULAR, 1, "the activities of some non-State actors"))
    newer = doc("B", "t", None, (PREAMBULAR, 1, "the activities of some non\u2011State  actors"))
    assert compare(older, newer).unchanged == 1


# --- word diff -----------------------------------------------------------------------------

def test_word_diff_marks_inserted_and_deleted_words():
    assert word_diff("Calls upon all States to act;", "Calls upon States to act now;") == [
        (EQUAL, "Calls upon"), (DELETE, "all"), (EQUAL, "States to"),
        (DELETE, "act;"), (INSERT, "act now;")]


_TEXT = st.lists(st.sampled_from(["States", "the", "defenders", "impunity", "shall,", "of", "\n"]),
                 max_size=25).map(" ".join)


@given(_TEXT, _TEXT)
def test_word_diff_reconstructs_both_texts(older, newer):
    segments = word_diff(older, newer)
    assert older_text(segments) == " ".join(older.split())
    assert newer_text(segments) == " ".join(newer.split())


@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_reconstructs_any_text(older, newer):
    segments = word_diff(older, newer)
    assert older_text(segments).split() == older.split()
    assert newer_text(segments).split() == newer.split()
    assert all(op in (EQUAL, INSERT, DELETE) and text for op, text in segments)


# --- series -----------------------------------------------------------------------------------

def test_title_words_drop_numbers_and_small_words():
    assert title_words("64/163. Declaration on the Right of Individuals") == \
        {"declaration", "right", "individuals"}


def test_same_titles_make_a_series_and_unrelated_ones_do_not():
    a = doc("A/RES/1", "Human rights defenders", dt.date(2001, 1, 1))
    b = doc("A/RES/2", "Human rights defenders", dt.date(2003, 1, 1))
    c = doc("A/RES/3", "Question of the death penalty", dt.date(2002, 1, 1))
    series = group_series([b, c, a])
    assert [s.symbols for s in series] == [["A/RES/1", "A/RES/2"], ["A/RES/3"]]
    assert series[0].links[0].reason == "same title"


def test_sharing_only_a_citation_is_not_enough():
    a = doc("A/RES/1", "Right to food", dt.date(2001, 1, 1),
            (PREAMBULAR, 1, "Recalling resolution 60/251 on the Human Rights Council"))
    b = doc("A/RES/2", "Freedom of religion", dt.date(2003, 1, 1),
            (PREAMBULAR, 1, "Recalling resolution 60/251 on the Human Rights Council"))
    assert in_same_series(a, b) is None


def test_commission_seeds_are_one_series_by_title(commission_2002, commission_2004):
    assert in_same_series(commission_2002, commission_2004) == "same title"


def test_the_three_seeds_form_one_series_in_date_order():
    parsing = pytest.importorskip("searchapp.parsing", reason="the parser has not landed yet")
    seeds = [parsing.parse_file(p) for p in (SEED_64_163, SEED_2004_68, SEED_2002_70)]
    [series] = group_series(seeds)
    assert series.symbols == ["E/CN.4/RES/2002/70", "E/CN.4/RES/2004/68", "A/RES/64/163"]
    assert series.neighbours("E/CN.4/RES/2004/68") == ("E/CN.4/RES/2002/70", "A/RES/64/163")
    assert [(o.symbol, n.symbol) for o, n in series.consecutive_pairs()] == [
        ("E/CN.4/RES/2002/70", "E/CN.4/RES/2004/68"), ("E/CN.4/RES/2004/68", "A/RES/64/163")]


def test_the_assembly_text_joins_by_citation_and_the_defenders_phrase(commission_2004):
    parsing = pytest.importorskip("searchapp.parsing", reason="the parser has not landed yet")
    assembly = parsing.parse_file(SEED_64_163)
    reason = in_same_series(commission_2004, assembly)
    assert reason and "A/RES/53/144" in reason


def test_parsed_2002_and_2004_give_the_sets_read_by_hand():
    parsing = pytest.importorskip("searchapp.parsing", reason="the parser has not landed yet")
    changes = compare(parsing.parse_file(SEED_2002_70), parsing.parse_file(SEED_2004_68))
    assert {p.anchor for p in changes.added} == ADDED_2002_TO_2004
    assert {p.anchor for p in changes.dropped} == DROPPED_2002_TO_2004
    assert {c.older.anchor: c.newer.anchor for c in changes.changed} == CHANGED_2002_TO_2004


def test_the_2023_defenders_resolution_continues_the_2009_series():
    corpus = CORPUS_DIR / "ga-resolutions"
    path = corpus / "A_RES_78_216.txt"
    if not path.exists():
        pytest.skip("the shared corpus is not beside the checkout")
    parsing = pytest.importorskip("searchapp.parsing", reason="the parser has not landed yet")
    newer, older = parsing.parse_file(path), parsing.parse_file(SEED_64_163)
    assert in_same_series(older, newer)
    assert [s.symbols for s in group_series([newer, older])] == [["A/RES/64/163", "A/RES/78/216"]]


def test_a_shared_founding_resolution_and_each_naming_the_other_make_a_series():
    older = doc("E/CN.4/RES/2002/70", "Human rights defenders", dt.date(2002, 4, 25),
                (PREAMBULAR, 1, "Recalling General Assembly resolution 53/144, by which the Assembly "
                 "adopted the Declaration on the Right and Responsibility of Individuals"),
                body=COMMISSION)
    newer = doc("A/RES/64/163", "Declaration on the Right and Responsibility of Individuals",
                dt.date(2009, 12, 18),
                (PREAMBULAR, 1, "Recalling its resolution 53/144 on the work of human rights defenders"))
    reason = in_same_series(older, newer)
    assert reason and reason.startswith("both cite A/RES/53/144")


def test_mentioning_another_series_subject_in_passing_is_not_enough():
    # The second text names "disaster risk reduction", but the first never names the second's subject.
    first = doc("A/RES/1", "Disaster risk reduction", dt.date(2001, 1, 1),
                (PREAMBULAR, 1, "Recalling resolution 69/283 on the Sendai Framework"))
    second = doc("A/RES/2", "Oceans and the law of the sea", dt.date(2002, 1, 1),
                 (PREAMBULAR, 1, "Recalling resolution 69/283 and stressing disaster risk reduction"))
    assert in_same_series(first, second) is None


def test_widely_cited_resolutions_tie_nothing_in_a_large_collection():
    subjects = ["oceans and seas", "rights of children", "freedom of religion", "right to food",
                "small arms trade", "outer space security", "migrant workers abroad"]
    everything = ", ".join(subjects)
    texts = [doc(f"A/RES/{n}", subject, dt.date(2001, 1, n + 1),
                 (PREAMBULAR, 1, f"Recalling resolution 70/1 on the 2030 Agenda, and {everything}"))
             for n, subject in enumerate(subjects)]
    # Each pair cites 70/1 and names each other's subject, but all seven cite 70/1 (more than
    # COMMON_CITATION_MIN documents), so it is no founding text of a series.
    assert in_same_series(texts[0], texts[1])  # two alone cannot tell
    assert all(len(s.documents) == 1 for s in group_series(texts))


@pytest.mark.slow
def test_text_phrase_reads_as_each_paragraph_phrase_joined():
    """The series rule reads a document in one pass; it must equal the paragraph-by-paragraph
    definition (each paragraph's words, hyphens dropped, joined by " | ") on real texts."""
    from conftest import CORPUS_DIR, SEED_FILES, require_corpus

    from searchapp.parsing import parse_file
    from searchapp.research.lineage import _phrase, text_phrase
    require_corpus()
    paths = [*SEED_FILES, *sorted(CORPUS_DIR.glob("*/*.txt"))[::40]]
    for path in paths:
        paragraphs = [p.text for p in parse_file(path).paragraphs]
        expected = f" {' | '.join(_phrase(text) for text in paragraphs)} "
        assert text_phrase(paragraphs).split() == expected.split(), path


def test_on_a_large_collection_a_resolution_cited_by_more_than_the_cap_ties_nothing():
    """2% of 10,000 documents would be 200; the cap (100) keeps citation groups, and the pairs
    they make, bounded however large the index grows."""
    from searchapp.research.lineage import (
        COMMON_CITATION_MAX,
        _Facts,
        _forget_common_citations,
    )
    facts = [_Facts(f"A/RES/{i}", {f"w{i}"}, f"title {i}", set(), False) for i in range(10_000)]
    for f in facts[:COMMON_CITATION_MAX + 1]:
        f.cited_resolutions.add("A/RES/1/1")
    for f in facts[:COMMON_CITATION_MAX]:
        f.cited_resolutions.add("A/RES/2/2")
    _forget_common_citations(facts)
    assert all("A/RES/1/1" not in f.cited_resolutions for f in facts)
    assert all("A/RES/2/2" in f.cited_resolutions for f in facts[:COMMON_CITATION_MAX])
