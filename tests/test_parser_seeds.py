"""The three seed resolutions, parsed: every expectation here was read off the texts in data/.

000: E/CN.4/RES/2004/68, the Commission's printed layout with no-break spaces (U+00A0) and
     non-breaking hyphens (U+2011), "10." alone on its line, footer "57th meeting / 21 April 2004".
001: E/CN.4/RES/2002/70, the same layout with the title glued to the heading
     ("Human rights defendersCommission on") and trailing spaces.
003: A/RES/64/163, the one-line shape behind a `%%%TAG|TAG|` header of fourteen subject tags.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import SEEDS_DIR

from searchapp.models import COMMISSION, GENERAL_ASSEMBLY, OPERATIVE, PREAMBULAR
from searchapp.parsing import parse_file

CHR_2004 = SEEDS_DIR / "000_0cc30cf95526c7a5.txt"
CHR_2002 = SEEDS_DIR / "001_e96ac3747fac99ba.txt"
GA_2009 = SEEDS_DIR / "003_24ed9d044c465573.txt"
DECLARATION = ("the Declaration on the Right and Responsibility of Individuals, Groups and Organs of Society to "
               "Promote and Protect Universally Recognized Human Rights and Fundamental Freedoms")
EMPHASIZING_THE_NEED = ("Emphasizing the need for strong and effective measures for the protection of "
                        "human rights defenders,")


@pytest.fixture(scope="module")
def seeds():
    return {path: parse_file(path) for path in (CHR_2004, CHR_2002, GA_2009)}


def of_kind(document, kind):
    return [p for p in document.paragraphs if p.kind == kind]


# symbol, body, title, adopted, session, meeting, vote
IDENTITY = {
    CHR_2004: ("E/CN.4/RES/2004/68", COMMISSION, "Human rights defenders", dt.date(2004, 4, 21), 60,
               "57th meeting", "Adopted without a vote."),
    CHR_2002: ("E/CN.4/RES/2002/70", COMMISSION, "Human rights defenders", dt.date(2002, 4, 25), 58,
               "56th meeting", "Adopted without a vote."),
    # The one-line text ends "65th plenary meeting 18 December 2009" and says nothing of a vote.
    GA_2009: ("A/RES/64/163", GENERAL_ASSEMBLY, DECLARATION[4:], dt.date(2009, 12, 18), 64,
              "65th plenary meeting", None),
}


@pytest.mark.parametrize("path", list(IDENTITY), ids=lambda p: p.name)
def test_each_seed_is_identified_from_its_heading_and_footer(seeds, path):
    document = seeds[path]
    symbol, body, title, adopted, session, meeting, vote = IDENTITY[path]
    assert (document.symbol, document.body, document.title) == (symbol, body, title)
    assert (document.date, document.year, document.session) == (adopted, adopted.year, session)
    assert (document.meeting, document.vote) == (meeting, vote)
    assert document.source == str(path)


def test_only_the_one_line_seed_carries_subject_tags_in_header_order(seeds):
    assert seeds[CHR_2004].tags == seeds[CHR_2002].tags == ()
    assert seeds[GA_2009].tags == (
        "HUMAN RIGHTS ADVANCEMENT", "DECLARATIONS", "HUMAN RIGHTS ACTIVISTS", "HUMAN RIGHTS VIOLATIONS",
        "HUMAN RIGHTS IN ARMED CONFLICTS", "FREEDOM OF EXPRESSION", "FREEDOM OF ASSOCIATION",
        "COUNTER-TERRORISM", "IMPUNITY", "GENDER-BASED VIOLENCE", "SPECIAL RAPPORTEURS", "TRANSLATION",
        "INFORMATION DISSEMINATION", "TRAINING PROGRAMMES")


@pytest.mark.parametrize("path, preambular, operative", [
    (CHR_2004, 16, 16),  # "Recalling General Assembly resolution 53/144" ... "Emphasizing the need"; 1. to 16.
    (CHR_2002, 13, 11),  # "Recalling its resolution 53/144" ... "Emphasizing the need"; 1. to 11.
    (GA_2009, 14, 16),   # "Recalling its resolution 53/144" ... "Emphasizing the need"; 1. to 16.
], ids=lambda v: getattr(v, "name", str(v)))
def test_paragraph_counts_match_a_reading_of_the_text(seeds, path, preambular, operative):
    document = seeds[path]
    assert (document.preambular_count, document.operative_count) == (preambular, operative)
    # Preambular paragraphs first, numbered in order; operative ones numbered 1..n as printed.
    kinds = [p.kind for p in document.paragraphs]
    assert kinds == [PREAMBULAR] * preambular + [OPERATIVE] * operative
    assert [p.number for p in document.paragraphs] == list(range(1, preambular + 1)) + list(range(1, operative + 1))
    assert [p.position for p in document.paragraphs] == list(range(preambular + operative))
    assert {p.symbol for p in document.paragraphs} == {document.symbol}


FIRST_AND_LAST = {
    CHR_2004: (
        "Recalling General Assembly resolution 53/144 of 9 December 1998, by which the Assembly adopted by "
        f"consensus {DECLARATION}, annexed to that resolution,",
        EMPHASIZING_THE_NEED,
        f"Calls upon all States to promote and give full effect to {DECLARATION}, including by taking, as "
        "appropriate, practical steps to that end;",
        "Decides to consider this question at its sixty-first session, under the same agenda item.",
    ),
    CHR_2002: (
        "Recalling its resolution 53/144 of 9 December 1998 by which the Assembly adopted by consensus "
        f"{DECLARATION}, annexed to that resolution,",
        EMPHASIZING_THE_NEED,
        "Calls upon all States to promote and give full effect to the Declaration;",
        "Decides to consider this question at its fifty-ninth session, under the same agenda item.",
    ),
    GA_2009: (
        "Recalling its resolution 53/144 of 9 December 1998, by which it adopted by consensus "
        f"{DECLARATION} annexed to that resolution, and reiterating the importance of the Declaration and "
        "its promotion and implementation,",
        EMPHASIZING_THE_NEED,
        f"Calls upon all States to promote and give full effect to {DECLARATION}, including by taking, as "
        "appropriate, practical steps to that end;",
        'Decides to consider the question at its sixtysixth session under the item entitled "Promotion and '
        'protection of human rights".',
    ),
}


@pytest.mark.parametrize("path", list(FIRST_AND_LAST), ids=lambda p: p.name)
def test_first_and_last_paragraph_of_each_kind_read_as_printed(seeds, path):
    first_pp, last_pp, first_op, last_op = FIRST_AND_LAST[path]
    preambular, operative = of_kind(seeds[path], PREAMBULAR), of_kind(seeds[path], OPERATIVE)
    assert (preambular[0].text, preambular[-1].text) == (first_pp, last_pp)
    assert (operative[0].text, operative[-1].text) == (first_op, last_op)


def test_a_number_alone_on_its_line_opens_the_paragraph_below_it(seeds):
    # 000 prints "10." on one line and "Urges those Governments ..." on the next.
    tenth = of_kind(seeds[CHR_2004], OPERATIVE)[9]
    assert tenth.number == 10
    assert tenth.text.startswith("Urges those Governments that have not yet responded")


def test_the_one_line_seed_is_cut_at_each_opening_phrase(seeds):
    preambular = of_kind(seeds[GA_2009], PREAMBULAR)
    assert [p.text.split(" ", 2)[:2] for p in preambular[3:6]] == [
        ["Gravely", "concerned"], ["Gravely", "concerned"], ["Gravely", "concerned"]]
    assert preambular[4].text.startswith("Gravely concerned also by the continuing high level")
    seventh = of_kind(seeds[GA_2009], OPERATIVE)[6]
    assert seventh.text.startswith("Also urges States to take appropriate measures to address the question of impunity")
    assert seventh.text.endswith("in a transparent, independent and accountable manner;")


@pytest.mark.parametrize("path, anchor, opening", [
    (CHR_2004, "pp1", "Recalling"),
    (CHR_2004, "pp4", "Noting with deep concern"),
    (CHR_2004, "pp5", "Gravely concerned"),
    (CHR_2004, "pp14", "Welcoming also"),
    (CHR_2004, "op1", "Calls upon"),
    (CHR_2004, "op6", "Emphasizes"),
    (CHR_2002, "pp7", "Concerned"),
    (CHR_2002, "op2", "Welcomes"),
    (GA_2009, "pp2", "Recalling also"),
    (GA_2009, "pp6", "Gravely concerned further"),
    (GA_2009, "op7", "Also urges"),
    (GA_2009, "op10", "Strongly encourages"),
], ids=str)
def test_openings_are_the_drafting_phrase_a_researcher_would_name(seeds, path, anchor, opening):
    by_anchor = {p.anchor: p for p in seeds[path].paragraphs}
    assert by_anchor[anchor].opening == opening


# What the heading and footer print, which must never reach a paragraph.
FURNITURE = {
    CHR_2004: ("Commission on Human Rights Resolution", "57th meeting", "21 April 2004", "[Adopted",
               "E/2004/23", "See chap. XVII"),
    CHR_2002: ("Human rights defendersCommission", "resolution 2002/70", "56th meeting", "25 April 2002",
               "[Adopted", "E/CN.4/2002/200"),
    GA_2009: ("%%%", "HUMAN RIGHTS ADVANCEMENT", "Resolution adopted by the General Assembly", "64/163.",
              "A/64/439/Add.2", "The General Assembly", "65th plenary meeting"),
}


@pytest.mark.parametrize("path", list(FURNITURE), ids=lambda p: p.name)
def test_heading_and_footer_text_never_reaches_a_paragraph(seeds, path):
    for paragraph in seeds[path].paragraphs:
        for piece in FURNITURE[path]:
            assert piece not in paragraph.text, (paragraph.anchor, piece)
        # No footnote marker glued to a word or page counter left behind.
        assert not re.search(r"[a-z]{3}[,;.]?\d{1,3}(?=\s|$)|\b\d{1,3}/\d{1,3}$", paragraph.text), paragraph.text


def test_no_break_spaces_and_hyphens_become_plain_ones():
    raw = CHR_2004.read_text(encoding="utf-8")
    assert "\u00a0" in raw and "\u2011" in raw and "\u2019" in raw  # the seed really has them
    document = parse_file(CHR_2004)
    texts = [p.text for p in document.paragraphs]
    assert not any(re.search("[\u00a0\u2011\u202f\u2060\u00ad\t]", text) for text in texts)
    assert all(text == " ".join(text.split()) for text in texts)
    by_anchor = {p.anchor: p.text for p in document.paragraphs}
    assert "non-governmental organizations and groups play" in by_anchor["pp9"]
    assert "Special Representative of the Secretary-General on the situation" in by_anchor["pp7"]
    assert "General Assembly resolution 58/178 of 22 December 2003" in by_anchor["pp3"]
    assert "E/CN.4/2003/104 and Add.1-4" in by_anchor["op2"]
    # The curly apostrophe is text, not spacing: it stays.
    assert "Special Representative\u2019s requests to visit" in by_anchor["op9"]
