"""Plain data that flows from the parser to the index: one Document, many Paragraphs.

Nothing here knows about files, Whoosh or the web; every later stage takes these as input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PREAMBULAR = "preambular"
OPERATIVE = "operative"
PARAGRAPH_KINDS = (PREAMBULAR, OPERATIVE)

# The bodies researchers filter by, in the spelling shown to them.
COMMISSION = "Commission on Human Rights"
HUMAN_RIGHTS_COUNCIL = "Human Rights Council"
GENERAL_ASSEMBLY = "General Assembly"
ECOSOC = "Economic and Social Council"
SECURITY_COUNCIL = "Security Council"
BODIES = (COMMISSION, HUMAN_RIGHTS_COUNCIL, GENERAL_ASSEMBLY, ECOSOC, SECURITY_COUNCIL)

# What kind of document a text is (the `type` of a Document): adopted resolutions and decisions,
# and the drafts put before a body (S/2018/693, A/C.3/80/L.5, A/HRC/55/L.12).
RESOLUTION = "resolution"
DRAFT_RESOLUTION = "draft resolution"
DECISION = "decision"
DOCUMENT_TYPES = (RESOLUTION, DRAFT_RESOLUTION, DECISION)

# Where a General Assembly text comes from: adopted in plenary "[without reference to a Main
# Committee]" or "[on the report of the Third Committee (A/78/481/Add.2)]".
PLENARY = "Plenary"
MAIN_COMMITTEES = ("First Committee", "Second Committee", "Third Committee",
                   "Special Political and Decolonization Committee", "Fifth Committee", "Sixth Committee")
COMMITTEES = (PLENARY, *MAIN_COMMITTEES)

# The languages the parser reads (ISO 639-1 code -> the name shown and its Snowball stemmer).
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish"}
STEMMER_OF_LANGUAGE = {"en": "english", "fr": "french", "es": "spanish"}


@dataclass(frozen=True)
class Paragraph:
    """One preambular or operative paragraph of a resolution.

    `number` is the operative number as printed ("6." -> 6) or, for preambular paragraphs, the
    1-based order among the preambular paragraphs. `position` is the 0-based order of the paragraph
    in the whole document, which is what "document order" sorts by.
    """

    symbol: str
    kind: str
    number: int
    position: int
    opening: str
    text: str
    # 1, unless the printed numbering restarts (budget resolutions number each section from 1):
    # the second operative "1." of a document has occurrence 2.
    occurrence: int = 1

    @property
    def anchor(self) -> str:
        """The fragment id used on the document page: 'pp3', 'op6', 'op1-2' (the second op1)."""
        return paragraph_anchor(self.kind, self.number, self.occurrence)


def paragraph_anchor(kind: str, number: int, occurrence: int = 1) -> str:
    anchor = ("pp" if kind == PREAMBULAR else "op") + str(number)
    return anchor if occurrence == 1 else f"{anchor}-{occurrence}"


@dataclass
class Document:
    """A resolution (or draft) with its metadata and paragraphs in printed order."""

    symbol: str
    body: str
    title: str
    date: dt.date | None
    year: int | None
    session: int | None
    source: str
    meeting: str | None = None
    vote: str | None = None
    tags: tuple[str, ...] = ()
    paragraphs: list[Paragraph] = field(default_factory=list)
    document_type: str = RESOLUTION
    # General Assembly only: "Third Committee", "Plenary" ("[without reference to a Main
    # Committee]"), and the agenda items as printed ("71 (b)"; "Agenda items 13 and 117" -> two).
    committee: str | None = None
    agenda_items: tuple[str, ...] = ()
    # Draft resolutions: the sponsoring States as printed above the title (parsing/sponsors.py).
    sponsors: tuple[str, ...] = ()
    language: str = "en"  # a key of LANGUAGES
    # False when no UN symbol is printed or known for the text: `symbol` is then a stand-in key,
    # "no symbol (file 18-04038)", never shown as a UN symbol (see parsing/document_types.py).
    has_symbol: bool = True
    pages: int | None = None  # printed pages, when read from a PDF

    @property
    def preambular_count(self) -> int:
        return sum(1 for p in self.paragraphs if p.kind == PREAMBULAR)

    @property
    def operative_count(self) -> int:
        return sum(1 for p in self.paragraphs if p.kind == OPERATIVE)
