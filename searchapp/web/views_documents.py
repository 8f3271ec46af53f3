"""One resolution, every paragraph anchored (#pp3, #op6), the query's words highlighted, with
what it cites, what cites it and its series; and what changed against an earlier text."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request

from searchapp.web import urls
from searchapp.web.context import service

blueprint = Blueprint("documents", __name__)


def _single(name: str) -> str:
    return (request.args.getlist(name) or [""])[-1]


@blueprint.get("/documents/<path:symbol>")
def document_page(symbol: str):
    query = _single("q")
    document = service().document(symbol, query)
    if document.symbol != symbol:  # "64/163" or another spelling: one address per document
        return redirect(urls.document_url(document.symbol, query))
    links = service().links(document.symbol)
    return render_template("document.html", document=document, links=links, query=query, urls=urls)


@blueprint.get("/documents/<path:symbol>/changes")
def changes_page(symbol: str):
    against = _single("against") or None
    changes = service().changes(symbol, against)
    older = service().document(changes.older_symbol)
    newer = service().document(changes.newer_symbol)
    links = service().links(newer.symbol)
    return render_template("changes.html", changes=changes, older=older, newer=newer, links=links,
                           urls=urls)
