"""One error handler: the right status, JSON for API and export URLs, a page for the rest."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from searchapp.exceptions import IndexMissing, SearchAppError
from searchapp.web.context import settings

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """API calls, downloads (exports, the KWIC CSV) and the health check get JSON errors; pages
    get an HTML page."""
    return request.path.startswith(("/api/", "/export.")) or request.path in DOWNLOADS


DOWNLOADS = ("/kwic.csv", "/timeline.csv", "/feed.atom", "/healthz")


def without_server_paths(error: IndexMissing) -> str:
    """An index error's message as a web client sees it: the server's index folder is not named
    by its absolute path ("no index at /srv/searchapp/index; run ..." -> "no index at the
    server's index folder; run ..."; "the index in /srv/.../gen-000003 is damaged" -> "the index
    in gen-000003 is damaged"). The CLI and the server's log keep the full path."""
    folder = settings().index_dir
    if not folder.is_absolute():  # a relative name says nothing about the server's disk
        return error.message
    return error.message.replace(f"{folder}/", "").replace(str(folder), "the server's index folder")


def error_response(message: str, status: int):
    if wants_json():
        return jsonify({"error": {"message": message, "status": status}}), status
    return render_template("error.html", message=message, status=status), status


def init_app(app: Flask) -> None:
    @app.errorhandler(SearchAppError)
    def searchapp_error(error: SearchAppError):
        if isinstance(error, IndexMissing):
            log.warning("%s", error.message)
            return error_response(without_server_paths(error), error.http_status)
        return error_response(error.message, error.http_status)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return error_response(error.description or error.name, error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unexpected error on %s", request.path)
        return error_response("Something went wrong on our side; the error was logged.", 500)
