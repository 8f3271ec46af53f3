"""CSV downloads streamed in chunks: the first rows leave at once, nothing is held whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask import Response, stream_with_context

CHUNK_BYTES = 1 << 16


def csv_response(header: Iterable[str], rows: Iterable[list], filename: str) -> Response:
    def chunks():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            if buffer.tell() > CHUNK_BYTES:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(chunks()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
