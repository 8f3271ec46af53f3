"""JSON API: the same shapes as the CLI's `--format json` (search, show, timeline, kwic, diff, cites)."""

from __future__ import annotations

import os

from flask import Blueprint, jsonify, request

from searchapp.exceptions import DocumentNotFound
from searchapp.web.context import search_request, service, timeline_scale
from searchapp.web.views_kwic import kwic_options

blueprint = Blueprint("api", __name__, url_prefix="/api")
health_blueprint = Blueprint("health", __name__)


@health_blueprint.get("/healthz")
def healthz():
    """For a load balancer: 200 with {"status", "generation", "documents", "paragraphs", "process"}
    ("process": the answering process's id, which of a server's workers answered: what the load
    test waits on until every worker is up), or 503 when this process has no usable index."""
    return jsonify({**service().health(), "process": os.getpid()})


def _single(name: str) -> str:
    return (request.args.getlist(name) or [""])[-1]


@blueprint.get("/search")
def api_search():
    return jsonify(service().search(search_request()).to_json())


@blueprint.get("/overview")
def api_overview():
    """What the index holds: the landing page's numbers (documents by body and decade, the
    newest documents, example searches with their paragraph counts)."""
    return jsonify(service().overview().to_json())


@blueprint.get("/timeline")
def api_timeline():
    return jsonify(service().timeline(search_request(), timeline_scale()).to_json())


@blueprint.get("/kwic")
def api_kwic():
    width, order = kwic_options()
    return jsonify(service().kwic(search_request(), width=width, sort=order).to_json())


@blueprint.get("/lookup")
def api_lookup():
    """A symbol in any common form -> the indexed symbol, or 404."""
    text = _single("q")
    symbol = service().lookup(text)
    if symbol is None:
        raise DocumentNotFound(f"no indexed document matches {text!r}")
    return jsonify({"query": text, "symbol": symbol})


@blueprint.get("/documents/<path:symbol>/changes")
def api_changes(symbol: str):
    return jsonify(service().changes(symbol, _single("against") or None).to_json())


@blueprint.get("/documents/<path:symbol>")
def api_document(symbol: str):
    """The document with its links; for a symbol the index does not hold but its texts cite,
    404 with {"error", "symbol", "indexed": false, "cited_by": [...]}."""
    try:
        return jsonify(service().document_page(symbol, _single("q")).to_json())
    except DocumentNotFound as missing:
        cited = service().cited_symbol(symbol)  # DocumentNotFound (a plain 404) when nothing cites it
        body = {"error": {"message": f"{missing.message}; indexed texts cite {cited.symbol}", "status": 404}}
        return jsonify({**body, **cited.to_json()}), 404
