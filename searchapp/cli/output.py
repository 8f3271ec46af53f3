"""How the CLI prints results: text for reading, JSON (the API's shape) and CSV for tools."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from html import unescape

import click

from searchapp.exports import (
    CSV_COLUMNS,
    KWIC_CSV_COLUMNS,
    csv_chunks,
    csv_row,
    header_comment,
    kwic_comment,
    kwic_csv_row,
    timeline_comment,
    timeline_csv_columns,
    timeline_csv_rows,
)
from searchapp.models import LANGUAGES
from searchapp.research import references
from searchapp.research.alignment import Changes
from searchapp.research.references import Reference
from searchapp.research.worddiff import DELETE, INSERT
from searchapp.search.results import (
    CitedSymbol,
    DocumentLinks,
    DocumentView,
    ExportHeader,
    Hit,
    Kwic,
    SearchResult,
    Timeline,
    per_thousand,
)
from searchapp.wording import totals

_MARK = re.compile(r"</?mark>")


def marks_to_terminal(html: str) -> str:
    """'<mark>impunity</mark>' -> bold on a terminal, [impunity] elsewhere."""
    if sys.stdout.isatty():
        text = html.replace("<mark>", "\x1b[1;33m").replace("</mark>", "\x1b[0m")
    else:
        text = html.replace("<mark>", "[").replace("</mark>", "]")
    return unescape(text)


def print_result_text(result: SearchResult, hits: list[Hit] | None = None) -> None:
    request = result.request
    shown = hits if hits is not None else result.hits
    click.echo(
        totals(result.total, result.documents, result.mentions)
        + ("" if hits is not None else f" (page {request.page} of {result.pages})")
    )
    if hits is None and not shown and result.total and request.page > result.pages:
        click.echo(f"Page {request.page} is past the last page ({result.pages}): "
                   f"see it with --page {result.pages}.")
        return
    for notice in result.notices:
        click.echo(f"note: {notice}")
    for titled in result.titled:
        click.echo(f"titled: {titled.symbol} ({titled.year or 'undated'}) {titled.title}")
    for name, facet in result.facets.items():
        values = ", ".join(f"{v.shown} ({v.count})" for v in facet.values[:8])
        covered = (f" (on {facet.documents_covered[0]} of {facet.documents_covered[1]} documents)"
                   if facet.documents_covered else "")
        if values or (facet.documents_covered and facet.documents_covered[1]):  # not "(on 0 of 0 documents)"
            click.echo(f"  {name}{covered}: {values}{' ...' if len(facet.values) > 8 else ''}")
    for hit in shown:
        click.echo("")
        click.echo(f"{hit.symbol} ({hit.date or hit.year or 'undated'}) {hit.body}: {hit.title}")
        click.echo(f"  {hit.paragraph_type} {hit.paragraph_number}: {marks_to_terminal(hit.highlight)}")
    if not shown:
        click.echo("No paragraphs match. Try fewer words, drop a filter, or remove quotes.")
    if result.suggestions:
        click.echo(f"Did you mean: {', '.join(result.suggestions)}?")


def print_result_json(result: SearchResult, hits: Iterable[Hit] | None = None) -> None:
    data = result.to_json()
    if hits is None:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    # --all: stream the hits array so every mention prints without building one huge string.
    del data["hits"]
    sys.stdout.write(json.dumps(data, ensure_ascii=False)[:-1] + ', "hits": [')
    for index, hit in enumerate(hits):
        sys.stdout.write(("," if index else "") + "\n" + json.dumps(hit.to_json(), ensure_ascii=False))
    sys.stdout.write("\n]}\n")


def print_hits_csv(header: ExportHeader, hits: Iterable[Hit], skip: int = 0, base: str = "", *,
                   bom: bool = True, comment_row: bool = False) -> None:
    rows = (csv_row(hit, base) for index, hit in enumerate(hits) if index >= skip)
    write_csv(CSV_COLUMNS, rows, bom=bom, comment=header_comment(header) if comment_row else None)


def write_csv(columns, rows, *, bom: bool = True, comment: str | None = None) -> None:
    """Every CSV the CLI prints (exports.csv_chunks: BOM unless --no-bom, formula cells neutralised)."""
    for chunk in csv_chunks(columns, rows, bom=bom, comment=comment):
        sys.stdout.write(chunk)


def print_references(refs: list[Reference], fmt: str) -> None:
    """References as RIS ("ris"), BibTeX ("bib") or CSL-JSON ("csl-json")."""
    if fmt == "csl-json":
        click.echo(json.dumps(references.to_csl_json(refs), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(references.to_ris(refs).replace("\r\n", "\n") if fmt == "ris" else references.to_bibtex(refs))


def print_document(document: DocumentView, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(document.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{document.symbol}  {document.body}  {document.date or ''}")
    click.echo(document.title)
    details = [d for d in (
        document.document_type,
        f"session {document.session}" if document.session else "",
        document.committee or "",
        "agenda item" + ("s " if len(document.agenda_items) > 1 else " ") + ", ".join(document.agenda_items)
        if document.agenda_items else "",
        LANGUAGES.get(document.language, document.language) if document.language != "en" else "",
        document.meeting or "", document.vote or "",
    ) if d]
    if details:
        click.echo("; ".join(details))
    if document.tags:
        click.echo("Tags: " + ", ".join(document.tags))
    heading = None
    for paragraph in document.paragraphs:
        click.echo("")
        if paragraph.part == "annex" and paragraph.heading != heading:
            heading = paragraph.heading
            click.echo(f"== {heading}\n")
        elif paragraph.part == "footnote" and heading != "Footnotes":
            heading = "Footnotes"
            click.echo("== Footnotes\n")
        notes = f" [footnotes {', '.join(map(str, paragraph.footnotes))}]" if paragraph.footnotes else ""
        click.echo(f"[{paragraph.where}] {marks_to_terminal(paragraph.highlight)}{notes}")



def print_json(value) -> None:
    click.echo(json.dumps(value.to_json(), ensure_ascii=False, indent=2))


def print_timeline(timeline: Timeline, every_year: bool = False) -> None:
    """One line per year: paragraphs, mentions, a bar, and the split by body. A run of two or
    more years without a matching paragraph is one line ("2005-2008  no paragraphs (4 years)")
    unless `every_year`."""
    if not timeline.years:
        click.echo("No dated paragraphs match.")
        return
    most = max(y.paragraphs for y in timeline.years) or 1
    years = list(timeline.years)
    index = 0
    while index < len(years):
        year = years[index]
        run = index
        while not every_year and run < len(years) and years[run].paragraphs == 0:
            run += 1
        if run - index >= 2:
            click.echo(f"{year.year}-{years[run - 1].year}  no paragraphs ({run - index} years)")
            index = run
            continue
        index += 1
        bar = "#" * round(40 * year.paragraphs / most)
        if timeline.scale == "per1000":  # "General Assembly 12 (3.1 mentions per 1,000 of 3,870 paragraphs)"
            split = ", ".join(f"{body} {p} ({per_thousand(m, year.indexed.get(body, 0))} mentions per 1,000 of "
                              f"{year.indexed.get(body, 0):,} paragraphs)" for body, (p, m) in year.by_body.items())
        else:
            split = ", ".join(f"{body} {p}" for body, (p, _) in year.by_body.items())
        click.echo(f"{year.year}  {year.paragraphs:6d} paragraphs {year.mentions:6d} mentions  {bar}"
                   + (f"  ({split})" if split else ""))
    if timeline.undated_paragraphs:
        click.echo(f"undated: {timeline.undated_paragraphs} paragraphs")


def print_kwic(kwic: Kwic, available: int | None = None) -> None:
    """Keyword-aligned lines: the left context right-justified to the width. `available`: the
    lines there were before --limit cut them; when more than printed, a last line says so."""
    click.echo(f"{kwic.total_lines} occurrences in {kwic.paragraphs_read} paragraphs"
               + (" (the first paragraphs only: narrow the query for all)" if kwic.truncated else ""))
    for line in kwic.lines:
        where = f"{line.symbol} {line.anchor}"
        click.echo(f"{line.left:>{kwic.width + 1}} [{line.keyword}] {line.right:<{kwic.width + 1}}  {where}")
    if available is not None and available > len(kwic.lines):
        click.echo(kwic_stopped(len(kwic.lines), available))


def kwic_stopped(printed: int, available: int) -> str:
    """"Stopped after 100 of 234 lines; --limit 0 prints all." """
    return f"Stopped after {printed} of {available} lines; --limit 0 prints all."


def print_timeline_csv(timeline: Timeline, bom: bool = True, comment_row: bool = False) -> None:
    write_csv(timeline_csv_columns(timeline), timeline_csv_rows(timeline), bom=bom,
              comment=timeline_comment(timeline) if comment_row else None)


def print_kwic_csv(kwic: Kwic, bom: bool = True, comment_row: bool = False) -> None:
    write_csv(KWIC_CSV_COLUMNS, (kwic_csv_row(line) for line in kwic.lines), bom=bom,
              comment=kwic_comment(kwic) if comment_row else None)


def print_changes(changes: Changes) -> None:
    """Added, dropped and reworded paragraphs (the web page's words); inside a reworded one
    [-deleted-] and {+inserted+} words."""
    click.echo(f"{changes.newer_symbol} against {changes.older_symbol}: {len(changes.added)} added, "
               f"{len(changes.dropped)} dropped, {len(changes.changed)} reworded, {changes.unchanged} unchanged")
    for paragraph in changes.added:
        click.echo(f"\n+ added {paragraph.kind} {paragraph.number}: {paragraph.text}")
    for paragraph in changes.dropped:
        click.echo(f"\n- dropped {paragraph.kind} {paragraph.number}: {paragraph.text}")
    for changed in changes.changed:
        words = " ".join(f"[-{text}-]" if op == DELETE else f"{{+{text}+}}" if op == INSERT else text
                         for op, text in changed.diff)
        click.echo(f"\n~ reworded {changed.older.anchor} -> {changed.newer.anchor}: {words}")


def print_cited(cited: CitedSymbol) -> None:
    click.echo(f"{cited.symbol} is not in this index; cited by {len(cited.cited_by)}:")
    for citing in cited.cited_by:
        click.echo(f"  {citing['symbol']}  at {citing['anchor']}  {citing['title'] or ''}")


def print_links(symbol: str, links: DocumentLinks) -> None:
    click.echo(f"{symbol} cites {len(links.cites)}:")
    for citation in links.cites:
        click.echo(f"  {citation.symbol}{'' if citation.indexed else ' (not indexed)'}  at {citation.anchor}")
    click.echo(f"Cited by {len(links.cited_by)}:")
    for citing in links.cited_by:
        click.echo(f"  {citing['symbol']}  {citing['title'] or ''}")
    if links.series:
        click.echo(f"Series \"{links.series_title}\":")
        for member in links.series:
            click.echo(f"  {'*' if member['symbol'] == symbol else ' '} {member['symbol']}  {member['year'] or ''}")


def print_info(where: dict, index, record: dict | None) -> None:
    """`searchapp info`: version, settings file, index folder; then, when an index exists, its
    generation, build date (its format.json), documents, paragraphs and format."""
    click.echo(f"searchapp {where['version']}")
    click.echo(f"config:     {where['config'] or 'none found (built-in defaults, paths relative to here)'}")
    click.echo(f"data:       {where['data_dir']}")
    click.echo(f"index:      {where['index_dir']}")
    if index is None or record is None:
        return
    analysis = record["analysis"]
    click.echo(f"generation: {index.generation}")
    click.echo(f"built:      {index.built}")
    click.echo(f"documents:  {index.documents:,}")
    click.echo(f"paragraphs: {index.paragraphs:,}")
    click.echo(f"format:     version {record['format_version']}, analyser {analysis['analyser']}, "
               f"stemmer {analysis['stemmer_language']}, written by searchapp {record['searchapp_version']}")
