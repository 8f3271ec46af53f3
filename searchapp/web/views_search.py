"""The search page: `/?q=impunity&body=General+Assembly` (the URL is the whole state)."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, redirect, render_template, request

from searchapp.exceptions import BadParameter, BadQuery
from searchapp.search.filter_kinds import FIRST_YEAR, LAST_YEAR
from searchapp.search.request import SORTS, SearchRequest
from searchapp.web import urls
from searchapp.web.context import public_base, search_request, service, timeline_scale
from searchapp.web.describe import conditions, describe, quoted
from searchapp.web.facet_view import (
    active_chips,
    bars_html,
    facet_views,
    grouped_hits,
    hidden_params,
    year_bars,
)
from searchapp.web.timeline_view import timeline_chart

blueprint = Blueprint("search", __name__)
_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first",
           "document": "Document order"}
SORT_LABELS = {sort: _LABELS.get(sort, sort) for sort in SORTS}


@blueprint.get("/")
def search_page():
    try:
        search = search_request()
        if search == SearchRequest(per_page=search.per_page):
            # The empty query: what the index holds, not every paragraph "by relevance".
            return render_template("landing.html", overview=service().overview(), urls=urls, query="",
                                   request=None, error=None)
        if search.query and not search.has_filters and (symbol := service().lookup(search.query)):
            # "64/163", "res 2004/68", "E/CN.4/RES/2004/68": straight to the document.
            return redirect(urls.document_url(symbol))
        result, timeline = service().search_with_timeline(search, timeline_scale())
        search = result.request  # the filters as the index spells them ("GA" -> "General Assembly")
        bars = year_bars(result, timeline.scale)
    except (BadQuery, BadParameter) as error:
        # The problem is shown next to the search box, with the query kept for correcting and the
        # filters, sort and page kept in the form (a bad filter value itself cannot be kept).
        query = (request.args.getlist("q") or [""])[-1]
        kept = kept_search()
        return render_template("search.html", error=error.message, request=kept, query=query, result=None,
                               chips=active_chips(kept, timeline_scale()), keep_page=True, sorts=SORT_LABELS,
                               urls=urls, carried=chart_params(timeline_scale()),
                               scaled=partial(urls.with_scale, scale=timeline_scale())), 400
    return render_template(
        "search.html", error=None, request=search, query=search.query, result=result,
        facets=facet_views(result), bars=bars, bars_html=bars_html(bars), chips=active_chips(search, timeline.scale),
        groups=grouped_hits(result), description=describe(search), sorts=SORT_LABELS, urls=urls,
        quoted_query=quoted(search.query) if search.query else "", conditions=conditions(search),
        hidden=hidden_params(search), carried=chart_params(timeline.scale),
        scaled=partial(urls.with_scale, scale=timeline.scale),
        year_limits=(FIRST_YEAR, LAST_YEAR),
        chart=timeline_chart(timeline, search, _measure(search)),
        pages=_page_numbers(search.page, result.pages),
        permalink=public_base() + urls.search_url(search),
    )


def chart_params(scale: str) -> list[tuple[str, str]]:
    """The page's parameters outside the SearchRequest (the chart's scale, "count" left out), which
    every form of the page carries as hidden fields: changing the sort, the filters or the query
    keeps the chart per 1,000 paragraphs."""
    return [("scale", scale)] if scale != "count" else []


def kept_search() -> SearchRequest:
    """The URL's filters, sort and page when they are valid (the query being the problem), else none."""
    try:
        return search_request()
    except BadParameter:
        return SearchRequest()


def _measure(search: SearchRequest) -> str:
    """The chart counts mentions of the query's words; with no query, paragraphs."""
    return "mentions" if search.query else "paragraphs"


def _page_numbers(page: int, pages: int) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: None marks a gap."""
    wanted = {1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)}
    out: list[int | None] = []
    for number in sorted(wanted):
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out

