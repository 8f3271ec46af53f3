"""One error handler: the right status, JSON for API and export URLs, a page for the rest."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from searchapp.exceptions import SearchAppError

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """API calls and downloads (exports, the KWIC CSV) get JSON errors; pages get an HTML page."""
    return request.path.startswith(("/api/", "/export.")) or request.path in DOWNLOADS


DOWNLOADS = ("/kwic.csv", "/timeline.csv", "/feed.atom")


def error_response(message: str, status: int):
    if wants_json():
        return jsonify({"error": {"message": message, "status": status}}), status
    return render_template("error.html", message=message, status=status), status


def init_app(app: Flask) -> None:
    @app.errorhandler(SearchAppError)
    def searchapp_error(error: SearchAppError):
        return error_response(error.message, error.http_status)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return error_response(error.description or error.name, error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unexpected error on %s", request.path)
        return error_response("Something went wrong on our side; the error was logged.", 500)
