"""What a researcher asks for: query text, filters, sort and page, validated in one place.

The CLI builds a SearchRequest from its options; the web and API build one from URL parameters
with `request_from_params`, and turn one back into URL parameters with `request_to_params`, so the
URL is the whole state of a search page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable

from searchapp.config import Limits
from searchapp.exceptions import BadParameter
from searchapp.models import PARAGRAPH_KINDS

SORTS = ("relevance", "newest", "oldest", "document")
FACET_NAMES = ("body", "year", "session", "paragraph_type", "tags")
# URL / CLI parameter name -> SearchRequest attribute, for the multi-valued filters.
MULTI_PARAMS = {"body": "bodies", "session": "sessions", "type": "types", "tag": "tags", "cites": "cites"}
SINGLE_PARAMS = ("q", "year_from", "year_to", "sort", "page", "per_page")
KNOWN_PARAMS = frozenset(MULTI_PARAMS) | frozenset(SINGLE_PARAMS)


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    bodies: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sessions: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()  # paragraphs citing any of these symbols
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    def with_page(self, page: int) -> "SearchRequest":
        return replace(self, page=page)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.bodies or self.sessions or self.types or self.tags or self.cites
            or self.year_from is not None or self.year_to is not None
        )


def validate(request: SearchRequest, limits: Limits) -> SearchRequest:
    """Check ranges and choices; raise BadParameter naming the valid choices."""
    if len(request.query) > limits.max_query_length:
        raise BadParameter(
            f"the query is {len(request.query)} characters long; the limit is {limits.max_query_length}"
        )
    if request.sort not in SORTS:
        raise BadParameter(f"unknown sort {request.sort!r}; choose one of: {', '.join(SORTS)}")
    for kind in request.types:
        if kind not in PARAGRAPH_KINDS:
            raise BadParameter(
                f"unknown paragraph type {kind!r}; choose one of: {', '.join(PARAGRAPH_KINDS)}"
            )
    if not 1 <= request.page <= limits.max_page:
        raise BadParameter(f"page must be between 1 and {limits.max_page}, not {request.page}")
    if not 1 <= request.per_page <= limits.max_per_page:
        raise BadParameter(
            f"per_page must be between 1 and {limits.max_per_page}, not {request.per_page}"
        )
    for name in ("year_from", "year_to"):
        year = getattr(request, name)
        if year is not None and not 1900 <= year <= 2100:
            raise BadParameter(f"{name} must be a year between 1900 and 2100, not {year}")
    if request.year_from is not None and request.year_to is not None and request.year_from > request.year_to:
        raise BadParameter(
            f"year_from ({request.year_from}) is after year_to ({request.year_to})"
        )
    return request


def _as_int(name: str, raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        raise BadParameter(f"{name} must be a whole number, not {raw!r}") from None


def request_from_params(get_list: Callable[[str], list[str]], limits: Limits) -> SearchRequest:
    """Build a request from URL-style parameters; `get_list(name)` returns every value given.

    Unknown parameters are ignored; for single-valued ones the last value wins; empty values mean
    "not set" (an empty year box in a form).
    """

    def single(name: str) -> str | None:
        values = [v for v in get_list(name) if v.strip() != ""]
        return values[-1] if values else None

    def multi(name: str) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for value in get_list(name):
            if value.strip():
                seen.setdefault(value.strip(), None)
        return tuple(seen)

    year_from, year_to = single("year_from"), single("year_to")
    page, per_page = single("page"), single("per_page")
    request = SearchRequest(
        query=(get_list("q") or [""])[-1].strip(),
        bodies=multi("body"),
        year_from=_as_int("year_from", year_from) if year_from else None,
        year_to=_as_int("year_to", year_to) if year_to else None,
        sessions=tuple(_as_int("session", s) for s in multi("session")),
        types=multi("type"),
        tags=multi("tag"),
        cites=multi("cites"),
        sort=single("sort") or "relevance",
        page=_as_int("page", page) if page else 1,
        per_page=_as_int("per_page", per_page) if per_page else 20,
    )
    return validate(request, limits)


def request_to_params(request: SearchRequest, *, keep_page: bool = False) -> list[tuple[str, str]]:
    """The URL parameters that reproduce `request` (defaults left out, page only if asked)."""
    params: list[tuple[str, str]] = []
    if request.query:
        params.append(("q", request.query))
    for name, attr in MULTI_PARAMS.items():
        params.extend((name, str(v)) for v in getattr(request, attr))
    if request.year_from is not None:
        params.append(("year_from", str(request.year_from)))
    if request.year_to is not None:
        params.append(("year_to", str(request.year_to)))
    if request.sort != "relevance":
        params.append(("sort", request.sort))
    if request.per_page != 20:
        params.append(("per_page", str(request.per_page)))
    if keep_page and request.page != 1:
        params.append(("page", str(request.page)))
    return params


def unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
