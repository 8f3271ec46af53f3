"""How the CLI prints results: text for reading, JSON (the API's shape) and CSV for tools."""

from __future__ import annotations

import csv
import json
import re
import sys
from html import unescape
from typing import Iterable

import click

from .results import DocumentView, Hit, SearchResult

CSV_COLUMNS = ("symbol", "body", "year", "session", "paragraph_type", "paragraph_number",
               "mentions", "text")
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
        f"{result.total} paragraphs in {result.documents} resolutions, {result.mentions} mentions"
        + ("" if hits is not None else f" (page {request.page} of {result.pages})")
    )
    for name, facet in result.facets.items():
        values = ", ".join(f"{v.value} ({v.count})" for v in facet.values[:8])
        if values:
            click.echo(f"  {name}: {values}{' ...' if len(facet.values) > 8 else ''}")
    for hit in shown:
        click.echo("")
        click.echo(f"{hit.symbol} ({hit.date or hit.year or 'undated'}) {hit.body}: {hit.title}")
        click.echo(f"  {hit.paragraph_type} {hit.paragraph_number}: {marks_to_terminal(hit.highlight)}")
    if not shown:
        click.echo("No paragraphs match. Try fewer words, drop a filter, or remove quotes.")


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


def csv_row(hit: Hit) -> list:
    return [hit.symbol, hit.body, hit.year or "", hit.session or "", hit.paragraph_type,
            hit.paragraph_number, hit.mentions, hit.text]


def print_hits_csv(hits: Iterable[Hit], skip: int = 0) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for index, hit in enumerate(hits):
        if index >= skip:
            writer.writerow(csv_row(hit))


def print_document(document: DocumentView, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(document.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{document.symbol}  {document.body}  {document.date or ''}")
    click.echo(document.title)
    details = [d for d in (
        f"session {document.session}" if document.session else "",
        document.meeting or "", document.vote or "",
    ) if d]
    if details:
        click.echo("; ".join(details))
    if document.tags:
        click.echo("Tags: " + ", ".join(document.tags))
    for paragraph in document.paragraphs:
        click.echo("")
        click.echo(f"[{paragraph.kind} {paragraph.number}] {marks_to_terminal(paragraph.highlight)}")
