"""Every link that changes a search is built here from a SearchRequest: templates never glue
query strings (datasette's path_with_added_args / path_with_removed_args idea)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from urllib.parse import quote, quote_plus, urlencode

from searchapp.research.references import has_un_symbol, library_url, official_url  # noqa: F401 (templates)
from searchapp.search import filters as registry
from searchapp.search.request import SearchRequest, request_to_params


def search_url(request: SearchRequest, path: str = "/", *, keep_page: bool = False) -> str:
    params = request_to_params(request, keep_page=keep_page)
    return path + ("?" + "&".join(_encoded(name, value) for name, value in params) if params else "")


@lru_cache(maxsize=8192)
def _encoded(name: str, value: str) -> str:
    """One `name=value` exactly as urlencode writes it, remembered: a results page links every
    facet value with the whole search repeated in each link (~370 links, 25 ms of the page)."""
    return quote_plus(name) + "=" + quote_plus(value)


def with_scale(url: str, scale: str) -> str:
    """`url` showing the chart on `scale` ("count" is the default and left out): the chart's
    scale is a page parameter outside the SearchRequest, kept by every link of the search page."""
    if scale == "count":
        return url
    return url + ("&" if "?" in url else "?") + "scale=" + scale


def page_url(request: SearchRequest, page: int) -> str:
    return search_url(replace(request, page=page), keep_page=True)


def sort_url(request: SearchRequest, sort: str) -> str:
    return search_url(replace(request, sort=sort, page=1))


def with_query_url(request: SearchRequest, query: str) -> str:
    """The same search (filters, sort, page size) with another query, on page 1: a "Did you mean"
    correction is offered because it finds paragraphs with these filters."""
    return search_url(replace(request, query=query, page=1))


def toggle_url(request: SearchRequest, facet: str, value: str) -> str:
    """Add `value` to the facet's filter, or remove it when it is already there (page 1); the
    registry entry says what a click means (a year facet selects that one year)."""
    return toggle_urls(request, facet, [value])[0]


def toggle_urls(request: SearchRequest, facet: str, values: Iterable[str]) -> list[str]:
    """toggle_url for each of `values`: search_url(request.with_value(facet, toggled)), with the
    parameters before and after the facet's (registry order) encoded once. A results page links
    every year twice (bars and chart); a new SearchRequest per link was ~30 us of it."""
    entry = registry.named(facet)
    head: list[str] = [_encoded("q", request.query)] if request.query else []
    tail: list[str] = []
    part = head
    for other in registry.FILTERS:
        if other is entry:
            part = tail
            continue
        value = request.value(other.name)
        if value is not None:
            part.extend(_encoded(name, v) for name, v in other.to_params(value))
    if request.sort != "relevance":
        tail.append(_encoded("sort", request.sort))
    if request.per_page != 20:
        tail.append(_encoded("per_page", str(request.per_page)))
    current = request.value(facet)
    urls = []
    for value in values:
        toggled = entry.toggled(current, value)
        middle = [_encoded(name, v) for name, v in entry.to_params(toggled)] if toggled is not None else []
        parts = head + middle + tail
        urls.append("/?" + "&".join(parts) if parts else "/")
    return urls


def with_value_url(request: SearchRequest, name: str, value) -> str:
    """The search with filter `name` set to `value` (None: dropped), on page 1."""
    return search_url(request.with_value(name, value))


def clear_filters_url(request: SearchRequest) -> str:
    return search_url(SearchRequest(query=request.query, sort=request.sort, per_page=request.per_page))


def export_url(request: SearchRequest, fmt: str) -> str:
    return search_url(replace(request, page=1), f"/export.{fmt}")


def document_url(symbol: str, query: str = "", anchor: str = "") -> str:
    url = "/documents/" + quote(symbol, safe="/")
    if query:
        url += "?" + urlencode({"q": query})
    return url + (f"#{anchor}" if anchor else "")


def document_in_search_url(symbol: str, request: SearchRequest, anchor: str = "") -> str:
    """The document opened from a search: its URL carries the whole search (query, filters, sort,
    page), so the document page highlights the query and "Back to search" returns to that page."""
    return search_url(request, "/documents/" + quote(symbol, safe="/"), keep_page=True) + (
        f"#{anchor}" if anchor else "")


def back_to_search_url(request: SearchRequest) -> str:
    """The search a document page was opened from, on the same page."""
    return search_url(request, keep_page=True)


def kwic_url(request: SearchRequest, *, order: str = "document", width: int | None = None,
             page: int = 1, path: str = "/kwic", keep_per_page: bool = False) -> str:
    """The concordance of `request`'s query and filters (path "/kwic.csv" for its CSV); its own
    page size (100 lines) unless `keep_per_page` (the concordance's own paging links)."""
    url = search_url(replace(request, page=page, per_page=request.per_page if keep_per_page else 20), path,
                     keep_page=True)
    extra = [(k, str(v)) for k, v in (("order", order if order != "document" else None), ("width", width)) if v]
    if extra:
        url += ("&" if "?" in url else "?") + urlencode(extra)
    return url


def reference_url(symbol: str, suffix: str) -> str:
    """The document's reference for a reference manager: suffix "ris", "bib" or "csl.json"."""
    return "/documents/" + quote(symbol, safe="/") + "." + suffix


def changes_url(symbol: str, against: str | None = None) -> str:
    url = "/documents/" + quote(symbol, safe="/") + "/changes"
    return url + ("?" + urlencode({"against": against}) if against else "")


def cites_url(symbol: str) -> str:
    """Every paragraph that cites `symbol`."""
    return search_url(SearchRequest(cites=(symbol,)))


def history_url(symbol: str, anchor: str, *, drafts: bool = False) -> str:
    """The clause history of one paragraph through its series (its drafts too with `drafts`)."""
    path = "/documents/" + quote(symbol, safe="/") + "/history/" + quote(anchor, safe="")
    return path + ("?drafts=1" if drafts else "")


def similar_url(symbol: str, anchor: str) -> str:
    """The agreed-language finder for one paragraph."""
    return "/similar?" + urlencode({"paragraph": f"{symbol}#{anchor}"})
