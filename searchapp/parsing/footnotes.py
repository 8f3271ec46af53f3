"""Footnotes of a printed resolution: the notes under a page's "______" rule, and the markers in
the text that point to them.

A marker is printed glued to the text: "Universal Declaration of Human Rights,1", "Political
Rights2 and", "Geneva Conventions of 12 August 19494" (1949 + note 4), "of 7 July 202512" (2025 +
note 12), sometimes with a space the PDF put in: "the Pact for the Future 18 on". Numbers that belong
to the text look the same: "general comment No. 16", "Corr.1", "Add.2", "chap. 2". So a trailing
number is taken for a marker only when (1) the document prints a footnote with that number, and
(2) it comes after the previous marker: markers run 1, 2, 3 ... through the document, and each
is looked for from where the previous one was found.

A marker found is replaced by a placeholder (private-use characters, no digits, so no later rule
that reads numbers sees it) placed before any punctuation it was glued after: "Rights,1" ->
"Rights<1>,", so the line still ends with its comma for the paragraph splitter. `take_markers`
removes the placeholders from a paragraph's text and returns the numbers.
"""

from __future__ import annotations

import re

_OPEN, _CLOSE = "\ue000", "\ue001"
_DIGITS = {str(d): chr(0xE010 + d) for d in range(10)}
_PLACEHOLDER = re.compile(f"{_OPEN}([\ue010-\ue019]+){_CLOSE}")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_MONTH_WORD = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
               r"December)\b")

# Words after which a number is the text's own, not a marker: "No. 16", "Corr.1", "Add.2",
# "chap. 2", "vol. 75", "para. 5", "article 16", "Goal 16 on", "paragraph 35 (f)".
_NUMBER_TAKING = frozenset("""
no nos corr add rev chap chaps para paras sect vol p pp art arts suppl part annex annexes
paragraph paragraphs article articles resolution resolutions decision decisions chapter chapters
section sections goal goals target targets item items rule rules principle principles page pages
recommendation recommendations protocol protocols convention session sessions meeting phase level
action actions volume series grade number numbers footnote note notes step steps option options
""".split())
# Abbreviations whose dot is followed by the text's own number: "Corr.1", "Add.2", "Rev.1", "Res.9".
ABBREVIATIONS = frozenset("no nos corr add rev chap chaps para paras sect vol suppl res dec art arts ser sess".split())
# Words before which a spaced number is a quantity, and words before a number that make it one:
# "hosts over 47 countries", "of the 193 members".
_QUANTITY_BEFORE = frozenset("""
over under than of the at by for to some about nearly almost least and or with from between all
those these its their in on within per each every only just around approximately up more less
""".split())
_UNITS = re.compile(r"(?:per ?cent|million|billion|trillion|thousand|years?|months?|weeks?|days?|hours?|times|"
                    r"countries|states|members|persons|people|women|men|children|cases)\b")


def encode(number: int) -> str:
    return _OPEN + "".join(_DIGITS[d] for d in str(number)) + _CLOSE


def take_markers(text: str) -> tuple[str, tuple[int, ...]]:
    """("Rights<1>, and", ...) -> ("Rights, and", (1,)): the text without placeholders."""
    numbers = tuple(int("".join(str(ord(c) - 0xE010) for c in m.group(1))) for m in _PLACEHOLDER.finditer(text))
    if not numbers:
        return text, ()
    return " ".join(_PLACEHOLDER.sub("", text).split()), numbers


def strip_markers(text: str) -> str:
    return _PLACEHOLDER.sub("", text)


def footnotes_from_lines(lines: list[str], *, gaps: bool = False) -> dict[int, str]:
    """Footnote number -> text, from the lines printed under the rules, in page order.

    "6 See Official Records ..., Supplement No. 53A" / "(A/67/53/Add.1), chap. III." is one note;
    a line opens a note only with the next number ("2716, No. 48088." carries on note 3). A note
    marked "*" (a reissue notice: "* Reissued for technical reasons on 2 May 2024.") is not kept.
    `gaps`: the Security Council volumes print only the notes of the page, which may skip numbers
    ("41 Supplement for July, ..." / "43 Ibid., Thirty-first Year, 1944th meeting." in
    S_RES_0393_1976.txt): a later number up to 5 ahead opens a note too, unless a month follows it.
    """
    notes: dict[int, list[str]] = {}
    current: int | None = None
    last = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        start = _FOOTNOTE_START.match(line)
        if start and (int(start.group(1)) == last + 1 or (not notes and int(start.group(1)) > 0)
                      or (gaps and last < int(start.group(1)) <= last + 5 and start.group(2)[:1].isupper()
                          and not re.match(_MONTH_WORD, start.group(2)))):
            current = last = int(start.group(1))
            notes[current] = [start.group(2)]
        elif line.startswith("*"):
            current = None
        elif current is not None:
            notes[current].append(line)
    return {number: _joined(parts) for number, parts in notes.items()}


def footnotes_from_inline(blocks: list[str]) -> dict[int, str]:
    """The same for the one-line shape: "1 Resolution 217 A (III). 2 Resolution 2200 A (XXI),
    annex." -> {1: "Resolution 217 A (III).", 2: "Resolution 2200 A (XXI), annex."}. A note starts
    at the next number followed by a capital or an opening bracket."""
    notes: dict[int, str] = {}
    last = 0
    for block in blocks:
        flat = " ".join(block.split())
        starts: list[tuple[int, int, int]] = []
        for match in re.finditer(r"(?:^|(?<=\s))(\d{1,3})\s+(?=[A-Z(\u201c\"])", flat):
            number = int(match.group(1))
            if number == last + 1 or (not notes and not starts and last == 0):
                starts.append((match.start(), match.end(), number))
                last = number
        for index, (_, end, number) in enumerate(starts):
            stop = starts[index + 1][0] if index + 1 < len(starts) else len(flat)
            notes[number] = flat[end:stop].strip()
    return notes


def _joined(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text.endswith("-") and part[:1].islower() and not text.endswith(" -"):
            text += part  # "Supple-" / "ment": no footnote word is printed hyphenated across lines
        else:
            text = f"{text} {part}" if text else part
    return " ".join(text.split())


def mark_footnote_markers(text: str, numbers) -> str:
    """Replace each footnote marker of `text` by its placeholder; numbers of the text stay.

    Every place where a note's number could be its marker is a candidate; the markers are the
    longest run of candidates whose numbers and positions both increase (one per number), so a
    number of the text that looks like a marker cannot pull the following markers out of line.
    A marker the text does not show (it stood in the heading, or the PDF lost it) is skipped.
    """
    if not numbers:
        return text  # no note printed: nothing can be its marker, no need to scan
    found = [(number, *candidate) for number, candidates in _marker_candidates(text, numbers).items()
             for candidate in candidates]
    strong = sorted((c for c in found if c[4]), key=lambda c: (c[0], -c[1]))
    chosen = _increasing_run(strong)
    # A note whose marker is only spaced out ("the Pact for the Future 18 on") fits between the others.
    taken = {c[0] for c in chosen}
    weak = [c for c in found if not c[4] and c[0] not in taken]
    for candidate in sorted(weak, key=lambda c: (c[0], c[1])):
        if candidate[0] in taken:
            continue
        earlier = [c[1] for c in chosen if c[0] < candidate[0]]
        later = [c[1] for c in chosen if c[0] > candidate[0]]
        if max(earlier, default=-1) < candidate[1] < min(later, default=len(text)):
            chosen.append(candidate)
            taken.add(candidate[0])
    # A note referred to again later: "of 12 August 1949,2 to the occupied" ... "of 12 August
    # 1949,2 continue to apply" (A/RES/78/11); only glued markers count, after the first one.
    first = {c[0]: c[1] for c in chosen}
    used = {c[1] for c in chosen}
    chosen += [c for c in strong if c[1] > first.get(c[0], len(text)) and c[1] not in used]
    for number, start, end, glue, _ in sorted(chosen, key=lambda c: -c[1]):
        # "Rights,1 and" -> "Rights<1>, and"; "19494" -> "1949<4>"; "Future 18 on" -> "Future<18> on"
        text = text[:start] + encode(number) + glue + text[end:]
    return text


def _increasing_run(candidates: list[tuple]) -> list[tuple]:
    """The longest subsequence with strictly increasing positions; `candidates` sorted by number,
    then by position descending, so that no two of one number can both be chosen."""
    tails: list[int] = []  # tails[k]: index of the candidate ending the best run of length k + 1
    before: list[int] = [-1] * len(candidates)
    for index, candidate in enumerate(candidates):
        start = candidate[1]
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if candidates[tails[middle]][1] < start:
                low = middle + 1
            else:
                high = middle
        before[index] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    run, index = [], tails[-1] if tails else -1
    while index >= 0:
        run.append(candidates[index])
        index = before[index]
    return run[::-1]


# Every place a note number of 1-3 digits may be a marker, all numbers in one pass: the
# alternatives exclude each other at any one position (a digit glued to a year, to a word or to a
# bracket, a punctuation mark or a space before it), so the scan, wrapped in a lookahead to see
# overlapping places, finds at each position the one match a scan for that number alone finds.
# One scan per number cost 0.1 s a document (the shared corpus's 1,722 texts: 50 s of its 62 s
# of parsing); one for all of them is a twentieth of it. Every alternative starts at a digit,
# or at punctuation or spaces right before one: the first lookahead turns every other position
# away at once (the scan took 3.2 s of CPU over those 1,722 texts, 1.0 s with it).
_AFTER = r"(?=[\s,;.:)\]\u201d\u2019\"]|$)"
_ANY_CANDIDATE = re.compile(
    rf"(?=[,;:.]?[ \n]*\d)(?=(?P<all>(?<![\d/.])(?P<year>(?:1[6-9]|20)\d\d)(?:0|[1-9]\d{{0,2}})(?!\d){_AFTER}"
    rf"|(?P<word>(?<=[^\W\d_][^\W\d_A-Z]))(?:0|[1-9]\d{{0,2}})(?!\d){_AFTER}"
    rf"|(?<=[)\]\u201d\u2019\"])(?:0|[1-9]\d{{0,2}})(?!\d){_AFTER}"
    rf"|(?P<punct>[,;:.])(?:0|[1-9]\d{{0,2}})(?!\d){_AFTER}"
    # "September 2017, 3 39/4 of ..." (A/RES/80/208): a list of resolutions, spaced out
    rf"|(?<=(?:1[6-9]|20)\d\d)(?P<listed>,[ \n]+)(?:0|[1-9]\d{{0,2}})(?=[ \n]+\d{{1,3}}/\d)"
    rf"|(?P<spaced>,?[ \n]+)(?:0|[1-9]\d{{0,2}})(?=[ \n]+[a-z])))")
_TRAILING_DIGITS = re.compile(r"\d+$")


def _marker_candidates(text: str, numbers) -> dict[int, list[tuple[int, int, str, bool]]]:
    """For each of `numbers`, (start, end, what to keep after the placeholder, strong) of every
    place it may be a marker, in text order and not overlapping one another; strong: glued to a
    year, a word, a bracket, or after a comma or semicolon."""
    wanted = set(numbers)
    found: dict[int, list[tuple[int, int, str, bool]]] = {number: [] for number in wanted}
    reached = dict.fromkeys(wanted, 0)  # where the last match of a number ended
    for match in _candidate_matches(text, wanted):
        start, end = match.start("all"), match.end("all")
        if match.group("year"):
            digits = text[match.end("year"):end]
        else:
            trailing = _TRAILING_DIGITS.search(text, start, end)
            if trailing is None:
                continue
            digits = trailing.group()
        number = int(digits)
        if number not in wanted or start < reached[number]:
            continue
        reached[number] = end
        candidate = _candidate(text, match, start, end)
        if candidate is not None:
            found[number].append(candidate)
    return found


# A run of digits that may hold a note number: 1-3 digits, or 5-7 (a year and the number glued to
# it), not right after "/" (every candidate has a space, punctuation, a bracket, a letter or
# nothing before its run: "A/RES/78/216" holds none). Its first digit is matched before the
# lookbehind, so that re skips from digit to digit (88,000 of the corpus's 223,000 runs left out).
_DIGIT_RUN = re.compile(r"\d(?<![\d/]\d)(?:\d{4,6}|\d{0,2})(?!\d)")


def _candidate_matches(text: str, wanted: set[int]):
    """The matches of _ANY_CANDIDATE.finditer(text) whose number is one of `wanted`, without
    trying every position of the text. The number of a match is its whole run of digits, or
    what follows the year glued to it ("19494": 4), never with a leading zero; the match starts
    at the run's first digit or at the spaces and the one punctuation mark right before it
    ("Rights,1", "Future 18 on"). So only runs spelling a wanted number are tried, at those few
    positions, in text order (the scan of every position took 1.06 s of CPU over the corpus's
    1,722 texts)."""
    match = _ANY_CANDIDATE.match
    spelled = {str(number) for number in wanted}
    previous = 0  # where the last run tried ended: nothing before it is tried again
    for run in _DIGIT_RUN.finditer(text):
        digits = run.group()
        if digits in spelled or (4 < len(digits) < 8 and digits[4:] in spelled):
            first = at = run.start()
            while at > previous and text[at - 1] in " \n":
                at -= 1
            if at > previous and text[at - 1] in ",;:.":
                at -= 1
            for position in range(at, first + 1):
                if found := match(text, position):
                    yield found
        previous = run.end()


def _candidate(text: str, match: re.Match, start: int, end: int) -> tuple[int, int, str, bool] | None:
    if match.group("year"):
        return match.end("year"), end, "", True
    if (punct := match.group("punct")) is not None:
        return (start, end, punct, punct != ".") if _accepts_punctuation(text, start, punct) else None
    if match.group("listed") is not None:
        return start, end, ",", False
    if (spaced := match.group("spaced")) is not None:
        return (start, end, "," if spaced.startswith(",") else "", False) if _accepts_spaced(text, start, end) else None
    return start, end, "", True  # glued to a word or a closing bracket: "Rights2", "resolutions3", "(UNCTAD)5"


def _word_before(text: str, end: int) -> str:
    match = re.search(r"([^\W\d_]+)\W*$", text[max(0, end - 40):end])
    return match.group(1) if match else ""


def _token_before(text: str, end: int) -> str:
    return re.split(r"\s", text[max(0, end - 60):end])[-1]


def _accepts_punctuation(text: str, start: int, punct: str) -> bool:
    """"Disappearance,3" and "2014,7" are markers; "Corr.1", "Add.1", "E/CN.4" and "77/38,2"'s
    neighbours are judged by the word or symbol before the punctuation."""
    token = _token_before(text, start)
    if not token:
        return False
    if punct != ".":
        return not token[-1].isdigit() or bool(re.search(r"(?:^|\D)(?:1[6-9]|20)\d\d$|\d/\d{1,4}$", token))
    if re.search(r"(?:^|\D)(?:1[6-9]|20)\d\d$", token):
        return True  # "from 5 to 9 June 2017.3" (A/RES/79/314)
    word = _word_before(text, start + 1)
    if "/" in token or word.lower() in ABBREVIATIONS or len(word) < 3 or word.isupper():
        return False
    return token.endswith(word)


def _accepts_spaced(text: str, start: int, end: int) -> bool:
    """"the Future 18 on the need" and "Global Digital Compact, 19 namely" are markers the PDF
    spaced out; "over 47 countries", "paragraphs 16, 25 and 26", "resolution 16 on" are not."""
    before = text[max(0, start - 60):start]
    previous = re.search(r"([^\W\d_]+)[)\u201d\u2019\"]?$", before)
    if not previous or len(previous.group(1)) < 2:
        return False
    word = previous.group(1).lower()
    if word in _NUMBER_TAKING or word in _QUANTITY_BEFORE:
        return False
    following = text[end:end + 40].lstrip()
    if _UNITS.match(following) or re.match(r"(?:and|or|to)\s+\d", following):
        return False
    return True
