"""Geometry of the "mentions over time" chart: stacked bars per year, one colour per body.

Server-rendered SVG (no script, works in print and without JavaScript); every bar carries a
<title> tooltip and the same numbers are in a table under the chart for screen readers.
"""

from __future__ import annotations

from searchapp.models import BODIES
from searchapp.search.request import SearchRequest
from searchapp.search.results import Timeline
from searchapp.web.urls import toggle_url

CHART_HEIGHT = 100


def body_class(body: str) -> str:
    """A stable CSS class per body, so a body keeps its colour across queries."""
    return f"body-{BODIES.index(body)}" if body in BODIES else "body-other"


def timeline_chart(timeline: Timeline, request: SearchRequest, measure: str = "mentions") -> dict | None:
    """Columns with stacked segments (heights in percent of the busiest year), or None if empty."""
    if not timeline.years:
        return None
    value = 1 if measure == "mentions" else 0
    top = max(sum(pair[value] for pair in year.by_body.values()) for year in timeline.years) or 1
    columns = []
    for x, year in enumerate(timeline.years):
        bottom = float(CHART_HEIGHT)
        segments = []
        for body in timeline.bodies:
            count = year.by_body.get(body, (0, 0))[value]
            if not count:
                continue
            height = CHART_HEIGHT * count / top
            bottom -= height
            segments.append({"body": body, "css": body_class(body), "y": round(bottom, 3),
                             "height": round(height, 3), "count": count})
        details = "; ".join(f"{body}: {p} paragraphs, {m} mentions" for body, (p, m) in year.by_body.items())
        columns.append({"x": x, "year": year.year, "segments": segments,
                        "label": f"{year.year}: {year.paragraphs} paragraphs, {year.mentions} mentions"
                                 + (f" ({details})" if details else ""),
                        "url": toggle_url(request, "year", str(year.year))})
    return {"columns": columns, "bodies": [(b, body_class(b)) for b in timeline.bodies],
            "first": timeline.years[0].year, "last": timeline.years[-1].year, "top": top,
            "measure": measure, "undated": timeline.undated_paragraphs, "rows": timeline.years}
