"""Every hit of the current search as CSV or JSON, streamed: the first rows leave at once and
no export is ever held in memory whole."""

from __future__ import annotations

import json

from flask import Blueprint, Response, stream_with_context

from searchapp.exports import CSV_COLUMNS, csv_row
from searchapp.web.context import search_request, service, settings
from searchapp.web.csv_stream import csv_response

blueprint = Blueprint("export", __name__)


def _hits():
    request = search_request()
    # Evaluate before streaming starts, so a bad query is a 400, not a broken download.
    hits = service().iter_hits(request, with_highlight=False, refuse_over=settings().limits.max_export)
    first = next(hits, None)
    return first, hits


@blueprint.get("/export.csv")
def export_csv():
    first, hits = _hits()
    every = _chain(first, hits)
    return csv_response(CSV_COLUMNS, (csv_row(hit) for hit in every), "searchapp-export.csv")


def _chain(first, rest):
    if first is not None:
        yield first
        yield from rest


@blueprint.get("/export.json")
def export_json():
    first, hits = _hits()

    def chunks():
        yield "["
        if first is not None:
            yield "\n" + json.dumps(_row(first), ensure_ascii=False)
            for hit in hits:
                yield ",\n" + json.dumps(_row(hit), ensure_ascii=False)
        yield "\n]\n"

    return Response(stream_with_context(chunks()), mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="searchapp-export.json"'})


def _row(hit) -> dict:
    return {"symbol": hit.symbol, "body": hit.body, "year": hit.year, "session": hit.session,
            "paragraph_type": hit.paragraph_type, "paragraph_number": hit.paragraph_number,
            "mentions": hit.mentions, "text": hit.text}
