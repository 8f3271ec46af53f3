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
    page = service().document_page(symbol, query)
    if page.document.symbol != symbol:  # "64/163" or another spelling: one address per document
        return redirect(urls.document_url(page.document.symbol, query))
    return render_template("document.html", document=page.document, links=page.links, query=query, urls=urls)


@blueprint.get("/documents/<path:symbol>/changes")
def changes_page(symbol: str):
    against = _single("against") or None
    page = service().changes_page(symbol, against)
    return render_template("changes.html", changes=page.changes, older=page.older, newer=page.newer,
                           links=page.links, urls=urls)
