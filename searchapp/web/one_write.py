"""gunicorn sends a response's headers and the first bytes of its body in one write.

gunicorn 27 writes the status line and headers with one `sendall` and the body with the next.
Behind a load balancer that is the one moment a replica's death costs a client its request: a
worker killed between the two writes (SIGKILL, the OOM killer, a crashed machine) has sent a
complete head, the balancer has passed it on, and the client is left with
`IncompleteRead(0 bytes read, 15489 more expected)`; haproxy retries a request on another replica
only while nothing of the answer has reached the client. Seen in 2 of 300 requests through
tools/replicas.py with `--signal KILL` on a loaded machine.

`install()` (called in each worker, after the fork) makes gunicorn's HTTP/1 responses hold the
head back and send it with the body's first bytes: a page or an export sent whole (see
csv_stream.py) leaves in one `sendall`, so the balancer sees all of it or nothing.
"""

from __future__ import annotations

from typing import Any, cast

from gunicorn.http import wsgi


class _Held:
    """Stands in for the client socket while gunicorn writes: keeps what it is given."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def sendall(self, data: bytes) -> None:
        self.parts.append(bytes(data))


class OneWriteResponse(wsgi.Response):
    """gunicorn's Response, whose first write (or a close with no body) sends the head and that
    write's bytes together."""

    def _at_once(self, step, *args) -> None:
        if self.headers_sent:
            step(*args)
            return
        client, held = cast(Any, self).sock, _Held()  # gunicorn's Response sets sock untyped
        self.sock = held
        try:
            step(*args)
        finally:
            self.sock = client
        if held.parts:
            client.sendall(b"".join(held.parts))

    def write(self, arg) -> None:
        self._at_once(super().write, arg)

    def close(self) -> None:
        self._at_once(super().close)


def install() -> None:
    """Make gunicorn build OneWriteResponse for HTTP/1 requests in this process (wsgi.create
    takes the module's `Response` when no response class is given)."""
    wsgi.Response = OneWriteResponse
