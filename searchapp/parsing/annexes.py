"""The annexes of a resolution: declarations, conventions, programmes adopted "as contained in
the annex to the present resolution", read as paragraphs of their own part.

An annex starts at a line "Annex" (or "Annex I", "Annex II") after the resolution's last
paragraph, usually after its meeting line ("16th plenary meeting" / "5 October 2023" / "Annex" /
"Political declaration of ..." in A/RES/78/3). Its paragraphs are numbered as printed: section
headings ("I. Introduction", "Chapter I", "Preamble"), articles ("Article 4" / "Offences against
the confidentiality ..."), numbered paragraphs ("1." alone on its line, then its text), and
sub-items ("(a) ...") inside their paragraph.

Anchors on the document page: "annex-p3" (paragraph 3 of the only or first annex), "annex2-p3"
(of "Annex II"), "annex-art4-p2" (paragraph 2 of article 4), "annex-art4" (an article's
unnumbered text), "annex-t2" (the second unnumbered paragraph outside articles, such as the
preamble of a declaration); a number printed twice (numbering restarted in each section) gets
"-2", "-3" like the resolution's own paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from searchapp.parsing.cleanup import join_lines
from searchapp.parsing.paragraphs import blocks_from_lines, continues_paragraph

ANNEX_HEADING = re.compile(r"^[ \t]*(?:Annex(?:es)?|ANNEX)(?:[ \t]+([IVXLC]{1,6}|\d{1,3}))?[ \t]*$", re.M)
_NUMBERED = re.compile(r"^(\d{1,3})\s*\.(?:\s+|$)")
# "Article 4", "Article 12 bis"; "Chapter I", "Part II", "Preamble", "I." / "I. Introduction",
# "A." / "A. Principles"; "Appendix" starts a part of the annex too.
_ARTICLE = re.compile(r"^Article\s+(\d{1,3})(?:\s+(?:bis|ter))?\.?(?:\s+(.*))?$")
_SECTION = re.compile(r"^(?:(?:Chapter|Part|Section|Appendix)\b.*|Preamble|(?:[IVXLC]{1,6}|[A-H])\.?(?:\s+[A-Z].*)?)$")


@dataclass
class AnnexParagraph:
    """One paragraph of an annex as printed: `number` is the printed number, or for an
    unnumbered paragraph its order among the unnumbered ones of its annex (or article)."""

    anchor: str
    number: int
    heading: str  # "Annex: Political declaration ... / I. Introduction / Article 4"
    text: str


def _is_title_like(text: str) -> bool:
    """A heading's title: short, capitalised, not a numbered paragraph, no closing punctuation
    except the ";" between two parts of a long title (A/RES/79/243)."""
    return (len(text) < 300 and text[:1].isupper() and not _NUMBERED.match(text)
            and not text.rstrip().endswith((",", ".", ":")))


def annex_paragraphs(lines: list[str], vocabulary: Container[str]) -> list[AnnexParagraph]:
    """The annexes' paragraphs in printed order; headings become each paragraph's `heading`."""
    state = _AnnexState()
    for block in blocks_from_lines(lines):
        if len(block) > 1 and (glued := ANNEX_HEADING.match(block[0])):
            state.open_annex(glued.group(1))  # "Annex" / "Political declaration ..." without a blank line
            block = block[1:]
        text = join_lines(block, vocabulary)
        if not text or not re.search(r"[^\W\d_]{2}", text):
            if text and (number := _NUMBERED.match(text)) and not text[number.end():].strip():
                state.pending = int(number.group(1))  # "1." alone, its text in the next block
            continue
        if heading := ANNEX_HEADING.match(text):
            state.open_annex(heading.group(1))
        elif state.wants_title and _is_title_like(text) and text != "Preamble" and not _SECTION.match(text):
            state.title = f"{state.title} {text}".strip()
        elif (article := _ARTICLE.match(text)) and len(text) < 200:
            state.open_article(int(article.group(1)), article.group(0))
        elif _SECTION.match(text) and _is_title_like(text):
            state.open_section(text)
        elif state.wants_heading_title and _is_title_like(text) and len(text) < 200:
            state.name_heading(text)
        elif _is_title_like(text) and len(text) < 150 and state.may_head():
            # An unnumbered heading: "Core principle I", "Assessments" / "Model strategy No. 1"
            # (A/RES/80/226): short, no closing punctuation, after a finished paragraph.
            state.open_section(text, nested=state.fresh)
        else:
            state.add(text)
    return state.paragraphs


class _AnnexState:
    def __init__(self) -> None:
        self.paragraphs: list[AnnexParagraph] = []
        self.annex = 0
        self.name = "Annex"
        self.title = ""
        self.section = ""
        self.article: tuple[int, str] | None = None
        self.pending: int | None = None
        self.wants_title = False
        self.wants_heading_title = False
        self.fresh = True  # after a heading: the next block opens a paragraph
        self.unnumbered = 0
        self.used: dict[str, int] = {}

    def open_annex(self, number: str | None) -> None:
        self.annex += 1
        # As printed: "Annex", "Annex II"; a second unnumbered "Annex" line gets its order.
        self.name = f"Annex {number}" if number else ("Annex" if self.annex == 1 else f"Annex {self.annex}")
        self.title, self.section, self.article = "", "", None
        self.wants_title, self.wants_heading_title, self.fresh, self.unnumbered = True, False, True, 0
        self.pending = None

    def open_article(self, number: int, heading: str) -> None:
        self.article = (number, heading)
        self.wants_title, self.wants_heading_title, self.fresh, self.unnumbered = False, True, True, 0

    def may_head(self) -> bool:
        if self.fresh or not self.paragraphs:
            return True
        return self.paragraphs[-1].text.rstrip().endswith((".", ";", ":", ",", "!", "?", ")"))

    def open_section(self, heading: str, nested: bool = False) -> None:
        if nested and self.section and not _SECTION.match(heading):
            heading = f"{self.section} / {heading}"
        self.section, self.article = heading, None
        self.wants_title, self.fresh = False, True
        # "I" / "Introduction": a bare number or letter waits for its title on the next line.
        self.wants_heading_title = bool(re.fullmatch(r"(?:[IVXLC]{1,6}|[A-H])\.?|(?:Chapter|Part|Section)\s+\S+",
                                                     heading))

    def name_heading(self, title: str) -> None:
        if self.article is not None:
            # "Article 13." is printed with its stop in A/RES/79/243: "Article 13. Information ...".
            self.article = (self.article[0], f"{self.article[1].rstrip('.')}. {title}")
        else:
            self.section = f"{self.section.rstrip('.')}. {title}"
        self.wants_heading_title = False

    def heading(self) -> str:
        annex = self.name
        parts = [f"{annex}: {self.title}" if self.title else annex, self.section,
                 self.article[1] if self.article else ""]
        return " / ".join(part for part in parts if part)

    def add(self, text: str) -> None:
        if self.annex == 0:
            self.annex = 1
        self.wants_title = self.wants_heading_title = False
        number = _NUMBERED.match(text)
        if self.pending is not None and not number:
            printed, body = self.pending, text
        elif number:
            printed, body = int(number.group(1)), text[number.end():].strip()
        else:
            printed, body = None, text
        self.pending = None
        if (printed is None and self.paragraphs and not self.fresh
                and continues_paragraph(self.paragraphs[-1].text, text)):
            last = self.paragraphs[-1]
            last.text = f"{last.text} {text}"
            return
        self.fresh = False
        prefix = "annex" if self.annex <= 1 else f"annex{self.annex}"
        if self.article is not None:
            prefix += f"-art{self.article[0]}"
        if printed is None:
            self.unnumbered += 1
            shown = self.unnumbered
            anchor = prefix if self.article is not None and shown == 1 else f"{prefix}-t{shown}"
        else:
            shown = printed
            anchor = f"{prefix}-p{printed}"
        seen = self.used[anchor] = self.used.get(anchor, 0) + 1
        if seen > 1:
            anchor = f"{anchor}-{seen}"
        self.paragraphs.append(AnnexParagraph(anchor, shown, self.heading(), body))
