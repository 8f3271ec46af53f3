"""One resolution, every paragraph anchored (#pp3, #op6), the query's words highlighted, with
what it cites, what cites it and its series; and what changed against an earlier text. A symbol
the index does not hold but its texts cite gets a page of who cites it."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request

from searchapp.exceptions import DocumentNotFound
from searchapp.web import urls
from searchapp.web.context import service

blueprint = Blueprint("documents", __name__)


def _single(name: str) -> str:
    return (request.args.getlist(name) or [""])[-1]


@blueprint.get("/documents/<path:symbol>")
def document_page(symbol: str):
    query = _single("q")
    try:
        page = service().document_page(symbol, query)
    except DocumentNotFound:
        return _cited_page(symbol)
    if page.document.symbol != symbol:  # "64/163" or another spelling: one address per document
        return redirect(urls.document_url(page.document.symbol, query))
    return render_template("document.html", document=page.document, links=page.links, query=query, urls=urls)


def _cited_page(symbol: str):
    """A symbol the index does not hold but its texts cite (A/RES/53/144, the Declaration on human
    rights defenders): 200, "not in this index; cited by ..."; a 404 when nothing cites it either."""
    cited = service().cited_symbol(symbol)
    if cited.symbol != symbol:  # "53/144" or another spelling: one address per symbol
        return redirect(urls.document_url(cited.symbol))
    return render_template("cited.html", cited=cited, urls=urls)


@blueprint.get("/documents/<path:symbol>/changes")
def changes_page(symbol: str):
    against = _single("against") or None
    page = service().changes_page(symbol, against)
    return render_template("changes.html", changes=page.changes, older=page.older, newer=page.newer,
                           links=page.links, urls=urls)
