"""Every hit of the current search as CSV or JSON, streamed: the first rows leave at once and
no export is ever held in memory whole."""

from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, Response, stream_with_context

from ..output import CSV_COLUMNS, csv_row
from .context import search_request, service, settings

blueprint = Blueprint("export", __name__)


def _hits():
    request = search_request()
    # Evaluate before streaming starts, so a bad query is a 400, not a broken download.
    hits = service().iter_hits(request, with_highlight=False, limit=settings().limits.max_export)
    first = next(hits, None)
    return first, hits


@blueprint.get("/export.csv")
def export_csv():
    first, hits = _hits()

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        if first is not None:
            writer.writerow(csv_row(first))
            for index, hit in enumerate(hits):
                writer.writerow(csv_row(hit))
                if index % 200 == 0:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(rows()), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="searchapp-export.csv"'})


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
