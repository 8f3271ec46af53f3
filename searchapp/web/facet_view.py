"""Result facets, active-filter chips and hit groups shaped for the templates.

Every facet value travels with its count, whether it is selected, and the URL that toggles it.
"""

from __future__ import annotations

from searchapp.search.request import SearchRequest
from searchapp.search.results import SearchResult
from searchapp.web.urls import toggle_url, without_years_url

FACET_LABELS = {"body": "Body", "year": "Year", "session": "Session", "paragraph_type": "Paragraph type",
                "tags": "Subject tag"}
PARAMETER = {"body": "body", "session": "session", "paragraph_type": "type", "tags": "tag"}
SHOWN_BEFORE_MORE = 10


def facet_views(result: SearchResult) -> list[dict]:
    request = result.request
    views = []
    for name, facet in result.facets.items():
        values = [{"value": v.value, "label": v.value, "count": v.count, "selected": v.selected,
                   "toggle_url": toggle_url(request, name, v.value)} for v in facet.values]
        views.append({"name": name, "label": FACET_LABELS[name], "parameter": PARAMETER.get(name),
                      "values": values, "truncated": facet.truncated,
                      "shown": SHOWN_BEFORE_MORE})
    return views


def year_bars(result: SearchResult) -> list[dict]:
    """Per-year counts in year order with bar heights (percent of the busiest year)."""
    facet = result.facets.get("year")
    if not facet or not facet.values:
        return []
    counts = {int(v.value): v for v in facet.values}
    top = max(v.count for v in facet.values) or 1
    bars = []
    for year in range(min(counts), max(counts) + 1):  # a continuous axis: empty years show as gaps
        value = counts.get(year)
        bars.append({"year": str(year), "count": value.count if value else 0,
                     "height": max(2, round(100 * value.count / top)) if value else 0,
                     "selected": bool(value and value.selected),
                     "toggle_url": toggle_url(result.request, "year", str(year))})
    return bars


def active_chips(request: SearchRequest) -> list[dict]:
    chips = []
    for facet, attribute in (("body", "bodies"), ("session", "sessions"), ("paragraph_type", "types"),
                             ("tags", "tags")):
        for value in getattr(request, attribute):
            chips.append({"label": f"{FACET_LABELS[facet]}: {value}",
                          "remove_url": toggle_url(request, facet, str(value))})
    if request.year_from is not None or request.year_to is not None:
        low = request.year_from if request.year_from is not None else "…"
        high = request.year_to if request.year_to is not None else "…"
        chips.append({"label": f"Year: {low}–{high}", "remove_url": without_years_url(request)})
    return chips


def grouped_hits(result: SearchResult) -> list[dict]:
    """Hits of the page grouped by resolution, in order of each resolution's first hit."""
    groups: dict[str, dict] = {}
    for hit in result.hits:
        group = groups.setdefault(hit.symbol, {"symbol": hit.symbol, "title": hit.title, "body": hit.body,
                                               "date": hit.date, "year": hit.year, "hits": []})
        group["hits"].append(hit)
    return list(groups.values())
