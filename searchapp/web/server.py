"""`searchapp serve`: the app under waitress, a production WSGI server (never Flask's debugger)."""

from __future__ import annotations

import logging

import waitress

from searchapp.config import Settings
from searchapp.web import create_app


def serve(settings: Settings, host: str, port: int) -> None:
    # Under load waitress logs one "Task queue depth" warning per queued request: noise, not news.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    waitress.serve(create_app(settings), host=host, port=port, threads=settings.threads,
                   ident="searchapp", clear_untrusted_proxy_headers=True)
