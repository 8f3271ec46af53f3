"""Downloads (CSV, the JSON export) sent whole when small, streamed in chunks when large.

Every CSV is written by searchapp.exports.csv_chunks (BOM, formula cells neutralised); `?bom=0`
leaves the byte-order mark out, `?header=comment` puts the export's description in a first row.

A download of up to WHOLE_UP_TO characters is sent whole, with its length, in one write (with
searchapp.web.one_write under gunicorn): a server that dies while sending it leaves the client,
or the load balancer in front, with all of it or none of it, so the balancer can ask another
replica. A larger one streams, its first WHOLE_UP_TO characters at once, and is never held whole.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from flask import Response, request, stream_with_context

from searchapp.exports import csv_chunks


def wants_bom() -> bool:
    return (request.args.getlist("bom") or ["1"])[-1] not in ("0", "false", "no")


def wants_comment_row() -> bool:
    return (request.args.getlist("header") or [""])[-1] == "comment"


WHOLE_UP_TO = 1 << 20  # characters: about 2,500 paragraphs of CSV, a tenth of a second to write


def csv_response(header: Iterable[str], rows: Iterable[list], filename: str, comment: str | None = None) -> Response:
    chunks = csv_chunks(header, rows, bom=wants_bom(), comment=comment if wants_comment_row() else None)
    return download(chunks, "text/csv", filename)


def download(chunks: Iterator[str], mimetype: str, filename: str) -> Response:
    """The response for a download written as text `chunks`: whole up to WHOLE_UP_TO
    characters, else streamed (see the module doc)."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    head: list[str] = []
    size = 0
    for chunk in chunks:
        head.append(chunk)
        size += len(chunk)
        if size > WHOLE_UP_TO:
            return Response(stream_with_context(itertools.chain(head, chunks)), mimetype=mimetype, headers=headers)
    return Response("".join(head), mimetype=mimetype, headers=headers)
