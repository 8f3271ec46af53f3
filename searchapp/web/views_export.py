"""Every hit of the current search as CSV or JSON, streamed: the first rows leave at once and
no export is ever held in memory whole."""

from __future__ import annotations

import json

from flask import Blueprint, Response, stream_with_context

from searchapp.exports import CSV_COLUMNS, csv_row, document_references, json_row
from searchapp.research import references
from searchapp.web.context import public_base, search_request, service, settings
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
    base = public_base()
    return csv_response(CSV_COLUMNS, (csv_row(hit, base) for hit in every), "searchapp-export.csv")


def _chain(first, rest):
    if first is not None:
        yield first
        yield from rest


@blueprint.get("/export.json")
def export_json():
    first, hits = _hits()
    base = public_base()

    def chunks():
        yield "["
        if first is not None:
            yield "\n" + json.dumps(json_row(first, base), ensure_ascii=False)
            for hit in hits:
                yield ",\n" + json.dumps(json_row(hit, base), ensure_ascii=False)
        yield "\n]\n"

    return Response(stream_with_context(chunks()), mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="searchapp-export.json"'})


@blueprint.get("/export.ris")
def export_ris():
    """Every document among the search's hits as RIS records (order of their first hit)."""
    return _references_response(references.to_ris, "application/x-research-info-systems", "ris")


@blueprint.get("/export.bib")
def export_bibtex():
    return _references_response(references.to_bibtex, "application/x-bibtex; charset=utf-8", "bib")


@blueprint.get("/export.csl.json")
def export_csl_json():
    return _references_response(lambda refs: json.dumps(references.to_csl_json(refs), ensure_ascii=False, indent=1),
                                "application/vnd.citationstyles.csl+json", "csl.json")


def _references_response(render, mimetype: str, suffix: str) -> Response:
    first, hits = _hits()
    refs = document_references(_chain(first, hits), public_base())
    return Response(render(refs), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="searchapp-export.{suffix}"'})
