"""The concordance page `/kwic?q=impunity&order=left` and its CSV, with the search's filters."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, render_template, request

from searchapp.exceptions import BadParameter, BadQuery
from searchapp.exports import KWIC_CSV_COLUMNS, export_filename, kwic_comment, kwic_csv_row
from searchapp.search.concordance import DEFAULT_WIDTH, KWIC_SORTS
from searchapp.search.request import SearchRequest, request_to_params
from searchapp.web import urls
from searchapp.web.context import search_request, service
from searchapp.web.csv_stream import csv_response
from searchapp.web.describe import quoted

blueprint = Blueprint("kwic", __name__)
KWIC_PAGE_SIZE = 100
ORDER_LABELS = {"document": "Hit order", "left": "Left context", "right": "Right context",
                "keyword": "Keyword form"}


def kwic_options() -> tuple[int, str]:
    """(width, order) from the URL; a bad width is a 400 like any bad parameter."""
    width = (request.args.getlist("width") or [str(DEFAULT_WIDTH)])[-1]
    order = (request.args.getlist("order") or ["document"])[-1]
    try:
        width_value = int(width)
    except ValueError:
        raise BadParameter(f"width must be a whole number of characters, not {width!r}") from None
    if order not in KWIC_SORTS:
        raise BadParameter(f"order must be one of {', '.join(KWIC_SORTS)}")
    return width_value, order


@blueprint.get("/kwic")
def kwic_page():
    try:
        search = search_request()
        width, order = kwic_options()
        if not search.query:
            return render_template("kwic.html", error=None, request=search, query="", kwic=None,
                                   width=width, order=order, orders=ORDER_LABELS, urls=urls,
                                   page_params=page_params(search, width, order))
        if "per_page" not in request.args:
            search = replace(search, per_page=KWIC_PAGE_SIZE)
        result = service().kwic(search, width=width, sort=order)
        search = result.request  # the filters as the index spells them
    except (BadQuery, BadParameter) as error:
        query = (request.args.getlist("q") or [""])[-1]
        return render_template("kwic.html", error=error.message, request=SearchRequest(), query=query,
                               quoted_query=quoted(query), kwic=None, width=DEFAULT_WIDTH, order="document",
                               orders=ORDER_LABELS, urls=urls, page_params=[]), 400
    pages = max(1, -(-result.total_lines // search.per_page))
    return render_template("kwic.html", error=None, request=search, query=search.query, kwic=result,
                           quoted_query=quoted(search.query), hits_request=replace(search, page=1, per_page=20),
                           keyword_width=keyword_width(result.lines),
                           width=width, order=order, orders=ORDER_LABELS, urls=urls, pages=pages,
                           page_params=page_params(search, width, order))


def page_params(search: SearchRequest, width: int, order: str) -> list[tuple[str, str]]:
    """The concordance page's parameters as its URL holds them: the search's query, filters and
    sort; its page size unless the concordance's own 100; the order and the context width unless
    the defaults. Each form of the page carries those it does not set (the options form keeps
    `per_page=5`, the search box keeps `order=left`)."""
    params = [(name, value) for name, value in request_to_params(search) if name != "per_page"]
    if search.per_page != KWIC_PAGE_SIZE:
        params.append(("per_page", str(search.per_page)))
    if order != "document":
        params.append(("order", order))
    if width != DEFAULT_WIDTH:
        params.append(("width", str(width)))
    return params


def keyword_width(lines) -> str:
    """The keyword column's CSS class from the page's longest keyword ("impunity": kw-s; a phrase
    such as "human rights defenders": kw-l), so left and right contexts share what remains."""
    longest = max((len(line.keyword) for line in lines), default=0)
    return "kw-s" if longest <= 12 else "kw-m" if longest <= 20 else "kw-l"


@blueprint.get("/kwic.csv")
def kwic_csv():
    width, order = kwic_options()
    result = service().kwic_lines(search_request(), width=width, sort=order)
    assert result.header is not None
    return csv_response(KWIC_CSV_COLUMNS, (kwic_csv_row(line) for line in result.lines),
                        export_filename(result.header, "csv", "kwic"), comment=kwic_comment(result))
