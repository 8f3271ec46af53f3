"""Row shapes of the exports and how every CSV is written, shared by the CLI and the web (one
definition of each column list).

Every CSV (search, KWIC, timeline) goes through `csv_chunks`: UTF-8 with a byte-order mark by
default, so that Excel opens "People’s" and "Côte d'Ivoire" intact, and every text cell that
starts with = + - @ tab or CR prefixed with a single quote, as OWASP's "CSV Injection" page
recommends: a paragraph printed "=1+2 Calls upon ..." or a title "=HYPERLINK(...)" is shown as
text, never run as a formula. Numbers (mentions, years) are written as numbers.

`base` is `server.public_url` ("https://resolutions.example.org", or "" for paths): anchor
URLs are this application's page of the paragraph, official URLs the UN's (undocs.org)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from searchapp.research.references import Reference, absolute, document_path, library_url, official_url
from searchapp.search.results import ExportHeader, Hit, Kwic, KwicLine, Timeline, per_thousand
from searchapp.wording import totals as counted

KWIC_CSV_COLUMNS = ("symbol", "year", "body", "paragraph", "left", "keyword", "right")
# part: resolution, annex or footnote (models.PARTS).
CSV_COLUMNS = ("symbol", "title", "body", "document_type", "date", "year", "session", "committee", "language",
               "part", "paragraph_type", "paragraph_number", "verb", "addressees", "anchor_url", "official_url",
               "mentions", "text")
TIMELINE_CSV_COLUMNS = ("year", "body", "paragraphs", "mentions")
# With the per-1,000 scale: the year and body's indexed paragraphs (within the filters) and the rates.
TIMELINE_PER_1000_COLUMNS = ("indexed_paragraphs", "paragraphs_per_1000", "mentions_per_1000")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CHUNK_CHARS = 1 << 16


def anchor_url(hit: Hit, base: str = "") -> str:
    return absolute(base, document_path(hit.symbol, hit.anchor))


def csv_row(hit: Hit, base: str = "") -> list:
    """One search hit as a CSV row in CSV_COLUMNS order."""
    return [hit.symbol, hit.title, hit.body, hit.document_type, hit.date or "", hit.year or "",
            hit.session or "", hit.committee or "", hit.language, hit.part, hit.paragraph_type,
            hit.paragraph_number,
            hit.verb, "; ".join(hit.addressees), anchor_url(hit, base),
            official_url(hit.symbol) or "", hit.mentions, hit.text]


def json_row(hit: Hit, base: str = "") -> dict:
    """One search hit in the JSON export."""
    return {"symbol": hit.symbol, "title": hit.title, "body": hit.body, "document_type": hit.document_type,
            "date": hit.date, "year": hit.year, "session": hit.session, "committee": hit.committee,
            "language": hit.language, "part": hit.part,
            "paragraph_type": hit.paragraph_type, "paragraph_number": hit.paragraph_number,
            "verb": hit.verb, "addressees": list(hit.addressees),
            "anchor_url": anchor_url(hit, base), "official_url": official_url(hit.symbol),
            "library_url": library_url(hit.symbol), "mentions": hit.mentions, "text": hit.text}


def kwic_csv_row(line: KwicLine) -> list:
    """One concordance line as a CSV row in KWIC_CSV_COLUMNS order."""
    return [line.symbol, line.year or "", line.body, line.anchor, line.left, line.keyword, line.right]


def timeline_csv_columns(timeline: Timeline) -> tuple[str, ...]:
    return TIMELINE_CSV_COLUMNS + (TIMELINE_PER_1000_COLUMNS if timeline.scale == "per1000" else ())


def timeline_csv_rows(timeline: Timeline) -> Iterator[list]:
    """One row per year and body with matching paragraphs (`timeline_csv_columns` order)."""
    for year in timeline.years:
        for body, (paragraphs, mentions) in year.by_body.items():
            if not paragraphs:
                continue
            if timeline.scale == "per1000":
                indexed = year.indexed.get(body, 0)
                yield [year.year, body, paragraphs, mentions, indexed, per_thousand(paragraphs, indexed),
                       per_thousand(mentions, indexed)]
            else:
                yield [year.year, body, paragraphs, mentions]


def neutralised(cell):
    """A text cell Excel or LibreOffice would read as a formula, prefixed with "'" (OWASP):
    "=1+2 Calls upon" -> "'=1+2 Calls upon"; numbers and other text unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def header_comment(header: ExportHeader, kind: str = "", totals: str = "") -> str:
    """The one-line description of an export for a leading comment row ("# searchapp export: ...";
    `kind` "timeline" -> "# searchapp timeline export: ..."), `totals` said after the search's
    ("; 12 lines from 9 paragraphs" for a concordance)."""
    filters = "; ".join(f"{name}={value}" for name, value in header.to_json()["filters"].items()) or "none"
    index = header.index
    return (f"# searchapp {kind + ' ' if kind else ''}export: query={header.request.query!r}; filters: {filters}; "
            f"sort={header.request.sort}; "
            f"{counted(header.total, header.documents, header.mentions)}{totals}; "
            f"index {index.generation} built {index.built} ({index.documents} documents, "
            f"{index.paragraphs} paragraphs); exported {header.exported}")


def kwic_comment(kwic: Kwic) -> str:
    """The concordance CSV's comment row: the search's, then its lines ("; 12 lines from the first
    9 paragraphs")."""
    assert kwic.header is not None
    read = f"the first {kwic.paragraphs_read}" if kwic.truncated else str(kwic.paragraphs_read)
    # `searchapp kwic --limit 100` writes the first 100 lines: "100 of 234 lines".
    lines = str(kwic.total_lines) if len(kwic.lines) == kwic.total_lines else f"{len(kwic.lines)} of {kwic.total_lines}"
    return header_comment(kwic.header, "kwic", f"; {lines} lines from {read} paragraphs, "
                                               f"context {kwic.width} characters, order {kwic.sort}")


def timeline_comment(timeline: Timeline) -> str:
    assert timeline.header is not None
    undated = f" ({timeline.undated_paragraphs} undated, not in the rows)" if timeline.undated_paragraphs else ""
    return header_comment(timeline.header, "timeline", undated)


def csv_chunks(columns: Iterable[str], rows: Iterable[list], *, bom: bool = True,
               comment: str | None = None) -> Iterator[str]:
    """The CSV as text chunks of about CHUNK_CHARS (the first leaves at once): a BOM unless
    `bom` is False, `comment` as a first row of its own when given, then the column names and
    the rows, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write(BOM)
    if comment:
        writer.writerow([comment])
    writer.writerow(columns)
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        writer.writerow([neutralised(cell) for cell in row])
        if buffer.tell() > CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_filename(header: ExportHeader, suffix: str, kind: str = "") -> str:
    """"searchapp-impunity-gen-000003-20261129T094700Z.csv": the query's words, the generation
    and the export time, so a saved file says what it holds (ASCII letters, digits and - only);
    `kind` "kwic" -> "searchapp-kwic-impunity-gen-...csv"."""
    words = "-".join(re.findall(r"[A-Za-z0-9]+", header.request.query))[:60] or "all"
    stamp = header.exported.replace("-", "").replace(":", "")
    return f"searchapp-{kind + '-' if kind else ''}{words}-{header.index.generation}-{stamp}.{suffix}"


def reference_of(view, base: str = "") -> Reference:
    """A Reference of a DocumentView or a Hit (both carry symbol, title, body, date, year,
    session, document_type, language)."""
    return Reference(symbol=view.symbol, title=view.title, body=view.body, date=view.date, year=view.year,
                     session=view.session, document_type=view.document_type,
                     page_url=absolute(base, document_path(view.symbol)),
                     has_symbol=getattr(view, "has_symbol", True) and official_url(view.symbol) is not None,
                     language=view.language)


def document_references(hits, base: str = "") -> list[Reference]:
    """One Reference per document among `hits`, in the order their first hit comes."""
    seen: dict[str, Reference] = {}
    for hit in hits:
        if hit.symbol not in seen:
            seen[hit.symbol] = reference_of(hit, base)
    return list(seen.values())
