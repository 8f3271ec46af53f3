"""Operative verb and addressees by rules over the opening clause (issue 16 §5), measured against
the hand-labelled sample tests/data/addressee_sample.json (144 operative paragraphs of
Security Council, General Assembly and Commission texts; labels written by reading each one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from searchapp.research.operative import addressees, operative_verb

SAMPLE = Path(__file__).resolve().parent / "data" / "addressee_sample.json"


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    if not SAMPLE.exists():
        pytest.fail(f"the hand-labelled sample {SAMPLE} is required")
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_the_verb_folds_also_and_further_and_keeps_strongly():
    assert operative_verb("Also strongly condemns the attacks") == "Strongly condemns"
    assert operative_verb("Further calls upon States to") == "Calls upon"
    assert operative_verb("Decides further that this election") == "Decides"
    assert operative_verb("Takes note with appreciation of the report") == "Takes note with appreciation"
    assert operative_verb("Expresses its full support for the Secretary-General") == "Expresses full support"


def test_addressees_come_from_the_opening_clause_only():
    assert addressees("Requests the Secretary-General to cooperate with States") == ["Secretary-General"]
    assert addressees("Decides that all States shall prevent the import") == ["States"]
    assert addressees("Stresses that all States share a responsibility") == []
    assert addressees("Calls upon States parties to the Convention to") == ["States"]
    assert addressees("Requests the High Commissioner to report to the Human Rights Council") == \
        ["High Commissioner/OHCHR"]


def test_verbs_and_addressees_match_the_hand_labelled_sample(sample):
    assert len(sample) == 144
    verbs = sum(operative_verb(p["opening"]) == p["verb"] for p in sample)
    found = wanted = right = 0
    for p in sample:
        got, want = set(addressees(p["opening"])), set(p["addressees"])
        found, wanted, right = found + len(got), wanted + len(want), right + len(got & want)
    precision, recall = right / found, right / wanted
    print(f"verbs {verbs}/{len(sample)}; addressees precision {right}/{found} = {precision:.1%}, "
          f"recall {right}/{wanted} = {recall:.1%}")
    assert verbs / len(sample) >= 0.9
    assert precision >= 0.9 and recall >= 0.9


def test_human_rights_addressees_match_fifteen_general_assembly_paragraphs():
    """tests/data/addressee_sample_human_rights.json: 15 operative paragraphs of General Assembly
    texts (A/RES/78/202, 78/211, 80/208 ...) addressing the High Commissioner/OHCHR, the Council,
    treaty bodies and special procedures, labelled by reading the corpus texts."""
    sample = json.loads((SAMPLE.parent / "addressee_sample_human_rights.json").read_text(encoding="utf-8"))
    assert len(sample) == 15
    found = wanted = right = 0
    for p in sample:
        assert operative_verb(p["opening"]) == p["verb"]
        got, want = set(addressees(p["opening"])), set(p["addressees"])
        found, wanted, right = found + len(got), wanted + len(want), right + len(got & want)
    print(f"human-rights addressees precision {right}/{found}, recall {right}/{wanted}")
    assert right / found >= 0.9 and right / wanted >= 0.9


def test_exports_carry_each_paragraphs_verb_and_addressees(seed_settings):
    import csv
    import io

    from searchapp.web import create_app
    client = create_app(seed_settings).test_client()
    text = client.get("/export.csv?q=impunity&body=GA").get_data(as_text=True).removeprefix("\ufeff")
    rows = {r["paragraph_type"] + r["paragraph_number"]: r for r in csv.DictReader(io.StringIO(text))}
    # A/RES/64/163 op7, read: "7. Also urges States to take appropriate measures to address ... impunity".
    assert rows["operative7"]["verb"] == "Urges" and rows["operative7"]["addressees"] == "States"
    assert {r["addressees"] for k, r in rows.items() if k.startswith("preambular")} == {""}


# Every alternative of every category's pattern, in several cases, inside longer spans: the
# words each category is screened by (operative._NEEDS) must never hide a match.
SPANS_OF_EVERY_ALTERNATIVE = [
    "the Human Rights Council", "special procedures of the Human Rights Council", "Human Rights Council Advisory",
    "the High Commissioner", "the UNITED NATIONS HIGH COMMISSIONER for Refugees", "treaty bodies",
    "the Human Rights Committee", "the Committee against Torture", "the Committee on the Rights of the Child",
    "the Committee on Enforced Disappearances", "the Subcommittee on Prevention of Torture",
    "the Special Rapporteur", "the independent expert", "Special Mechanisms", "the Working Group on",
    "the Secretary-General", "the report of the Secretary-General", "national institutions",
    "National Human Rights Institutions", "civil society", "nongovernmental organizations",
    "non-governmental organizations", "the international community", "International Organizations",
    "international financial institutions", "intergovernmental bodies", "Intergovernmental organizations",
    "regional organizations", "the United Nations system", "the specialized agencies", "the Committee",
    "the Advisory Committee", "the Treaty committee", "the Truce Supervision Organization",
    "United Nations entities", "the United Nations Children's Fund", "the Office of the Prosecutor",
    "the Office of the High Commissioner", "the Department of Peace Operations", "inter-agency mechanisms",
    "all States", "Member States,", "the Government of Myanmar", "Governments", "the administering Power",
    "all countries", "all parties", "States parties", "all concerned", "the authorities concerned",
    "armed groups", "the State's authorities", "ſtates", "Unıted Nations system", "nothing at all",
]


def test_screened_categories_are_those_every_pattern_finds():
    from searchapp.research.operative import CATEGORIES, categories_in

    for span in SPANS_OF_EVERY_ALTERNATIVE:
        for text in (span, span.upper(), span.lower(), f"to ask {span} to act, in cooperation with others"):
            assert categories_in(text) == [name for name, pattern in CATEGORIES if pattern.search(text)], text
    assert categories_in("ſtates") == ["States"]  # not ASCII: every pattern tried (re.I folds "ſ" to "s")


def test_the_verb_reads_the_same_whatever_the_spacing_after_the_first_word():
    for spaced in ("Calls upon States", "Calls  upon States", "Calls\nupon\u00a0States ", "Calls upon\tStates",
                   "Expresses  its\nfull support for the Secretary-General", "Having\u2003considered  the report",
                   "Expresses its deep\nconcern", "Reiterates its firm  commitment", "Directs its attention "):
        plain = " ".join(spaced.split())
        assert operative_verb(spaced) == operative_verb(plain), spaced
    assert operative_verb("Calls\nupon\u00a0States") == "Calls upon"
    assert operative_verb("Expresses its deep\nconcern") == "Expresses deep concern"
    assert operative_verb("Expresses  its\nfull support for the Secretary-General") == "Expresses full support"
    # what operative_verb relies on to skip that split: every whitespace but " " is unprintable
    assert all(not chr(c).isprintable() for c in range(0x110000) if chr(c).isspace() and c != 32)
