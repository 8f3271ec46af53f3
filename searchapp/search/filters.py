"""The registry of search filters: the one list every layer reads (datasette's Filters/Facets).

Each entry declares its URL parameter, CLI option and SearchRequest keyword (`Parameter`), its
validation, the paragraphs it keeps over an index generation, its facet counts (or none), its chip
label, its plain-English description and its JSON field. From this list come the CLI's options
(cli/__init__.py search_options), the URL <-> SearchRequest round trip (search/request.py), the
query language's metadata fields (`body:`, `year:[2000 TO 2009]`), the filter masks and facet
counts (search/facets.py), the API's "filters" and "facets", the HTML filter form, chips and
"Showing ..." sentence (web/), and so exports, timeline and concordance, which take a SearchRequest.

Adding a facet is one entry below plus its tests.

A facet over a per-resolution value in documents.json (the `committee` entry below is one:
engine/writing.py `document_record` writes `"committee": document.committee`)::

    DocumentFieldFilter("committee", "Committee",
                        Parameter("committee", "committees", "--committee", "Main committee (repeatable)."),
                        field="committee", query_field="committee"),

`SearchRequest(committees=("Third Committee",))`, `/?committee=Third+Committee`,
`searchapp search --committee "Third Committee"` and `committee:"Third Committee"` then work, and
results carry `facets["committee"]`. A list per resolution (sponsors) is a `DocumentListFilter`;
a number (a session) gives `number=True` to its Parameter and `order="value"`; `aliases` maps
abbreviations to values (body: GA, SC, ...). Values are resolved against the index per request
(`Filter.resolve`): any case, an alias, else a 400 / exit 1 naming the values the index holds. The column reaches
the index through `document_record` -> documents.json -> `Snapshot.table.records` (reading.py
DocumentTable); the filter reads `record[field]` and caches the column per generation. Add the field
to models.Document and set it in the parser; an index built before the field existed has no value
for it (None: matches nothing), so say "run `searchapp index --rebuild`" in the README.

A facet over a per-paragraph value (say the part: resolution, annex, footnote) needs a sidecar
array, one row per Whoosh doc number: add it to engine/writing.py `ARRAY_NAMES`, fill it in
`_AddedRows.extend` (new paragraphs) and `write_arrays` (a rewrite from the stored fields), load
it in engine/reading.py `Snapshot.__init__` beside `kind` and name it in
`Snapshot.PARAGRAPH_COLUMNS` (what `snapshot.paragraph_column(name)` serves), then::

    ParagraphCodeFilter("part", "Part", Parameter("part", "parts", "--part", "Document part (repeatable)."),
                        column="part", names=("resolution", "annex", "footnote"), query_field="part"),

Then test it: its counts against the texts; add its keyword to the URL round trip in
tests/test_filter_registry.py (which fails until every registered filter is in it); that file also
shows a registered entry in CLI --help, the API, the form and the chips without further code.
"""

from __future__ import annotations

import numpy as np

from searchapp.engine import Snapshot
from searchapp.exceptions import BadParameter, BadQuery
from searchapp.models import (
    BODIES,
    COMMISSION,
    COMMITTEES,
    DOCUMENT_TYPES,
    ECOSOC,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    LANGUAGES,
    PARAGRAPH_KINDS,
    PARTS,
    SECURITY_COUNCIL,
)
from searchapp.research.operative import ADDRESSEES
from searchapp.search.filter_base import Filter, Parameter
from searchapp.search.filter_kinds import (
    CitesFilter,
    DocumentFieldFilter,
    DocumentListFilter,
    ParagraphCodeFilter,
    SymbolFilter,
    YearRangeFilter,
)
from searchapp.search.filter_labels import ParagraphLabelFilter

# The abbreviations researchers type for the bodies, accepted in any case wherever a body is given.
BODY_ABBREVIATIONS = {"GA": GENERAL_ASSEMBLY, "SC": SECURITY_COUNCIL, "HRC": HUMAN_RIGHTS_COUNCIL,
                      "CHR": COMMISSION, "ECOSOC": ECOSOC}

FILTERS: list[Filter] = [
    DocumentFieldFilter("body", "Body",
                        Parameter("body", "bodies", "--body",
                                  "Filter by body, or its abbreviation GA, SC, HRC, CHR, ECOSOC (repeat for OR)."),
                        field="body", order="fixed", fixed_order=BODIES, aliases=BODY_ABBREVIATIONS,
                        query_field="body"),
    YearRangeFilter("year", "Year",
                    Parameter("year_from", "year_from", "--year-from", "First year (inclusive).",
                              repeatable=False, number=True),
                    Parameter("year_to", "year_to", "--year-to", "Last year (inclusive).",
                              repeatable=False, number=True),
                    field="year", query_field="year"),
    DocumentFieldFilter("session", "Session",
                        Parameter("session", "sessions", "--session", "Session number (repeatable).", number=True),
                        field="session", order="value", query_field="session"),
    ParagraphCodeFilter("paragraph_type", "Paragraph type",
                        Parameter("type", "types", "--type",
                                  "Paragraph type: preambular or operative (repeatable)."),
                        column="kind", names=PARAGRAPH_KINDS, query_field="type"),
    # Which part of a document (models.PARTS): the resolution's own paragraphs, its annexes'
    # paragraphs, its footnotes. Searches cover all three unless a part is chosen; `type` counts
    # only the resolution's paragraphs (an annex paragraph is neither preambular nor operative).
    ParagraphCodeFilter("part", "Part",
                        Parameter("part", "parts", "--part",
                                  "Document part: resolution, annex or footnote (repeatable)."),
                        column="part", names=PARTS, query_field="part"),
    # How strongly, and to whom (issue 16 §5; rules in research/operative.py, stored at index time):
    # the opening verb phrase of a preambular or operative paragraph, "Also"/"Further" folded and
    # "strongly" kept ("Also strongly condemns" -> "Strongly condemns"), and whom an operative
    # paragraph's verb addresses ("Requests the Secretary-General and Member States to" -> both).
    ParagraphLabelFilter("verb", "Verb",
                         Parameter("verb", "verbs", "--verb",
                                   "Opening verb phrase of the paragraph, e.g. 'Strongly condemns' or 'Calls upon' "
                                   "(repeatable)."),
                         column="verb", noun="opening verb", query_field="verb"),
    ParagraphLabelFilter("addressee", "Addressee",
                         Parameter("addressee", "addressees", "--addressee",
                                   "Whom an operative paragraph addresses: " + ", ".join(ADDRESSEES)
                                   + " (repeatable)."),
                         column="addressee", several=True, order="fixed", fixed_order=ADDRESSEES,
                         query_field="addressee"),
    DocumentListFilter("tags", "Subject tag", Parameter("tag", "tags", "--tag", "Subject tag (repeatable)."),
                       field="tags", order="count", noun="tag", query_field="tag", coverage=True),
    # What kind of text (parsing/document_types.py): drafts are not counted as resolutions.
    DocumentFieldFilter("document_type", "Document type",
                        Parameter("doctype", "document_types", "--doctype",
                                  f"Document type: {', '.join(DOCUMENT_TYPES)} (repeatable)."),
                        field="document_type", order="fixed", fixed_order=DOCUMENT_TYPES,
                        noun="document type", query_field="doctype"),
    # General Assembly texts only (parsing/assembly.py): "Third Committee", "Plenary" ...
    DocumentFieldFilter("committee", "Committee",
                        Parameter("committee", "committees", "--committee",
                                  "General Assembly committee, e.g. 'Third Committee' or Plenary (repeatable)."),
                        field="committee", order="fixed", fixed_order=COMMITTEES,
                        query_field="committee"),
    DocumentListFilter("agenda_items", "Agenda item",
                       Parameter("agenda", "agenda_items", "--agenda-item",
                                 "General Assembly agenda item as printed, e.g. '71 (b)' (repeatable)."),
                       field="agenda_items", order="count", noun="agenda item", query_field="agenda"),
    # Draft resolutions only (parsing/sponsors.py): the States named above the title.
    DocumentListFilter("sponsors", "Sponsor",
                       Parameter("sponsor", "sponsors", "--sponsor",
                                 "Sponsoring State of a draft resolution, e.g. 'Mexico' (repeatable)."),
                       field="sponsors", order="count", noun="sponsor", query_field="sponsor"),
    DocumentFieldFilter("language", "Language",
                        Parameter("language", "languages", "--language",
                                  "Language of the text, by code or name: "
                                  + ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
                                  + " (repeatable)."),
                        field="language", order="fixed", fixed_order=tuple(LANGUAGES), query_field="language",
                        value_labels=LANGUAGES),
    CitesFilter("cites", "Cites",
                Parameter("cites", "cites", "--cites", "Only paragraphs citing this symbol (repeatable).")),
    SymbolFilter("symbol", "Document",
                 Parameter("symbol", "symbols", "--symbol", "Only paragraphs of this document (repeatable)."),
                 noun="document", query_field="symbol"),
]


def register(new: Filter) -> Filter:
    """Add a filter (names, URL parameters and keywords must be new); returns it."""
    for existing in FILTERS:
        taken = {existing.name, *existing.keywords, *(p.url for p in existing.parameters)}
        if taken & {new.name, *new.keywords, *(p.url for p in new.parameters)}:
            raise ValueError(f"filter {new.name!r} reuses a name of filter {existing.name!r}")
    FILTERS.append(new)
    return new


def unregister(name: str) -> None:
    FILTERS[:] = [f for f in FILTERS if f.name != name]


def named(name: str) -> Filter:
    return next(f for f in FILTERS if f.name == name)


def facets() -> list[Filter]:
    return [f for f in FILTERS if f.facet]


def query_fields() -> tuple[str, ...]:
    """The metadata fields of the query language (`body:`, `type:`, ...)."""
    return tuple(f.query_field for f in FILTERS if f.query_field)


class QueryFields:
    """The query language's metadata fields over one snapshot, for the engine's evaluator:
    `body:"General Assembly"` keeps what `?body=General+Assembly` keeps (one mask per filter)."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.names = query_fields()

    def _filter(self, fieldname: str) -> Filter:
        for candidate in FILTERS:
            if candidate.query_field == fieldname:
                return candidate
        raise BadQuery(f'unknown field "{fieldname}:"; possible fields: {", ".join(self.names)}')

    def field_equals(self, fieldname: str, value: str) -> np.ndarray:
        try:
            return self._filter(fieldname).query_selection(self.snapshot, value).everywhere(self.snapshot)
        except BadParameter as error:
            raise BadQuery(error.message) from None

    def field_range(self, fieldname: str, start: str | None, end: str | None) -> np.ndarray:
        try:
            return self._filter(fieldname).range_selection(self.snapshot, start, end).everywhere(self.snapshot)
        except BadParameter as error:
            raise BadQuery(error.message) from None
