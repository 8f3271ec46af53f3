"""Properties of parse_text over open input spaces (hypothesis).

- Arbitrary text is either a Document or refused with BadInputFile for a deliberate reason; the
  catch-all "could not be parsed (...)" that hides a parser bug never shows.
- Text built from resolution fragments in any order keeps the Document invariants.
- A resolution generated paragraph by paragraph, printed or flattened to one line, parses back to
  exactly those paragraphs, its operative numbers strictly increasing.
- The seeds with whitespace and line breaks changed at random parse to the same paragraphs.

Invariants of every Document: positions 0..n-1 in order (Paragraph.position is 0-based, see
models.py), preambular numbers 1..k in order, operative numbers positive, no empty paragraph, no
paragraph text with spaces at either end or runs of whitespace, every paragraph carries the
document's symbol. Operative numbers are the printed ones, so they only increase in a text that
prints them in order (sections restart at 1, OCR misreads them): that is checked where it holds.
"""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS_DIR
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from searchapp.exceptions import BadInputFile
from searchapp.models import KINDS, OPERATIVE, PARTS, PREAMBULAR, RESOLUTION_PART
from searchapp.parsing import footnotes, parse_text
from searchapp.parsing.cleanup import LazyVocabulary, vocabulary_of

BUDGET = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHR_2004 = (SEEDS_DIR / "000_0cc30cf95526c7a5.txt").read_text(encoding="utf-8")
CHR_2002 = (SEEDS_DIR / "001_e96ac3747fac99ba.txt").read_text(encoding="utf-8")
GA_2009 = (SEEDS_DIR / "003_24ed9d044c465573.txt").read_text(encoding="utf-8")
PRINTED_SEEDS = {"2004/68": (CHR_2004, "57th meeting"), "2002/70": (CHR_2002, "56th meeting")}


def assert_invariants(document):
    paragraphs = document.paragraphs
    assert paragraphs, "a Document always has paragraphs"
    assert [p.position for p in paragraphs] == list(range(len(paragraphs)))
    preambular = [p.number for p in paragraphs if p.kind == PREAMBULAR]
    assert preambular == list(range(1, len(preambular) + 1))
    assert all(p.number > 0 for p in paragraphs if p.kind == OPERATIVE)
    parts = [PARTS.index(p.part) for p in paragraphs]
    assert parts == sorted(parts), "the resolution's paragraphs, then the annexes', then the footnotes"
    assert paragraphs[0].part == RESOLUTION_PART
    anchors = [p.anchor for p in paragraphs]
    assert len(set(anchors)) == len(anchors), anchors
    for paragraph in paragraphs:
        assert paragraph.kind in KINDS
        assert (paragraph.kind in (PREAMBULAR, OPERATIVE)) == (paragraph.part == RESOLUTION_PART)
        assert paragraph.text and paragraph.text == " ".join(paragraph.text.split()), repr(paragraph.text)
        assert paragraph.symbol == document.symbol


def parse_or_refusal(text):
    try:
        return parse_text(text, "generated.txt")
    except BadInputFile as refused:
        assert refused.path == "generated.txt"
        assert refused.reason and not refused.reason.startswith("could not be parsed"), refused.reason
        return None


@BUDGET
@given(st.text(max_size=3000))
def test_arbitrary_text_is_a_document_or_a_deliberate_refusal(text):
    document = parse_or_refusal(text)
    if document is not None:
        assert_invariants(document)


# Pieces of real resolutions (and of their page furniture) in any order, any number of times.
FRAGMENTS = [
    "The General Assembly,", "The Security Council,", "The Commission on Human Rights,", "\n", "\n\n", " ",
    "Resolution adopted by the General Assembly on 19 December 2023\n", "78/216. Human rights defenders\n",
    "Commission on Human Rights resolution 2004/68\n", "Resolution 300 (1971)\nof 12 October 1971\n",
    "%%%IMPUNITY|TRAINING PROGRAMMES|\n", "A/RES/78/216\n", "23-25678\n", "2/9\n", "__________________\n",
    "1 Resolution 217 A (III).\n", "Recalling its resolution 53/144 of 9 December 1998,\n",
    "Noting with deep concern that impunity persists,\n", "Gravely concerned also by attacks,\n",
    "1.\n", "2. ", "3. Urges States to act;\n", "10.", "Calls upon all States to promote the Declaration;\n",
    "Also urges States to take appropriate measures;\n", "Decides to remain seized of the matter.\n",
    "(a) To call upon the parties;\n", "I\n", "Annex\n", "Takes note of the report of the Council.\n",
    "50th plenary meeting\n19 December 2023\n", "Adopted unanimously at the 1275th meeting.\n",
    "[Adopted without a vote. See chap. XVII.]\n", "\u00a0", "\u2011", "\u2060", "\t", "Rights,1 ",
]


@BUDGET
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_any_arrangement_of_resolution_fragments_keeps_the_invariants(text):
    document = parse_or_refusal(text)
    if document is not None:
        assert_invariants(document)


OPENERS = ["Recalling", "Recalling also", "Noting with deep concern that", "Gravely concerned", "Welcoming",
           "Bearing in mind", "Reaffirming", "Taking note of", "Deeply concerned", "Emphasizing", "Having considered"]
VERBS = ["Calls upon", "Urges", "Also urges", "Decides", "Requests", "Welcomes", "Encourages", "Strongly condemns",
         "Takes note of", "Invites", "Reaffirms", "Further requests"]
WORDS = ["the", "human", "rights", "defenders", "of", "all", "states", "report", "impunity", "protection", "and",
         "to", "in", "council", "measures", "effective", "their", "work", "safety", "secretariat", "non-governmental"]


def sentence(draw, opener, end):
    return " ".join([opener] + draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))) + end


@st.composite
def resolutions(draw):
    """(text, expected paragraphs) of a General Assembly resolution, printed or on one line."""
    preambular = [sentence(draw, draw(st.sampled_from(OPENERS)), ",") for _ in range(draw(st.integers(0, 6)))]
    count = draw(st.integers(1, 12))
    operative = [sentence(draw, draw(st.sampled_from(VERBS)), ";" if n < count else ".") for n in range(1, count + 1)]
    head = "Resolution adopted by the General Assembly on 19 December 2023\n\n78/216. Human rights defenders\n\n"
    footer = "50th plenary meeting\n19 December 2023\n"
    if draw(st.booleans()):  # printed: hard-wrapped at some width, "N." on its own line or before the text
        width = draw(st.integers(30, 120))
        def wrap(text: str, width: int = width) -> str:
            return "\n".join(_wrapped(text, width))
        numbered = [draw(st.sampled_from(["{}.\n{}", "{}.\t{}", "{}. {}"])).format(n, wrap(text))
                    for n, text in enumerate(operative, 1)]
        body = "\n\n".join([wrap(p) for p in preambular] + numbered)
        text = head + "The General Assembly,\n\n" + body + "\n\n" + footer
    else:
        numbered = [f"{n}. {text}" for n, text in enumerate(operative, 1)]
        text = " ".join((head + "The General Assembly, " + " ".join(preambular + numbered) + " " + footer).split())
    expected = [("preambular", n, p) for n, p in enumerate(preambular, 1)] + \
        [("operative", n, p) for n, p in enumerate(operative, 1)]
    return text, expected


def _wrapped(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


@pytest.mark.slow
@BUDGET
@given(resolutions())
def test_a_generated_resolution_parses_back_to_its_paragraphs(case):
    text, expected = case
    document = parse_text(text, "generated.txt")
    assert paragraphs(document) == expected
    assert (document.symbol, document.meeting) == ("A/RES/78/216", "50th plenary meeting")
    operative = [p.number for p in document.paragraphs if p.kind == OPERATIVE]
    assert all(first < second for first, second in zip(operative, operative[1:]))
    assert_invariants(document)


def paragraphs(document):
    return [(p.kind, p.number, p.text) for p in document.paragraphs]


def metadata(document):
    return (document.symbol, document.title, document.date, document.session, document.meeting, document.vote,
            document.tags)


SPACES = [" ", "  ", "\t", " \t ", "\u00a0", "\u202f", "\u2060 ", " \u00ad"]
LINE_ENDS = ["\n", "\r\n", "\r", " \n", "\n \t", "\n\n", "\r\n\r\n"]


@st.composite
def respaced(draw, text, region=None, wraps=False):
    """`text` with some spaces turned into other spacing, some line ends into other line ends and,
    in the printed layout, some spaces inside paragraphs into hard line breaks."""
    start, end = region or (0, len(text))
    spaces = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", text)]
    line_ends = [m.start() for m in re.finditer(r"\n", text)]
    # A hard wrap goes between two words of a paragraph, after a letter and before a lower-case word,
    # as a printer would break a line; never in the heading or footer.
    wrap_points = [m.start() for m in re.finditer(r"(?<=[a-z,]) (?=[a-z])", text) if start < m.start() < end]
    changes = {}
    for index in draw(st.lists(st.sampled_from(spaces), max_size=25)):
        changes[index] = (1, draw(st.sampled_from(SPACES)))
    for index in draw(st.lists(st.sampled_from(line_ends), max_size=10)):
        changes[index] = (1, draw(st.sampled_from(LINE_ENDS)))
    if wraps:
        for index in draw(st.lists(st.sampled_from(wrap_points), max_size=25)):
            changes[index] = (1, draw(st.sampled_from(["\n", " \n", "\r\n", "\n\t"])))
    pieces, cursor = [], 0
    for index in sorted(changes):
        width, replacement = changes[index]
        pieces += [text[cursor:index], replacement]
        cursor = index + width
    return "".join(pieces) + text[cursor:]


def body_region(text, footer):
    return text.index("The Commission on Human Rights,") + 40, text.index(footer)


@pytest.mark.slow
@BUDGET
@given(st.sampled_from(sorted(PRINTED_SEEDS)).flatmap(
    lambda key: st.tuples(st.just(key), respaced(PRINTED_SEEDS[key][0], body_region(*PRINTED_SEEDS[key]), wraps=True))))
def test_printed_seeds_keep_their_paragraphs_whatever_the_spacing_and_wrapping(case):
    key, text = case
    original = parse_text(PRINTED_SEEDS[key][0], "seed.txt")
    document = parse_text(text, "seed.txt")
    assert paragraphs(document) == paragraphs(original)
    assert metadata(document) == metadata(original)


@pytest.mark.slow
@BUDGET
@given(respaced(GA_2009))
def test_the_one_line_seed_keeps_its_paragraphs_whatever_the_spacing(text):
    original = parse_text(GA_2009, "seed.txt")
    document = parse_text(text, "seed.txt")
    assert paragraphs(document) == paragraphs(original)
    assert metadata(document) == metadata(original)


def test_the_seeds_themselves_keep_the_invariants():
    for text in (CHR_2004, CHR_2002, GA_2009):
        assert_invariants(parse_text(text, "seed.txt"))


# -- cleanup.LazyVocabulary answers as vocabulary_of does (it reads only around the word asked) ----

_VOCABULARY_TEXT = st.text(
    alphabet=st.sampled_from(list("abAB-- ,.;:)'2_\n\u00e9\u00df\u2019\u2160\u00b2\u01c5\u0130\u03a3")), max_size=30)


@BUDGET
@given(text=_VOCABULARY_TEXT, extra=st.lists(_VOCABULARY_TEXT, max_size=5))
@example(text="\u0130 ab ", extra=[])  # "\u0130".lower() is two characters: the words after it shift
@example(text="a\u03a3.b ", extra=[])  # the word "a\u03c2" (final sigma); the text lowers to "a\u03c3.b"
def test_the_lazy_vocabulary_holds_exactly_the_words_of_the_whole_vocabulary(text, extra):
    whole, lazy = vocabulary_of(text), LazyVocabulary(text)
    # Every word of the text, lowered or not, and every piece of it, as join_lines could ask
    # ("implemen" + "tation", "decision-" + "making"); "\u0130" lowers to two characters, "\u03a3" by
    # its neighbours: those texts are read whole.
    pieces = {text[a:b] for a in range(len(text)) for b in range(a + 1, min(len(text), a + 8) + 1)}
    for word in sorted(whole | pieces | {piece.lower() for piece in pieces} | set(extra)):
        assert (word in lazy) == (word in whole), (text, word)


def test_the_lazy_vocabulary_of_a_seed_finds_its_words_and_compounds():
    lazy = LazyVocabulary(CHR_2004)
    whole = vocabulary_of(CHR_2004)
    assert {"human", "rights"} <= whole  # the seed speaks of human rights defenders throughout
    for word in sorted(whole):
        assert word in lazy, word
    for word in ("humanrights", "rights-", "-human", "xyz"):
        assert word not in lazy and word not in whole, word


# -- footnotes._candidate_matches finds what a scan of every position finds -----------------------

_MARKER_TEXT = st.lists(st.sampled_from(["Rights", "of", "the", " ", "\n", ",", ";", ".", ":", ")", "\u201d", "/",
                                         "1", "2", "12", "0", "19", "20", "1949", "A/RES/78/", "and", "Future"]),
                        max_size=14).map("".join)


@BUDGET
@given(text=_MARKER_TEXT, wanted=st.sets(st.integers(0, 30), max_size=6))
@example(text="Conventions of 19494 and Rights,1 the Future 12 on 77/38,2", wanted={1, 2, 4, 12})
@example(text="the Future,\n 12 the", wanted={12})  # spaced out over a line break
def test_the_marker_scan_finds_the_candidates_a_scan_of_every_position_finds(text, wanted):
    every = []
    for match in footnotes._ANY_CANDIDATE.finditer(text):  # the pattern tried at every position
        start, end = match.span("all")
        digits = text[match.end("year"):end] if match.group("year") else footnotes._TRAILING_DIGITS.search(
            text, start, end).group()
        if int(digits) in wanted:
            every.append((match.start(), match.span("all"), match.groupdict()))
    assert [(m.start(), m.span("all"), m.groupdict()) for m in footnotes._candidate_matches(text, wanted)] == every
