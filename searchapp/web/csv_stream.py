"""CSV downloads streamed in chunks: the first rows leave at once, nothing is held whole.

Every CSV is written by searchapp.exports.csv_chunks (BOM, formula cells neutralised); `?bom=0`
leaves the byte-order mark out, `?header=comment` puts the export's description in a first row."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, request, stream_with_context

from searchapp.exports import csv_chunks


def wants_bom() -> bool:
    return (request.args.getlist("bom") or ["1"])[-1] not in ("0", "false", "no")


def wants_comment_row() -> bool:
    return (request.args.getlist("header") or [""])[-1] == "comment"


def csv_response(header: Iterable[str], rows: Iterable[list], filename: str, comment: str | None = None) -> Response:
    chunks = csv_chunks(header, rows, bom=wants_bom(), comment=comment if wants_comment_row() else None)
    return Response(stream_with_context(chunks), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
