"""Plain data that flows from the parser to the index: one Document, many Paragraphs.

Nothing here knows about files, Whoosh or the web; every later stage takes these as input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PREAMBULAR = "preambular"
OPERATIVE = "operative"
PARAGRAPH_KINDS = (PREAMBULAR, OPERATIVE)
# The parts of a document, in printed order: the resolution's own paragraphs, the annexes'
# paragraphs, the footnotes. An annex paragraph or a footnote is neither preambular nor operative:
# its `kind` is the name of its part.
RESOLUTION_PART = "resolution"
ANNEX = "annex"
FOOTNOTE = "footnote"
PARTS = (RESOLUTION_PART, ANNEX, FOOTNOTE)
KINDS = (PREAMBULAR, OPERATIVE, ANNEX, FOOTNOTE)

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
    """One paragraph of a document: a preambular or operative paragraph of the resolution, a
    paragraph of an annex, or a footnote.

    `number` is the operative number as printed ("6." -> 6) or, for preambular paragraphs, the
    1-based order among the preambular paragraphs; for an annex paragraph its printed number (or
    its order among the unnumbered ones), for a footnote its printed number. `position` is the
    0-based order of the paragraph in the whole document, which is what "document order" sorts by:
    the resolution's paragraphs first, then the annexes', then the footnotes.
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
    # The footnote numbers whose markers stood in this paragraph: "Rights,1 and ... Disappearance,3" -> (1, 3).
    footnotes: tuple[int, ...] = ()
    # Annex paragraphs: the headings above them ("Annex: Political declaration ... / I. Introduction").
    heading: str = ""
    # Annex paragraphs and footnotes: their anchor as printed ("annex-art4-p2", "fn3"); see anchor.
    label: str = ""

    @property
    def part(self) -> str:
        """'resolution', 'annex' or 'footnote'."""
        return self.kind if self.kind in (ANNEX, FOOTNOTE) else RESOLUTION_PART

    @property
    def anchor(self) -> str:
        """The fragment id used on the document page: 'pp3', 'op6', 'op1-2' (the second op1),
        'annex-p3', 'annex-art4-p2', 'fn3'."""
        return paragraph_anchor(self.kind, self.number, self.occurrence, self.label)


def paragraph_anchor(kind: str, number: int, occurrence: int = 1, label: str = "") -> str:
    if kind in (ANNEX, FOOTNOTE):
        return label or (f"fn{number}" if kind == FOOTNOTE else f"annex-p{number}")
    anchor = ("pp" if kind == PREAMBULAR else "op") + str(number)
    return anchor if occurrence == 1 else f"{anchor}-{occurrence}"


def part_of(kind: str) -> str:
    return kind if kind in (ANNEX, FOOTNOTE) else RESOLUTION_PART


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
    def footnotes(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == FOOTNOTE]

    @property
    def annex_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == ANNEX]

    @property
    def preambular_count(self) -> int:
        return sum(1 for p in self.paragraphs if p.kind == PREAMBULAR)

    @property
    def operative_count(self) -> int:
        return sum(1 for p in self.paragraphs if p.kind == OPERATIVE)
