"""Geometry of the "mentions over time" chart: stacked bars per year, one colour per body.

Server-rendered SVG (no script, works in print and without JavaScript); every bar carries a
<title> tooltip and the same numbers are in a table under the chart for screen readers. Two
scales, switched by links (`?scale=per1000`): counts per year stacked by body, or per 1,000
indexed paragraphs of each year and body (the corpus holds far more paragraphs of some years),
each with its y-axis labelled.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from searchapp.models import BODIES
from searchapp.search.request import SearchRequest
from searchapp.search.results import Timeline
from searchapp.search.results import per_thousand as per_thousand_of
from searchapp.web.urls import search_url, toggle_urls, with_scale

CHART_HEIGHT = 100


def body_class(body: str) -> str:
    """A stable CSS class per body, so a body keeps its colour across queries."""
    return f"body-{BODIES.index(body)}" if body in BODIES else "body-other"


def y_ticks(top: float, per_thousand: bool) -> list[dict]:
    """Three labelled ticks, top to bottom: the busiest value, its half, 0 (placed by CSS class:
    the page's Content-Security-Policy allows no inline style)."""
    def shown(value: float) -> str:
        return f"{value:,.2f}".rstrip("0").rstrip(".") if per_thousand else f"{round(value):,}"
    return [{"at": "top", "label": shown(top)}, {"at": "middle", "label": shown(top / 2)},
            {"at": "bottom", "label": "0"}]


def timeline_chart(timeline: Timeline, request: SearchRequest, measure: str = "mentions") -> dict | None:
    """Columns of segments (heights in percent of the busiest value), or None if empty.

    On the "count" scale a year's segments are stacked, one per body; on "per1000" each body
    has a bar of its own beside the others (rates of different bodies do not add up): mentions
    (or paragraphs, without a query) per 1,000 indexed paragraphs of that year and body."""
    if not timeline.years:
        return None
    value = 1 if measure == "mentions" else 0
    per_thousand = timeline.scale == "per1000"
    noun = "Mentions" if measure == "mentions" else "Paragraphs"

    def rate(year, body: str) -> float:
        return per_thousand_of(year.by_body.get(body, (0, 0))[value], year.indexed.get(body, 0))

    if per_thousand:
        top = max((rate(year, body) for year in timeline.years for body in year.by_body), default=0) or 1
    else:
        top = max(sum(pair[value] for pair in year.by_body.values()) for year in timeline.years) or 1
    slot = 0.8 / max(len(timeline.bodies), 1)
    columns = []
    year_urls = toggle_urls(request, "year", [str(year.year) for year in timeline.years])
    for x, year in enumerate(timeline.years):
        bottom = float(CHART_HEIGHT)
        segments = []
        for i, body in enumerate(timeline.bodies):
            count = year.by_body.get(body, (0, 0))[value]
            if not count:
                continue
            shown = rate(year, body) if per_thousand else count
            height = CHART_HEIGHT * shown / top
            if per_thousand:
                segments.append({"body": body, "css": body_class(body), "x": round(x + 0.1 + i * slot, 3),
                                 "width": round(slot, 3), "y": round(CHART_HEIGHT - height, 3),
                                 "height": round(height, 3), "count": shown})
            else:
                bottom -= height
                segments.append({"body": body, "css": body_class(body), "x": x + 0.1, "width": 0.8,
                                 "y": round(bottom, 3), "height": round(height, 3), "count": count})
        if per_thousand:
            details = "; ".join(f"{body}: {rate(year, body)} {noun.lower()} per 1,000 of "
                                f"{year.indexed.get(body, 0):,} paragraphs" for body in year.by_body)
        else:
            details = "; ".join(f"{body}: {p} paragraphs, {m} mentions" for body, (p, m) in year.by_body.items())
        columns.append({"x": x, "year": year.year, "segments": segments,
                        "label": f"{year.year}: {year.paragraphs} paragraphs, {year.mentions} mentions"
                                 + (f" ({details})" if details else ""),
                        "url": with_scale(year_urls[x], timeline.scale)})
    here = search_url(request)
    rates = {year.year: "; ".join(f"{body}: {rate(year, body)} of {year.indexed.get(body, 0):,}"
                                  for body in year.by_body) for year in timeline.years} if per_thousand else {}
    return {"columns": columns, "columns_html": columns_html(columns),
            "bodies": [(b, body_class(b)) for b in timeline.bodies],
            "first": timeline.years[0].year, "last": timeline.years[-1].year, "top": top,
            "measure": measure, "undated": timeline.undated_paragraphs, "rows": timeline.years,
            "scale": timeline.scale, "ticks": y_ticks(top, per_thousand), "rates": rates,
            "json_url": with_scale(search_url(request, "/api/timeline"), timeline.scale),
            "csv_url": with_scale(search_url(request, "/timeline.csv"), timeline.scale),
            "axis": (f"{noun} per 1,000 paragraphs of the year and body" if per_thousand
                     else f"{noun} per year"),
            "scales": [("count", noun, with_scale(here, "count")),
                       ("per1000", "Per 1,000 paragraphs", with_scale(here, "per1000"))]}


def columns_html(columns: list[dict]) -> Markup:
    """The chart's <a> per year with its <rect>s, written here rather than in a template loop:
    80 years of two bodies are ~800 escaped fields, ~40% of a search page's rendering in Jinja.
    The markup is the same the loop wrote (tests/test_web_facet_items.py)."""
    out = []
    for column in columns:
        label = escape(column["label"])
        focus = "" if column["segments"] else ' tabindex="-1"'
        out.append(f'<a href="{escape(column["url"])}" class="year-column" data-year="{escape(column["year"])}" '
                   f'aria-label="{label}"{focus}><title>{label}</title>'
                   f'<rect class="hover-target" x="{escape(column["x"])}" y="0" width="1" height="100"></rect>')
        out.extend(f'<rect class="segment {escape(s["css"])}" x="{escape(s["x"])}" y="{escape(s["y"])}" '
                   f'width="{escape(s["width"])}" height="{escape(s["height"])}"></rect>' for s in column["segments"])
        out.append("</a>")
    return Markup("".join(out))
