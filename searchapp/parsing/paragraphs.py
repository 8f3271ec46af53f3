"""The body of a resolution -> preambular and operative paragraphs with their opening phrases.

Two layouts: printed lines (blank lines or line-initial openers separate paragraphs; "10." may
stand alone on its line), and the one-line shape, where preambular paragraphs are separated only
by ", " before the next opening phrase and operative ones by "; N. Verb".
"""

from __future__ import annotations

import re
from collections.abc import Container

from searchapp.parsing.cleanup import join_lines, remove_line_end_footnotes
from searchapp.parsing.metadata import MONTHS
from searchapp.parsing.openings import extend_opening, opening_words

_MONTHS = "|".join(MONTHS)

# Words that open preambular paragraphs (present participles and adjectives of UN drafting).
PREAMBULAR_OPENERS = frozenset("""
Acknowledging Acting Affirming Agreeing Alarmed Anxious Appreciating Approving Aware Bearing Believing
Cognizant Commending Committed Concerned Condemning Confident Conscious Considering Convinced
Declaring Deeply Deploring Desiring Determined Disturbed Distressed Emphasizing Encouraged
Encouraging Endorsing Expressing Fully Further Gravely Guided Having Highlighting Keeping Looking
Mindful Noting Observing Paying Persuaded Profoundly Reaffirming Realizing Recalling Recognizing
Referring Regretting Reiterating Reminding Renewing Resolved Seeking Seriously Sharing Shocked
Strongly Stressing Supporting Taking Troubled Underlining Underscoring Urging Viewing Welcoming
Desirous Noting Emphasising Recognising Realising Reasserting Acknowledging Satisfied Hoping
""".split())
# Capitalised -ing words that are names, not openers ("Beijing Declaration").
_NOT_OPENERS = frozenset({"Beijing", "Nanjing", "Kunming", "Chongqing", "Reading", "Wyoming", "Darjeeling"})
ADVERBS = frozenset({"Also", "Further", "Gravely", "Deeply", "Strongly", "Seriously", "Firmly", "Once",
                     "Again", "Fully", "Profoundly", "Urgently", "Emphatically", "Formally", "Expressly",
                     "Solemnly", "Unequivocally", "Most", "Especially", "Particularly"})
CONTINUATIONS = (("once", "again"), ("with", "grave", "concern"), ("with", "deep", "concern"),
                 ("with", "serious", "concern"), ("with", "concern"), ("with", "appreciation"),
                 ("with", "satisfaction"), ("with", "interest"), ("with", "regret"), ("in", "mind"),
                 ("into", "account"), ("note",), ("also",), ("further",), ("again",), ("upon",),
                 ("moreover",), ("in", "this", "regard"))
# Verbs that open a sole, unnumbered operative paragraph in the one-line shape.
SOLE_OPERATIVE_VERBS = ("Adopts", "Approves", "Decides", "Endorses", "Takes", "Requests", "Welcomes",
                        "Declares", "Proclaims", "Elects", "Appoints", "Authorizes", "Invites", "Urges")
_SOLE_OPERATIVE_INLINE = re.compile(rf",\s+(?:(?:Also|Further)\s+[a-z]+|{'|'.join(SOLE_OPERATIVE_VERBS)})\s+[a-z]")
_OPERATIVE_START = re.compile(r"^(\d{1,3})\s*\.(?:\s+|$)")
# Footnotes as the Security Council volumes print them: "10 Ibid., Thirteenth Year, 838th meeting,
# p. 1." (S_RES_0129_1958), "1/ S/25046." (S_RES_0800_1993), "11 Two members (China and Iraq) did
# not participate in the voting." (S_RES_0368_1975). No paragraph opens with a bare number.
_FOOTNOTE = re.compile(r"^\d{1,3}/?\s+(?=[A-Z(])")
_ANNEX_LINE = re.compile(r"^Annex(?:es)?(?:\s+[IVX\d]{1,4})?\s*$")
_SLASHED_FOOTNOTE = re.compile(r"^\d{1,2}/\s")
_FOOTNOTE_WORDS = r"(?:Ibid|See|Official Records|Document|Resolution)\b"
_UNDOTTED_START = re.compile(rf"^(\d{{1,3}})(?:\s+|,\s*|\.(?=[A-Z]))(?!{_FOOTNOTE_WORDS})(?=[A-Z][a-z])")
_HEADING = re.compile(r"^(?:[IVXLC]{1,6}|[A-H])\.?$|^Annex(?:es)?\b.*$|^Appendix\b.*$|^Therefore$")


def opening_phrase(text: str) -> str:
    """"Noting with deep concern that ..." -> "Noting with deep concern"; "Also urges" ->
    "Also urges"; "Calls upon" -> "Calls upon"; "Taking note of" -> "Taking note"."""
    words = opening_words(text)
    if not words:
        return ""
    return extend_opening(words, 2 if words[0] in ADVERBS and len(words) > 1 else 1, CONTINUATIONS)


def is_opener(word: str) -> bool:
    if word in _NOT_OPENERS:
        return False
    return word in PREAMBULAR_OPENERS or (word.endswith("ing") and word[:1].isupper() and word[1:].islower())


def _starts_new_line_paragraph(previous: str, line: str) -> bool:
    """Within a run of lines without blank separators (drafts), does `line` open a paragraph?"""
    if _OPERATIVE_START.match(line):
        return True
    first = line.split(" ", 1)[0].strip(",")
    return previous.rstrip().endswith((",", ";", ".", ":")) and (is_opener(first) or _looks_operative(first))


def _starts_among_blank_separated(previous: str, line: str, expected: int) -> bool:
    """Blank lines separate paragraphs, but some drafts drop them for a stretch
    (unsc-drafts/S_2018_1021.txt: "... and all subsequent decisions of the JPSM," /
    "Commending the continued assistance ..." and "... calls on the parties" / "to take those
    steps;" / "3.     Decides to reduce ..."): the next operative number, or a preambular opener
    from the list, after a line ending in punctuation opens a paragraph."""
    if not previous.rstrip().endswith((",", ";", ".", ":")):
        return False
    if number := _OPERATIVE_START.match(line):
        return int(number.group(1)) == expected
    first = line.split(" ", 1)[0].strip(",")
    return first in PREAMBULAR_OPENERS and first not in ADVERBS


def _looks_operative(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and word.endswith("s") and len(word) > 3


def blocks_from_lines(lines: list[str]) -> list[list[str]]:
    """Group printed lines into blocks: blank lines separate; in documents with (almost) no blank
    lines between paragraphs, an opener after a line ending in punctuation also separates."""
    # Blank lines at the edges do not count: the drafts in unsc-drafts/ (17-08449.txt: eight lines,
    # a paragraph per line) have none between paragraphs, only before the first and after the last.
    filled = [i for i, line in enumerate(lines) if line.strip()]
    inner = lines[filled[0]:filled[-1] + 1] if filled else []
    dense = sum(1 for line in inner if not line.strip()) < len(inner) / 10
    blocks: list[list[str]] = []
    current: list[str] = []
    expected = 1  # the next operative number
    for index, raw in enumerate(lines):
        line = raw.strip()
        if line[-1:].isdigit() or line.endswith(("/", "*")):  # remove_line_end_footnotes's own test, inline:
            # most lines end in a letter or punctuation, and the call for each of the corpus's 309,000 lines cost 0.15 s
            line = remove_line_end_footnotes(line, lines[index + 1] if index + 1 < len(lines) else "")
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        # An annex heading ends the resolution even without a blank line before it: "Decides to
        # remain seized of the matter." / "Annex I" (unsc-drafts/S_2024_557.txt).
        if current and (_ANNEX_LINE.match(line) or (_starts_new_line_paragraph(current[-1], line) if dense
                                                    else _starts_among_blank_separated(current[-1], line, expected))):
            blocks.append(current)
            current = []
        if number := _OPERATIVE_START.match(line):
            expected = int(number.group(1)) + 1
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def paragraphs_from_blocks(blocks: list[list[str]], vocabulary: Container[str]) -> list[tuple[int | None, str]]:
    """(operative number or None, text) per paragraph; headings dropped, page splits mended."""
    items: list[tuple[int | None, str]] = []
    pending_number: int | None = None
    after_heading = False
    for index, block in enumerate(blocks):
        text = join_lines(block, vocabulary)
        if not text:
            continue
        if _HEADING.match(text):
            if text.startswith(("Annex", "Appendix")):
                break  # annexes are not part of the resolution's paragraphs
            after_heading = True
            continue
        if after_heading and _is_section_title(text):
            # The title under a section number: "I" / "International Convention on the
            # Elimination of All Forms of Racial Discrimination" / "1. Reaffirms ..." (A/RES/78/234).
            after_heading = False
            continue
        after_heading = False
        match = _OPERATIVE_START.match(text) or _undotted_number(text, items)
        if match and not text[match.end():].strip():
            pending_number = int(match.group(1))  # "10." alone on its line
            continue
        if pending_number is not None:
            items.append((pending_number, text))
            pending_number = None
            continue
        if match:
            items.append((int(match.group(1)), text[match.end():].strip()))
            continue
        if _SLASHED_FOOTNOTE.match(text) or _is_subheading(text, items, blocks[index + 1:index + 2]):
            continue  # even mid-sentence: "... ideas that should" / "1/ S/1994/262." (S_RES_0902_1994)
        if items and (_continues(items[-1][1], text) or _carries_on_operative(items[-1], text)
                      or _carries_on_after_comma(items[-1][1], text)):
            number, previous = items[-1]
            items[-1] = (number, previous + " " + text)
            continue
        if _FOOTNOTE.match(text):
            continue
        items.append((None, text))
    return items


def _carries_on_after_comma(previous: str, text: str) -> bool:
    """A page break after a comma in a list of resolutions, where the next page opens with the
    next one: "... 1979 (2011) on 27 April 2011," / "2044 (2012) on 24 April 2012, ..." and "...
    2351 (2017)," / "2414 (2018), ..." (A_RES_80_89.txt), "... Recommendation, 2011 (No. 201) and
    the Violence and Harassment Convention," / "2019 (No. 190), encouraging ..." (A_RES_80_185.txt).
    No paragraph opens with a number and its year in brackets. (A capital after the comma is not
    enough: "..., Islamophobia," / "Christianophobia and antisemitism" (A_RES_80_192.txt) looks like
    "Grieved at the tragic loss" after a comma in the Security Council's texts.)"""
    return previous.rstrip().endswith(",") and bool(_NUMBER_AND_YEAR.match(text))


_NUMBER_AND_YEAR = re.compile(r"\d{1,4}\s*(?:[A-Z]\s+)?\((?:\d{4}|[IVXL]+|No\.)")
_SECTION_WORD = re.compile(r"[IVXLC]{1,6}|[A-H]|Part|Section|Chapter|Annex(?:es)?|Appendix")
_ENDS_IN_NOTE_NUMBER = re.compile(r"[,;.:a-z]\d{1,3}$")
_SUB_ITEM = re.compile(r"^\((?:[a-z]{1,4}|[ivx]+|\d{1,2})\)\s")


def _carries_on_operative(previous: tuple[int | None, str], text: str) -> bool:
    """An unnumbered block after an operative paragraph that ends in ";" or ":" and does not open
    a paragraph of its own (no preambular opener, no operative verb) belongs to that paragraph:
    "3. To set up a commission ... jurisdiction ;" / "The commission shall submit a plan of work
    to the Council for approval ;" / "Those matters which fall within ..." (S_RES_0018_1947.txt)."""
    number, before = previous
    if number is None or not before.rstrip().endswith((";", ":")):
        return False
    first = text.split(" ", 1)[0].strip(",:;")
    if _SECTION_WORD.fullmatch(first.strip(".")):
        return False  # a section heading: "II" / "Activities of the Independent Audit ..." (A_RES_78_247.txt)
    return not (is_opener(first) or _looks_operative(first) or first in ADVERBS or _FOOTNOTE.match(text))


def _is_subheading(text: str, items: list[tuple[int | None, str]], following: list[list[str]]) -> bool:
    """An unnumbered title between two paragraphs: "... 30 June 2023;" / "Budget estimates for the
    period from 1 July 2024 to 30 June 2025" / "7. Approves ..." (A_RES_78_294.txt), "... of the
    United Nations," / "Arms embargo" / "1. Decides ..." (unsc-drafts/S_2017_77.txt)."""
    if not items or not following or not _is_section_title(text) or len(text) > 150:
        return False
    if _ENDS_IN_NOTE_NUMBER.search(text) or text.split(" ", 1)[0].strip(",") in PREAMBULAR_OPENERS:
        return False  # a paragraph ending in a footnote number: "Recalling ... held in April 2021,7"
    ended = items[-1][1].rstrip().endswith((",", ";", ".", ":"))
    return ended and bool(_OPERATIVE_START.match(following[0][0].strip()))


def _undotted_number(text: str, items: list[tuple[int | None, str]]) -> re.Match | None:
    """The next operative number printed without its dot: "26" / "Condemns without reservation
    any denial ..." (ga-resolutions/A_RES_79_160.txt), "7 Calls upon all States" (OCR,
    unsc-resolutions/S_RES_0591_1986.txt); OCR also reads the dot as a comma or loses the space
    after it: "3, Extends once more the stationing in Cyprus" (S_RES_0305_1971.txt), "6.Calls for
    an immediate cease-fire" (S_RES_0871_1993.txt). Only the number that comes next counts."""
    match = _UNDOTTED_START.match(text)
    numbers = [number for number, _ in items if number is not None]
    expected = numbers[-1] + 1 if numbers else 1
    return match if match and int(match.group(1)) == expected else None


def _is_section_title(text: str) -> bool:
    """A short capitalised line without closing punctuation that is not a numbered paragraph."""
    return (len(text) < 250 and text[:1].isupper() and not _OPERATIVE_START.match(text)
            and not text.rstrip().endswith((",", ";", ".", ":")))


def continues_paragraph(previous: str, text: str) -> bool:
    return _continues(previous, text)


def _continues(previous: str, text: str) -> bool:
    """A block that carries on the previous paragraph: a page break mid-sentence, or a sub-item."""
    # Sub-items are lettered, or numbered in old Security Council texts: "... the following
    # principles:" / "(1) Withdrawal of Israel armed forces ..." (S_RES_0242_1967).
    if text[:1].islower() or _SUB_ITEM.match(text):
        return True
    # No paragraph opens with a resolution number or a date: a list of them broken by a page,
    # "... 2021," / "46/21 of 24 March 2021, S-29/1 ..." (A_RES_78_219.txt).
    if _SYMBOL_OR_DATE_OPENS.match(text):
        return True
    return not previous.rstrip().endswith((",", ";", ".", ":", "!", "?", ")", "\u201d", '"'))


_SYMBOL_OR_DATE_OPENS = re.compile(rf"^(?:\d+/\d+\b|\d{{1,2}} (?:{_MONTHS})\b)")


def paragraphs_from_line(body: str) -> list[tuple[int | None, str]]:
    """Split the one-line shape: operative paragraphs at "1. ", "2. ", ... in sequence;
    preambular ones at ", " followed by an opening word."""
    starts = []
    expected = 1
    # "; 3. Also urges", also after a footnote number left behind: "Iran, 4 1. Takes note", and
    # after a section heading, dropped with it: "community, I International Convention on the
    # Elimination of All Forms of Racial Discrimination 1. Reaffirms" (A/RES/78/234).
    for match in re.finditer(r"(?:(?<=[;:.,\u201d\"])|^)\s*(?:[IVX]{1,5}\s+[A-Z][^;:.]{0,250}?\s+)?"
                             r"(?:\d{1,3}\s+)?(\d{1,3})\.\s+(?=[A-Z\u201c\"(])", body):
        if int(match.group(1)) == expected:
            starts.append((match.start(), match.end(), expected))
            expected += 1
    preamble = body[: starts[0][0]] if starts else body
    items: list[tuple[int | None, str]] = []
    cut = 0
    # ", 5 Reaffirming", ", Re-emphasizing", and an adverb before the participle:
    # ", Unequivocally condemning" (A/RES/78/213), ", Equally concerned" (A/RES/78/215).
    for match in re.finditer(r",\s+(?:\d{1,3}\s+)?([A-Z][a-z]+(?:-[a-z]+)?)\b(?:\s+([a-z]+)\b)?", preamble):
        word, following = match.group(1), match.group(2) or ""
        if is_opener(word) or (word.endswith("ly") and following.endswith(("ing", "ed"))):
            items.append((None, preamble[cut: match.start() + 1].strip()))
            cut = match.end(1) - len(match.group(1))
    last = preamble[cut:].strip()
    if not starts and (sole := _SOLE_OPERATIVE_INLINE.search(last)):
        # No numbered paragraph: "... report of the Human Rights Council, Takes note of the
        # report ..." -> the unnumbered operative paragraph starts at "Takes".
        items.append((None, last[:sole.start() + 1].strip()))
        last = last[sole.start() + 1:].strip()
    items.append((None, last))
    items = [item for item in items if item[1]]
    for index, (_, end, number) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(body)
        items.append((number, body[end:stop].strip()))
    return items


def mark_sole_operative(items: list[tuple[int | None, str]]) -> list[tuple[int | None, str]]:
    """A resolution with a single operative paragraph prints it without a number: "The General
    Assembly, Having considered ..., Takes note of the report of the Human Rights Council"
    (A/RES/78/186), "Approves the report of the Credentials Committee." (A/RES/78/124). The last
    unnumbered paragraph, when it opens with a verb like "Takes" or "Also decides", is operative 1."""
    if not items or any(number is not None for number, _ in items):
        return items
    words = items[-1][1].split()
    # After an adverb the verb is lower-case: "Deeply deplores the holding by Israel of the
    # military parade ..." (unsc-resolutions/S_RES_0251_1968.txt), "Strongly urges" (S_RES_0623_1988).
    verb = words[1].capitalize() if len(words) > 1 and words[0] in ADVERBS else (words[0] if words else "")
    verb = verb.strip(",:;")
    if _looks_operative(verb) and not is_opener(verb):
        return items[:-1] + [(1, items[-1][1])]
    return items
