"""Who adopted a resolution, when, under which symbol and title: read from its head and tail.

Symbols follow the UN's own forms: the Commission's "resolution 2004/68" is E/CN.4/RES/2004/68,
the Assembly's "64/163" is A/RES/64/163, the Human Rights Council's A/HRC/RES/7/8, ECOSOC's
E/RES/2004/10, the Security Council's S/RES/300 (1971), its drafts S/2024/302.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from searchapp.models import (
    COMMISSION,
    ECOSOC,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    SECURITY_COUNCIL,
)
from searchapp.parsing import document_types
from searchapp.parsing.languages import (
    FOREIGN_ADOPTED_WORDS,
    FOREIGN_ADOPTION,
    FOREIGN_DATES,
    FOREIGN_MEETING_WORDS,
    body_named,
)
from searchapp.text.folding import MONTH_NUMBER, MONTHS_BY_LANGUAGE

MONTHS = MONTH_NUMBER  # "January" -> 1 (text/folding.py owns the month names)
_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b")
# "57th meeting", "65th plenary meeting", and a meeting resumed on a later day:
# "50th (resumed) plenary meeting" (A/RES/78/230 ... 78/258, adopted on 22 December 2023).
# OCR reads a meeting number's 1 as I, i or l and its 0 as O ("I364th", "3O93rd"): at least one real
# digit is required, and _clean_meeting puts the digits back.
# OCR also splits a number in two: "Adopted unanimously at the 273 1st meeting." (S_RES_0594_1987).
_MEETING_NUMBER = r"(?=[\dIilO]*\d)[\dIilO]{1,5}(?: \d{1,2}(?=st|nd|rd|th))?"
MEETING_WORDS = (rf"(?:{_MEETING_NUMBER}(?:st|nd|rd|th)[\s_]+(?:\(resumed\)\s+)?(?:plenary\s+)?meetings?"
                 rf"|{FOREIGN_MEETING_WORDS})")
MEETING = re.compile(rf"\b({MEETING_WORDS})(?!\w)")
ADOPTED_WORDS = rf"(?:Adopted|Adapted|Approved\s+unanimously\s+at|{FOREIGN_ADOPTED_WORDS})\b"
PLENARY_MEETING_WORDS = r"\d{1,4}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting"


def find_date(text: str, language: str = "en") -> dt.date | None:
    """The first date written out in `text`: "19 December 2023", "19 décembre 2023",
    "19 de diciembre de 2023" (in the text's language)."""
    matches = _dates(text, language)
    return matches[0] if matches else None


def last_date(text: str, language: str = "en") -> dt.date | None:
    matches = _dates(text, language)
    return matches[-1] if matches else None


def _dates(text: str, language: str) -> list[dt.date]:
    if language == "en":
        pattern, months = _DATE, MONTHS
        text = _mend_ocr_months(text)
    else:
        pattern = FOREIGN_DATES[language]
        months = {m: i for i, m in enumerate(MONTHS_BY_LANGUAGE[language], 1)}
    found = []
    for match in pattern.finditer(text):
        try:
            found.append(dt.date(int(match.group(3)), months[match.group(2).lower() if language != "en"
                                                              else match.group(2)], int(match.group(1))))
        except ValueError:
            continue
    return found


def _mend_ocr_months(text: str) -> str:
    """OCR slips in the Security Council dates: "3 Apri] 1991", "10 Auqust 1993", "15 August. 1991"."""
    text = re.sub(r"\b(\d{1,2}\s+)Auqust\b", r"\1August", text)
    text = re.sub(r"\b(\d{1,2}\s+)Apri[\]l1|I]\s", r"\1April ", text)
    return re.sub(rf"\b(\d{{1,2}}\s+(?:{'|'.join(MONTHS)}))\.\s+(?=(?:19|20)\d\d\b)", r"\1 ", text)


def identify(head: str, text: str, source: str) -> tuple[str, str, int | None] | None:
    """(symbol, body, session) from the text before the body, or the file name; None if unknown."""
    flat = " ".join(head.split())
    name = Path(source).stem
    if match := re.search(r"\bA/HRC/RES/(\d+)/(\d+)", flat):
        return f"A/HRC/RES/{match[1]}/{match[2]}", HUMAN_RIGHTS_COUNCIL, int(match[1])
    if match := re.search(r"\bA/RES/(\d+)/(\d+)", flat):
        return f"A/RES/{match[1]}/{match[2]}", GENERAL_ASSEMBLY, int(match[1])
    # The Economic and Social Council's official layout: masthead "E/RES/2019/4".
    if match := re.search(r"\bE/RES/((?:19|20)\d\d)/(\d+)", flat):
        return f"E/RES/{match[1]}/{match[2]}", ECOSOC, None
    if match := document_types.DECISION_MASTHEAD.search(flat):
        return match.group(0), _DECISION_BODIES[match.group(0).split("/DEC/")[0]], _session(match.group(0))
    # A draft's masthead decides, whatever its heading names: "Draft resolution submitted by the
    # Chair on the recommendation of the Economic and Social Council (resolution 2025/15)" (A/C.3/80/L.7).
    if draft := document_types.draft_masthead(head):
        return draft
    if body_named(flat, GENERAL_ASSEMBLY) and (match := re.search(r"(?<![\d/])(\d{1,2})/(\d{1,3})\.\s", flat)):
        return f"A/RES/{match[1]}/{match[2]}", GENERAL_ASSEMBLY, int(match[1])
    if identity := _council_report_heading(flat, text):
        return identity
    if re.search(r"Commission\s+on\s+Human\s+Rights", flat) and \
            (match := re.search(r"[Rr]esolution:?\s+((?:19|20)\d\d)/(\d+)", flat)):
        year = int(match[1])
        return f"E/CN.4/RES/{year}/{match[2]}", COMMISSION, year - 1944
    if "Economic and Social Council" in flat and (match := re.search(r"[Rr]esolution:?\s+((?:19|20)\d\d)/(\d+)", flat)):
        return f"E/RES/{match[1]}/{match[2]}", ECOSOC, None
    if match := re.fullmatch(r"S_RES_0*(\d+)_(\d{4})", name):
        return f"S/RES/{match[1]} ({match[2]})", SECURITY_COUNCIL, None
    if match := re.search(r"\b(?:Resolution\s+)?(\d{1,4})\s*\(((?:19|20)\d\d)\)", flat):
        if "Security Council" in text[:3000] or re.search(r"Resolution\s+\d+\s*\(\d{4}\)", flat):
            return f"S/RES/{match[1]} ({match[2]})", SECURITY_COUNCIL, None
    if re.search(r"The\s+Security\s+Council,", text[:3000]):
        if match := re.fullmatch(r"S_(\d{4})_(\d+)", name):
            return f"S/{match[1]}/{match[2]}", SECURITY_COUNCIL, None
        if match := re.search(r"\bS/(\d{4})/(\d+)\b", flat):
            return f"S/{match[1]}/{match[2]}", SECURITY_COUNCIL, None
        return document_types.unnumbered_draft(SECURITY_COUNCIL, source)[0], SECURITY_COUNCIL, None
    return None


_DECISION_BODIES = {"A/HRC": HUMAN_RIGHTS_COUNCIL, "E/CN.4": COMMISSION, "E": ECOSOC}


def _session(symbol: str) -> int | None:
    """Session of a decision symbol: A/HRC/DEC/9/101 -> 9, E/CN.4/DEC/2004/117 -> 60."""
    number = int(symbol.split("/DEC/")[1].split("/")[0])
    if symbol.startswith("A/HRC/"):
        return number
    return number - 1944 if symbol.startswith("E/CN.4/") else None


# The Human Rights Council's session reports print no masthead: "Human Rights Council Resolution:
# 9/41" or "Human Rights Council resolution 9/41." (even "Resolution 9/41." alone) above or below
# the title, then "The Human Rights Council,"; decisions likewise ("Decision 9/101.").
_COUNCIL_REPORT_HEADING = re.compile(
    r"(?:Human\s+Rights\s+Council\s+)?\b([Rr]esolution|[Dd]ecision):?\s+(\d{1,2})/(\d{1,3})\b(?!/)")


def _council_report_heading(flat: str, text: str) -> tuple[str, str, int] | None:
    council = "Human Rights Council" in flat or re.search(r"^\s*The\s+Human\s+Rights\s+Council\s*,", text[:5000], re.M)
    if not council or not (match := _COUNCIL_REPORT_HEADING.search(flat)):
        return None
    kind = "DEC" if match[1].lower() == "decision" else "RES"
    return f"A/HRC/{kind}/{match[2]}/{match[3]}", HUMAN_RIGHTS_COUNCIL, int(match[2])


_SYMBOL_KIND = re.compile(r"/(?:RES|DEC)/")
_AFTER_NUMBER = re.compile(r"\.\s+(.+)$")


def _title_after(flat: str, number: str) -> str | None:
    """What follows the first "64/163. " in `flat` not glued to a digit or "/" before it
    (regex `(?<![\\d/])64/163\\.\\s+(.+)$`, found with str.find: a pattern per symbol cost a
    compile per document, 1,658 of them for the shared corpus)."""
    at = flat.find(number)
    while at >= 0:
        if not (at and (flat[at - 1].isdecimal() or flat[at - 1] == "/")):
            if rest := _AFTER_NUMBER.match(flat, at + len(number)):
                return rest.group(1)
        at = flat.find(number, at + 1)
    return None


def title_of(head: str, symbol: str, body: str) -> str:
    """The printed title: "64/163. Declaration on ..." -> "Declaration on ..."."""
    flat = " ".join(head.split())
    number = _SYMBOL_KIND.split(symbol)[-1]
    if "/RES/" in symbol or "/DEC/" in symbol:
        # "64/163. Declaration on ...", "2019/4. Promoting ...", "Resolution 9/41. Protection of ..."
        title = _title_after(flat, number)
        if title is not None and not symbol.startswith("S/RES/"):
            return title.strip(" ,")
    if body in (COMMISSION, ECOSOC, HUMAN_RIGHTS_COUNCIL):
        # "Human rights defenders" on the first line, sometimes glued to the heading:
        # "Human rights defendersCommission on Human Rights resolution 2002/70"; the Council's
        # reports: "Protection of archivists" / "Human Rights Council Resolution: 9/41".
        match = re.match(r"(.+?)\s*(?:Commission\s+on\s+Human\s+Rights|Economic and Social Council"
                         r"|Human\s+Rights\s+Council\s+(?:[Rr]esolution|[Dd]ecision)"
                         r"|(?:[Rr]esolution|[Dd]ecision)\s+\d)", flat)
        if match and match.group(1).strip() and not re.search(r"/(?:RES|DEC)/", match.group(1)):
            return match.group(1).strip()
    if symbol.startswith("S/RES/"):
        return _council_topic(head) or f"Security Council resolution {symbol[6:]}"
    if symbol.startswith(document_types.NO_SYMBOL_PREFIX):
        return f"{body} draft (undated, file {symbol[len(document_types.NO_SYMBOL_PREFIX):-1]})"
    if "/L." in symbol:
        return document_types.draft_title(head) or f"Draft resolution {symbol}"
    if symbol.startswith("S/") or body == SECURITY_COUNCIL:
        return "Draft resolution"
    return symbol


def _council_topic(head: str) -> str | None:
    """The topic heading of the Security Council's compilation volumes, printed in capitals above
    the resolution ("MILITARY STAFF COMMITTEE" above "1 (1946). Resolution of 25 January 1946"),
    title-cased with its small words kept small: "Military Staff Committee", "The Palestine
    Question", "Complaint of Aggression upon the Republic of Korea". Only a line before the
    resolution's number counts: a masthead's "UNITED NATIONS" (S/RES/902 (1994)) is no topic."""
    for line in head.split("\n"):
        line = line.strip()
        if re.match(r"(?:RESOLUTION\s+|Resolution\s+)?\d{1,4}\s*\(\d{4}\)", line) or line in ("UNITED NATIONS", "S"):
            return None
        if len(line) > 3 and line.upper() == line and re.search(r"[A-Z]{3}", line) and not re.search(r"\d", line):
            words = line.lower().split()
            return " ".join(w if i and w in _SMALL_WORDS else w.capitalize() for i, w in enumerate(words))
    return None


_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to upon with".split())


def job_number(head: str) -> str | None:
    match = re.search(r"\b(\d{2}-\d{5})\b", head)
    return match.group(1) if match else None


def adoption_date(head: str, tail: str, symbol: str, language: str = "en") -> dt.date | None:
    """GA: "adopted by the General Assembly on 18 December 2009" ("adoptée par l'Assemblée
    générale le 19 décembre 2023", "aprobada por la Asamblea General el 19 de diciembre de
    2023"); Commission: the date line of the footer; Security Council: "of 12 October 1971" /
    "Resolution of 25 January 1946"."""
    flat_head = " ".join(head.split())
    if match := re.search(r"adopted by the [A-Za-z ]+? on (\d{1,2} \w+ \d{4})", flat_head):
        return find_date(match.group(1))
    if language != "en" and (match := FOREIGN_ADOPTION.search(flat_head)):
        return find_date(match.group(1), language)
    if symbol.startswith("S/RES/"):
        if match := re.search(r"(?:of|Resolution of|meeting,? on)\s+(\d{1,2}\s+\w+\.?\s+\d{4})", flat_head):
            return find_date(match.group(1))
        return find_date(flat_head)
    if tail and (date := last_date(tail, language)):
        return date
    return None


def year_from_symbol(symbol: str, source: str) -> int | None:
    if match := re.search(r"\(((?:19|20)\d\d)\)|/((?:19|20)\d\d)/", symbol):
        return int(match.group(1) or match.group(2))
    if match := re.search(r"/((?:19|20)\d\d)/L\.", symbol):  # E/CN.4/2005/L.10
        return int(match.group(1))
    if match := re.fullmatch(r"(\d{2})-\d{5}", Path(source).stem):  # draft job number "17-08449"
        return 2000 + int(match.group(1))
    return None


def meeting_and_vote(tail: str, head: str = "") -> tuple[str | None, str | None]:
    """Meeting and vote from the closing lines; the 1992-1994 Security Council texts name the
    meeting in the heading instead: "Adopted by the Security Council at its 3157th meeting,"."""
    flat = " ".join(tail.split())
    meetings = MEETING.findall(flat)
    if not meetings:
        heading = re.search(rf"Adopted by the [A-Z][\w ]{{0,40}}? at[\s_]*its ({MEETING_WORDS})",
                            " ".join(head.split()))
        meetings = [heading.group(1)] if heading else []
    meeting = _clean_meeting(meetings[0]) if meetings else None  # later ones are footnotes
    vote = None
    if match := re.search(rf"\b({ADOPTED_WORDS}[^.\]]*(?:\.|$))", flat):
        vote = re.sub(r"^Adapted\b", "Adopted", match.group(1).strip())  # OCR (S_RES_0494_1981)
        vote = re.sub(r"\s+\d{1,3}$", "", vote)
        vote = vote if vote.endswith(".") else vote + "."
    return meeting, vote


def _clean_meeting(words: str) -> str:
    """'I364th  meetings' -> '1364th meeting', '273 1st meeting' -> '2731st meeting'."""
    match = re.match(r"([\dIilO]+(?: \d+)?)(.*)", " ".join(words.split()), re.S)
    assert match is not None, words  # MEETING and the heading pattern both start with the number
    number, rest = match.groups()
    rest = re.sub(r"[\s_]+meetings?$", " meeting", rest)
    number = number.replace(" ", "").translate(str.maketrans("IilO", "1110"))
    if len(number) == 5:
        # No UN body has held a 10,000th meeting: OCR doubled a digit, "18522nd" (S_RES_0379_1975),
        # "23111th" (S_RES_0493_1981), "176I1st" (S_RES_0345_1974). Drop the last repeated one.
        number = re.sub(r"(\d)\1(?!.*(\d)\2)", r"\1", number)
    return number + rest
