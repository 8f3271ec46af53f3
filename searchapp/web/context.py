"""Access to the app's service and settings, and the request -> SearchRequest step."""

from __future__ import annotations

from flask import current_app, request

from searchapp.config import Settings
from searchapp.search.request import SearchRequest, request_from_params
from searchapp.search.service import SearchService


def service() -> SearchService:
    return current_app.extensions["searchapp"]


def settings() -> Settings:
    return current_app.config["SEARCHAPP_SETTINGS"]


def search_request() -> SearchRequest:
    """The SearchRequest this URL describes (raises BadParameter for bad values)."""
    return request_from_params(request.args.getlist, settings().limits)


def timeline_scale() -> str:
    """`?scale=per1000`: the timeline per 1,000 indexed paragraphs of each year and body; else
    "count" (the service refuses another value with BadParameter, a 400)."""
    return (request.args.getlist("scale") or ["count"])[-1] or "count"


def public_base() -> str:
    """`server.public_url`, else the address this request came to ("http://127.0.0.1:8080"):
    what links in exports and references start with."""
    return settings().public_url or request.host_url.rstrip("/")
