"""What a researcher asks for: query text, filters, sort and page, validated in one place.

The CLI builds a SearchRequest from its options; the web and API build one from URL parameters
with `request_from_params`, and turn one back into URL parameters with `request_to_params`, so the
URL is the whole state of a search page. Which filters exist, and how each is given, parsed and
checked, is the registry's business (search/filters.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from searchapp.config import Limits
from searchapp.exceptions import BadParameter
from searchapp.search import filters as registry
from searchapp.search.filter_base import as_whole_number

SORTS = ("relevance", "newest", "oldest", "document")
SINGLE_PARAMS = ("q", "sort", "page", "per_page")


def known_params() -> frozenset[str]:
    """Every URL parameter a search page reads (the registry's and q, sort, page, per_page)."""
    return frozenset(SINGLE_PARAMS) | {p.url for f in registry.FILTERS for p in f.parameters}


@dataclass(frozen=True, init=False)
class SearchRequest:
    """Query text, active filters, sort and page.

    `filters` holds (filter name, value) for each filter in use, in registry order (see
    search/filters.py for the values). Each filter's keyword is accepted by the constructor and
    readable as an attribute: `SearchRequest(bodies=("General Assembly",), year_from=2000)`,
    `request.bodies`, `request.year_to`; `dataclasses.replace(request, bodies=())` works too.
    """

    query: str
    filters: tuple[tuple[str, Any], ...]
    sort: str
    page: int
    per_page: int

    def __init__(self, query: str = "", filters: Iterable[tuple[str, Any]] = (), sort: str = "relevance",
                 page: int = 1, per_page: int = 20, **keywords: Any):
        values = dict(filters)
        for entry in registry.FILTERS:
            if not keywords:  # every request copied by `replace`, and most built: no loop over them all
                break
            given = {k: keywords.pop(k) for k in entry.keywords if k in keywords}
            if given:
                values[entry.name] = entry.from_keywords(given, values.get(entry.name))
        if keywords:
            raise TypeError(f"SearchRequest() got unknown filter keywords: {', '.join(sorted(keywords))}")
        active = tuple((f.name, values[f.name]) for f in registry.FILTERS
                       if values.get(f.name) is not None) if values else ()
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "filters", active)
        object.__setattr__(self, "sort", sort)
        object.__setattr__(self, "page", page)
        object.__setattr__(self, "per_page", per_page)

    def __getattr__(self, name: str) -> Any:
        """A filter keyword read as an attribute: `request.bodies`, `request.year_from`."""
        if name.startswith("_") or name == "filters":
            raise AttributeError(name)
        for entry in registry.FILTERS:
            if name in entry.keywords:
                return entry.keyword_value(self.value(entry.name), name)
        raise AttributeError(f"SearchRequest has no attribute {name!r}")

    def value(self, name: str) -> Any:
        """The value of filter `name`, or None when it is not in use."""
        for key, value in self.filters:
            if key == name:
                return value
        return None

    def with_value(self, name: str, value: Any) -> SearchRequest:
        """The same request with filter `name` set to `value` (None: not in use), on page 1."""
        changed = dict(self.filters)
        changed[name] = value
        return SearchRequest(self.query, tuple(changed.items()), self.sort, 1, self.per_page)

    def with_page(self, page: int) -> SearchRequest:
        return replace(self, page=page)

    @property
    def has_filters(self) -> bool:
        return bool(self.filters)


def validate(request: SearchRequest, limits: Limits) -> SearchRequest:
    """Check ranges and choices; raise BadParameter naming the valid choices."""
    if len(request.query) > limits.max_query_length:
        raise BadParameter(
            f"the query is {len(request.query)} characters long; the limit is {limits.max_query_length}"
        )
    if request.sort not in SORTS:
        raise BadParameter(f"unknown sort {request.sort!r}; choose one of: {', '.join(SORTS)}")
    if not 1 <= request.page <= limits.max_page:
        raise BadParameter(f"page must be between 1 and {limits.max_page}, not {request.page}")
    if not 1 <= request.per_page <= limits.max_per_page:
        raise BadParameter(
            f"per_page must be between 1 and {limits.max_per_page}, not {request.per_page}"
        )
    for name, value in request.filters:
        registry.named(name).validate(value)
    return request


def request_from_params(get_list: Callable[[str], list[str]], limits: Limits) -> SearchRequest:
    """Build a request from URL-style parameters; `get_list(name)` returns every value given.

    Unknown parameters are ignored; for single-valued ones the last value wins; empty values mean
    "not set" (an empty year box in a form).
    """

    def single(name: str) -> str | None:
        values = [v for v in get_list(name) if v.strip() != ""]
        return values[-1] if values else None

    keywords: dict[str, Any] = {}
    for entry in registry.FILTERS:
        keywords.update(entry.parse(get_list))
    page, per_page = single("page"), single("per_page")
    request = SearchRequest(
        query=(get_list("q") or [""])[-1].strip(),
        sort=single("sort") or "relevance",
        page=as_whole_number("page", page) if page else 1,
        per_page=as_whole_number("per_page", per_page) if per_page else 20,
        **keywords,
    )
    return validate(request, limits)


def request_to_params(request: SearchRequest, *, keep_page: bool = False) -> list[tuple[str, str]]:
    """The URL parameters that reproduce `request` (defaults left out, page only if asked)."""
    params: list[tuple[str, str]] = []
    if request.query:
        params.append(("q", request.query))
    for name, value in request.filters:
        params.extend(registry.named(name).to_params(value))
    if request.sort != "relevance":
        params.append(("sort", request.sort))
    if request.per_page != 20:
        params.append(("per_page", str(request.per_page)))
    if keep_page and request.page != 1:
        params.append(("page", str(request.page)))
    return params


def unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
