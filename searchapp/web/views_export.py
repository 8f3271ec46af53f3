"""Every hit of the current search as CSV or JSON: sent whole up to a megabyte, streamed beyond
it (csv_stream.py), so no large export is ever held in memory whole. Each export says what it
holds (query, filters, sort, totals, the index generation and its build date): the JSON in its
"export" object, the CSV in its file name, in the companion `/export.meta.json` and, with
`?header=comment`, a first row."""

from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify

from searchapp.exports import (
    CSV_COLUMNS,
    csv_row,
    document_references,
    export_filename,
    header_comment,
    json_row,
    timeline_comment,
    timeline_csv_columns,
    timeline_csv_rows,
)
from searchapp.research import references
from searchapp.web.context import public_base, search_request, service, settings, timeline_scale
from searchapp.web.csv_stream import csv_response, download

blueprint = Blueprint("export", __name__)


def _export():
    """(header, hits): the query is evaluated before streaming starts, so a bad query is a 400,
    not a broken download."""
    return service().export(search_request(), refuse_over=settings().limits.max_export)


@blueprint.get("/export.csv")
def export_csv():
    header, hits = _export()
    base = public_base()
    return csv_response(CSV_COLUMNS, (csv_row(hit, base) for hit in hits), export_filename(header, "csv"),
                        comment=header_comment(header))


@blueprint.get("/export.meta.json")
def export_meta():
    """The CSV's companion: the export header alone (the same object as the JSON export's "export")."""
    header, _ = _export()
    return jsonify(header.to_json())


@blueprint.get("/export.json")
def export_json():
    """{"export": {query, filters, sort, total, documents, mentions, index, exported}, "rows": [...]}."""
    header, hits = _export()
    base = public_base()

    def chunks():
        yield '{"export": ' + json.dumps(header.to_json(), ensure_ascii=False) + ', "rows": ['
        for index, hit in enumerate(hits):
            yield ("," if index else "") + "\n" + json.dumps(json_row(hit, base), ensure_ascii=False)
        yield "\n]}\n"

    return download(chunks(), "application/json", export_filename(header, "json"))


@blueprint.get("/timeline.csv")
def timeline_csv():
    """Matching paragraphs and mentions per year and body (the chart's numbers)."""
    timeline = service().timeline(search_request(), timeline_scale())
    assert timeline.header is not None
    return csv_response(timeline_csv_columns(timeline), timeline_csv_rows(timeline),
                        export_filename(timeline.header, "csv", "timeline"), comment=timeline_comment(timeline))


@blueprint.get("/export.ris")
def export_ris():
    """Every document among the search's hits as RIS records (order of their first hit)."""
    return _references_response(references.to_ris, "application/x-research-info-systems; charset=utf-8", "ris")


@blueprint.get("/export.bib")
def export_bibtex():
    return _references_response(references.to_bibtex, "application/x-bibtex; charset=utf-8", "bib")


@blueprint.get("/export.csl.json")
def export_csl_json():
    return _references_response(lambda refs: json.dumps(references.to_csl_json(refs), ensure_ascii=False, indent=1),
                                "application/vnd.citationstyles.csl+json; charset=utf-8", "csl.json")


def _references_response(render, mimetype: str, suffix: str) -> Response:
    header, hits = _export()
    refs = document_references(hits, public_base())
    return Response(render(refs), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{export_filename(header, suffix)}"'})
