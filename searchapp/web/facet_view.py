"""Result facets, active-filter chips and hit groups shaped for the templates, from the registry.

Every facet value travels with its count and whether it is selected (the filter form toggles it);
every year of the bars with the URL that selects it.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup, escape

from searchapp.search import filters as registry
from searchapp.search.request import SearchRequest
from searchapp.search.results import SearchResult
from searchapp.web.urls import toggle_urls, with_scale, with_value_url

SHOWN_BEFORE_MORE = 10


def facet_views(result: SearchResult) -> list[dict]:
    views = []
    for name, facet in result.facets.items():
        entry = registry.named(name)
        # No link per value: the form's checkboxes toggle them (a URL per value was ~330 a page).
        values = [{"value": v.value, "label": v.shown, "count": v.count, "selected": v.selected}
                  for v in facet.values]
        views.append({"name": name, "label": entry.label, "parameter": entry.parameters[0].url,
                      "control": entry.control, "values": values, "truncated": facet.truncated,
                      "coverage": coverage_note(facet.documents_covered, entry.label),
                      "shown": SHOWN_BEFORE_MORE,
                      "items": facet_items(entry.parameters[0].url, values, SHOWN_BEFORE_MORE)})
    return views


def facet_items(parameter: str, values: list[dict], shown: int) -> Markup:
    """The <li> of each facet value, written here rather than in a template loop: a page of
    `human rights` on the shared corpus lists 621 values, and Jinja's loop (a dict lookup that
    first tries an attribute, an escape per field) took ~6 of its 17 ms of CPU. The markup is
    the same the loop wrote (tests/test_web_facet_items.py)."""
    name = _escaped(parameter)
    return Markup("".join(
        f'\n          <li class="{"more" if i > shown and not v["selected"] else ""}">'
        f'\n            <label><input type="checkbox" name="{name}" value="{_escaped(v["value"])}" '
        f'{"checked" if v["selected"] else ""}>'
        f'\n              <span class="value">{_escaped(v["label"])}</span> <span class="count">{v["count"]:,}</span>'
        f'</label>\n          </li>\n        '
        for i, v in enumerate(values, 1)))


@lru_cache(maxsize=16_384)
def _escaped(text: str) -> str:
    """HTML-escaped facet value or label, remembered: the same few hundred values recur on every
    page, and markupsafe's escape (a Markup object each) was 1 us apiece, 1.2 ms of a page."""
    return str(escape(text))


def coverage_note(covered: tuple[int, int] | None, label: str) -> str | None:
    """"Subject tags on 12 of 95 documents in these results" (None for facets every document has)."""
    if covered is None:
        return None
    with_values, documents = covered
    return f"{label}s on {with_values:,} of {documents:,} documents in these results"


def hidden_params(request: SearchRequest) -> list[tuple[str, str]]:
    """The URL parameters of active filters the filter form has no control for (cites, symbol):
    hidden fields, so "Apply filters" keeps them."""
    params: list[tuple[str, str]] = []
    for name, value in request.filters:
        entry = registry.named(name)
        if entry.control == "hidden" or not entry.facet:
            params.extend(entry.to_params(value))
    return params


def year_bars(result: SearchResult, scale: str = "count") -> list[dict]:
    """Per-year counts in year order with bar heights (percent of the busiest year); each bar's
    link keeps the chart's `scale`."""
    facet = result.facets.get("year")
    if not facet or not facet.values:
        return []
    counts = {int(v.value): v for v in facet.values}
    top = max(v.count for v in facet.values) or 1
    years = range(min(counts), max(counts) + 1)  # a continuous axis: empty years show as gaps
    bars = []
    for year, url in zip(years, toggle_urls(result.request, "year", [str(year) for year in years])):
        value = counts.get(year)
        bars.append({"year": str(year), "count": value.count if value else 0,
                     "height": max(2, round(100 * value.count / top)) if value and value.count else 0,
                     "selected": bool(value and value.selected), "toggle_url": with_scale(url, scale)})
    return bars


def bars_html(bars: list[dict]) -> Markup:
    """The year bars' <a><rect> for each year with hits, written here rather than in a template
    loop (eight escaped fields a year; tests/test_web_facet_items.py holds the loop it replaced)."""
    out = []
    for index, bar in enumerate(bars):
        if not bar["count"]:
            continue
        year, count, height = escape(bar["year"]), escape(bar["count"]), bar["height"]
        selected = bar["selected"]
        out.append(f'<a href="{escape(bar["toggle_url"])}" class="year-bar" data-year="{year}" '
                   f'aria-label="{year}: {count} paragraphs{" (selected)" if selected else ""}">'
                   f'<rect class="bar{" selected" if selected else ""}" x="{escape(index + 0.08)}" '
                   f'y="{escape(100 - height)}" width="0.84" height="{escape(height)}">'
                   f'<title>{year}: {count} paragraphs</title></rect></a>')
    return Markup("".join(out))


def active_chips(request: SearchRequest, scale: str = "count") -> list[dict]:
    """One removable chip per chosen value of every active filter, in registry order; removing
    one keeps the chart's `scale`."""
    chips = []
    for name, value in request.filters:
        for label, without in registry.named(name).chips(value):
            chips.append({"label": label, "remove_url": with_scale(with_value_url(request, name, without), scale)})
    return chips


def grouped_hits(result: SearchResult) -> list[dict]:
    """Hits of the page grouped by resolution, in order of each resolution's first hit."""
    groups: dict[str, dict] = {}
    for hit in result.hits:
        group = groups.setdefault(hit.symbol, {"symbol": hit.symbol, "title": hit.title, "body": hit.body,
                                               "date": hit.date, "year": hit.year, "hits": []})
        group["hits"].append(hit)
    return list(groups.values())
