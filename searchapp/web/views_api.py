"""JSON API: the same shapes as `searchapp search --format json` and `searchapp show --format json`."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from .context import search_request, service

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.get("/search")
def api_search():
    return jsonify(service().search(search_request()).to_json())


@blueprint.get("/documents/<path:symbol>")
def api_document(symbol: str):
    query = (request.args.getlist("q") or [""])[-1]
    return jsonify(service().document(symbol, query).to_json())
