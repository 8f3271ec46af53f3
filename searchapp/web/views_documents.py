"""One resolution, every paragraph anchored (#pp3, #op6), the query's words highlighted."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from . import urls
from .context import service

blueprint = Blueprint("documents", __name__)


@blueprint.get("/documents/<path:symbol>")
def document_page(symbol: str):
    query = (request.args.getlist("q") or [""])[-1]
    document = service().document(symbol, query)
    return render_template("document.html", document=document, query=query, urls=urls)
