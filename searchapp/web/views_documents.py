"""One resolution, every paragraph anchored (#pp3, #op6), the query's words highlighted, with
what it cites, what cites it and its series; and what changed against an earlier text. A symbol
the index does not hold but its texts cite gets a page of who cites it."""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, render_template, request

from searchapp.exceptions import BadParameter, DocumentNotFound, NoEarlierText
from searchapp.exports import reference_of
from searchapp.research import references
from searchapp.search.request import SearchRequest
from searchapp.web import urls
from searchapp.web.context import public_base, search_request, service
from searchapp.web.document_rows import paragraph_parts, resolution_rows

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
    search = _search_opened_from(query)
    if page.document.symbol != symbol:  # "64/163" or another spelling: one address per document
        return redirect(urls.document_in_search_url(page.document.symbol, search))
    reference = reference_of(page.document, public_base())
    parts = paragraph_parts(page.document.paragraphs)
    return render_template("document.html", document=page.document, links=page.links, query=query, urls=urls,
                           search=search, reference=reference, meta_tags=references.highwire_tags(reference),
                           parts=parts, resolution_rows=resolution_rows(page.document.symbol, parts["resolution"]))


def _search_opened_from(query: str) -> SearchRequest:
    """The search whose hit led here (its query, filters, sort and page ride along in the URL),
    for "Back to search"; a URL whose search parameters are not valid keeps the query alone."""
    try:
        return search_request()
    except BadParameter:
        return SearchRequest(query=query)


# One reference of a document for a reference manager. Written before the page's own rule would
# take "A/RES/78/1.ris" as a symbol: Werkzeug ranks a rule with a static ending first.
REFERENCE_FORMATS = {
    "ris": (references.to_ris, "application/x-research-info-systems; charset=utf-8"),
    "bib": (references.to_bibtex, "application/x-bibtex; charset=utf-8"),
    "csl.json": (lambda refs: json.dumps(references.to_csl_json(refs), ensure_ascii=False, indent=1),
                 "application/vnd.citationstyles.csl+json; charset=utf-8"),
}


def _reference_download(symbol: str, suffix: str):
    document = service().document(symbol)  # DocumentNotFound: 404
    render, mimetype = REFERENCE_FORMATS[suffix]
    name = references.bibtex_key(document.symbol)
    return Response(render([reference_of(document, public_base())]), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{suffix}"'})


@blueprint.get("/documents/<path:symbol>.ris")
def document_ris(symbol: str):
    return _reference_download(symbol, "ris")


@blueprint.get("/documents/<path:symbol>.bib")
def document_bibtex(symbol: str):
    return _reference_download(symbol, "bib")


@blueprint.get("/documents/<path:symbol>.csl.json")
def document_csl_json(symbol: str):
    return _reference_download(symbol, "csl.json")


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
    try:
        page = service().changes_page(symbol, against)
    except NoEarlierText:
        # The first text of its series, or in none: said in the page's terms, with a box to name one.
        alone = service().document_page(symbol)
        return render_template("changes_none.html", document=alone.document, links=alone.links, urls=urls), 404
    return render_template("changes.html", changes=page.changes, older=page.older, newer=page.newer,
                           links=page.links, urls=urls)
