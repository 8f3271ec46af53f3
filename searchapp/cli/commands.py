"""The `searchapp` commands (index, search, show, cite, timeline, kwic, diff, cites, similar, history,
info, serve), each a click command in COMMANDS: searchapp/cli/__init__.py's group imports this module
when a command is run or its --help is asked for, not for `searchapp --help` or `--version`.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import click

from searchapp.cli.index_command import common_options, index
from searchapp.cli.output import (
    kwic_stopped,
    print_changes,
    print_cited,
    print_document,
    print_hits_csv,
    print_info,
    print_json,
    print_kwic,
    print_kwic_csv,
    print_links,
    print_references,
    print_result_json,
    print_result_text,
    print_timeline,
    print_timeline_csv,
)
from searchapp.cli.research_output import print_history, print_similar
from searchapp.config import Settings
from searchapp.exceptions import DocumentNotFound, IndexMissing, SearchAppError
from searchapp.exports import document_references, reference_of
from searchapp.search import filters
from searchapp.search.concordance import DEFAULT_WIDTH, KWIC_SORTS
from searchapp.search.request import SORTS, SearchRequest
from searchapp.search.results import TIMELINE_SCALES
from searchapp.search.service import SearchService

REFERENCE_FORMATS = ("ris", "bib", "csl-json")


def search_options(command=None, *, sort_help: str = "Order of the matching paragraphs."):
    """One option per parameter of every registered filter (search/filters.py), then --sort;
    the command receives them as SearchRequest keywords. `@search_options(sort_help=...)` says
    what --sort orders in that command."""
    if command is None:
        return functools.partial(search_options, sort_help=sort_help)
    command = click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
                           help=sort_help)(command)
    return filter_options(command)


def filter_options(command):
    """One option per parameter of every registered filter (search/filters.py), passed to the
    command as SearchRequest keywords."""
    options = [
        click.option(parameter.option, parameter.keyword, multiple=parameter.repeatable,
                     type=int if parameter.number else str, help=parameter.help)
        for entry in filters.FILTERS for parameter in entry.parameters
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command(help='Search paragraphs. QUERY: words in their inflected forms (ANDed), OR, NOT, "phrases", '
             'defend*, exact:defenders (this form only), family:account (the word family), title:WORD, '
             + "/".join(f"{name}:" for name in filters.query_fields())
             + " fields.")
@click.argument("query")
@search_options
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=20, show_default=True)
@click.option("--all", "all_hits", is_flag=True, help="List every hit (no paging).")
@click.option("--bom/--no-bom", default=True, show_default=True,
              help="CSV: start with a UTF-8 byte-order mark (Excel then reads accents right).")
@click.option("--comment-row", is_flag=True,
              help="CSV: a first row describing the export (query, filters, sort, totals, index).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", *REFERENCE_FORMATS]), default="text",
              show_default=True, help="ris, bib, csl-json: one reference per matching document (every page).")
@common_options
def search(settings: Settings, query, sort, page, per_page, all_hits, bom, comment_row, fmt, **filter_options):
    request = SearchRequest(query=query, sort=sort, page=page, per_page=per_page, **filter_options)
    service = SearchService(settings)
    if fmt == "csv":
        header, rows = service.export(request, limit=None if all_hits else page * per_page)
        print_hits_csv(header, rows, skip=0 if all_hits else (page - 1) * per_page, base=settings.public_url,
                       bom=bom, comment_row=comment_row)
        return
    if fmt in REFERENCE_FORMATS:
        every = service.iter_hits(request, with_highlight=False, refuse_over=settings.limits.max_export)
        print_references(document_references(every, settings.public_url), fmt)
        return
    result = service.search(request)
    hits = list(service.iter_hits(request)) if all_hits else None
    if fmt == "json":
        print_result_json(result, hits)
    else:
        print_result_text(result, hits)


@click.command()
@click.argument("symbol")
@click.option("--query", "-q", default="", help="Highlight these query words.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def show(settings: Settings, symbol, query, fmt):
    """Print one resolution (e.g. A/RES/64/163) with all its paragraphs."""
    print_document(SearchService(settings).document(symbol, query), fmt)


@click.command()
@click.argument("symbol")
@click.option("--format", "fmt", type=click.Choice(list(REFERENCE_FORMATS)), default="ris", show_default=True)
@common_options
def cite(settings: Settings, symbol, fmt):
    """A reference of SYMBOL for a reference manager (RIS, BibTeX or CSL-JSON), with its official
    link (undocs.org)."""
    print_references([reference_of(SearchService(settings).document(symbol), settings.public_url)], fmt)


@click.command()
@click.argument("query")
@search_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--bom/--no-bom", default=True, show_default=True, help="CSV: start with a UTF-8 byte-order mark.")
@click.option("--comment-row", is_flag=True,
              help="CSV: a first row describing the export (query, filters, totals, index).")
@click.option("--scale", type=click.Choice(TIMELINE_SCALES), default="count", show_default=True,
              help="per1000: also mentions and paragraphs per 1,000 indexed paragraphs of each year and body "
                   "(within the filters).")
@click.option("--every-year", is_flag=True,
              help="Text: a line for every year (default: a run of years without paragraphs is one line).")
@common_options
def timeline(settings: Settings, query, fmt, bom, comment_row, scale, every_year, **filter_options):
    """Paragraphs and mentions of QUERY per year, split by body."""
    result = SearchService(settings).timeline(SearchRequest(query=query, **filter_options), scale)
    if fmt == "csv":
        print_timeline_csv(result, bom=bom, comment_row=comment_row)
    else:
        print_json(result) if fmt == "json" else print_timeline(result, every_year=every_year)


@click.command()
@click.argument("query")
@search_options(sort_help="Which paragraphs are read first, and the order of the lines with --order document.")
@click.option("--width", type=int, default=DEFAULT_WIDTH, show_default=True, help="Characters of context each side.")
@click.option("--order", type=click.Choice(KWIC_SORTS), default="document", show_default=True,
              help="document: the lines in the paragraphs' --sort order; left, right, keyword: "
                   "alphabetical by the words before (read backwards) or after the keyword, or the keyword.")
@click.option("--limit", type=int, default=100, show_default=True, help="Lines to print (0: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--bom/--no-bom", default=True, show_default=True, help="CSV: start with a UTF-8 byte-order mark.")
@click.option("--comment-row", is_flag=True,
              help="CSV: a first row describing the export (query, filters, totals, lines, index).")
@common_options
def kwic(settings: Settings, query, width, order, limit, fmt, bom, comment_row, **filter_options):
    """Concordance: every occurrence of QUERY's words with left and right context."""
    result = SearchService(settings).kwic_lines(SearchRequest(query=query, **filter_options), width=width, sort=order)
    available = len(result.lines)
    if limit:
        result = replace(result, lines=result.lines[:limit])
    if fmt == "text":
        print_kwic(result, available)
        return
    print_kwic_csv(result, bom=bom, comment_row=comment_row) if fmt == "csv" else print_json(result)
    if available > len(result.lines):  # the file stays clean; the note goes to the terminal
        click.echo(kwic_stopped(len(result.lines), available), err=True)


@click.command()
@click.argument("symbol")
@click.argument("other", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def diff(settings: Settings, symbol, other, fmt):
    """What changed in SYMBOL against OTHER (default: the previous text of its series)."""
    result = SearchService(settings).changes(symbol, other)
    print_json(result) if fmt == "json" else print_changes(result)


@click.command()
@click.argument("symbol")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def cites(settings: Settings, symbol, fmt):
    """What SYMBOL cites, what cites it, and its series; for a symbol not in the index, the
    indexed texts that cite it."""
    service = SearchService(settings)
    try:
        page = service.document_page(symbol)
    except DocumentNotFound:
        cited = service.cited_symbol(symbol)  # still DocumentNotFound (exit 1) when nothing cites it
        print_json(cited) if fmt == "json" else print_cited(cited)
        return
    print_json(page.links) if fmt == "json" else print_links(page.document.symbol, page.links)


@click.command()
@click.argument("text", required=False, default="")
@click.option("--paragraph", "-p", default="", metavar="SYMBOL#ANCHOR",
              help="Look for wording like this paragraph (e.g. A/RES/78/216#op5) instead of TEXT.")
@click.option("--earlier", is_flag=True, help="With --paragraph: only documents adopted before its document.")
@click.option("--limit", type=int, default=10, show_default=True, help="Paragraphs to list (1-100).")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def similar(settings: Settings, text, paragraph, earlier, limit, fmt, **filter_options):
    """Agreed language: the paragraphs of other documents worded most like TEXT (or like
    --paragraph SYMBOL#ANCHOR), each with its word differences; filters as for search."""
    result = SearchService(settings).similar(SearchRequest(**filter_options), text=text, paragraph=paragraph,
                                             earlier=earlier, limit=limit)
    print_json(result) if fmt == "json" else print_similar(result)


@click.command()
@click.argument("symbol")
@click.argument("anchor")
@click.option("--drafts", is_flag=True, help="Follow the clause through the series' drafts too (left out by default).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def history(settings: Settings, symbol, anchor, drafts, fmt):
    """One paragraph (SYMBOL ANCHOR, e.g. A/RES/78/216 op5) through every text of its series:
    each version, the words added and dropped at each step, the years it was absent."""
    result = SearchService(settings).clause_history(symbol, anchor.lstrip("#"), drafts=drafts)
    print_json(result) if fmt == "json" else print_history(result)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def info(settings: Settings, fmt):
    """Which settings file and index are used: the index's build date, documents, paragraphs, format."""
    from searchapp import __version__

    where = {"version": __version__, "config": str(settings.config_file) if settings.config_file else None,
             "index_dir": str(settings.index_dir), "data_dir": str(settings.data_dir)}
    try:
        index, record = SearchService(settings).about()
    except SearchAppError as exc:  # no index yet: still say where it was looked for
        print_json({**where, "index": None}) if fmt == "json" else print_info(where, None, None)
        raise exc
    if fmt == "json":
        print_json({**where, "index": {**index.to_json(), "format": record}})
    else:
        print_info(where, index, record)


@click.command()
@click.option("--host", help="Address to listen on (default from config.toml: 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default from config.toml).")
@click.option("--public", is_flag=True, help="Allow listening on an address other than loopback.")
@click.option("--workers", type=click.IntRange(0, 256),
              help="Server processes (default from config.toml: 0, one per core).")
@common_options
def serve(settings: Settings, host, port, public, workers):
    """Serve the web UI and JSON API with a production WSGI server: gunicorn with a process per
    core on Linux, waitress where gunicorn cannot run."""
    from searchapp.web.server import describe
    from searchapp.web.server import serve as run_server

    host = host or settings.host
    if not public and host not in ("127.0.0.1", "localhost", "::1"):
        raise SearchAppError(
            f"refusing to listen on {host}: only loopback is allowed without --public"
        )
    port = port or settings.port
    message = (f"Serving searchapp on http://{host}:{port}/ (index: {settings.index_dir}; "
               f"{describe(settings, workers)})")

    def ready() -> None:
        click.echo(message, err=True)
        missing = _no_index(settings)
        if missing:
            click.echo(f"warning: {missing}. Until then every page and API call answers 503; the "
                       "server picks the index up without a restart.", err=True)
    run_server(settings, host, port, workers, ready=ready)


def _no_index(settings: Settings) -> str:
    """Why there is no index to serve yet ("" when its generation is there): the pointer only,
    read without opening the index (a server's parent must not hold its workers' open files)."""
    from searchapp.engine.generations import current_generation

    try:
        found = current_generation(settings.index_dir)
    except IndexMissing as exc:
        return exc.message
    return "" if found is not None else f"no index at {settings.index_dir} yet: build one with `searchapp index`"


COMMANDS = {command.name: command for command in (index, search, show, cite, timeline, kwic, diff, cites, similar,
                                                 history, info, serve)}
