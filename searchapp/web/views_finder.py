"""The agreed-language finder (`/similar`, `/api/similar`) and a paragraph's clause history
(`/documents/SYMBOL/history/ANCHOR` and its API). The service does the work (search/finder.py);
these views read parameters and render its plain results.

The finder reads `text` or `paragraph` (SYMBOL#ANCHOR), `earlier`, `limit` and the search page's
filter parameters (body, year_from, year_to, type, doctype ...), from the URL or, for a text too
long for a URL, from a POSTed form.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from searchapp.exceptions import BadParameter, BadQuery, DocumentNotFound
from searchapp.models import BODIES, DOCUMENT_TYPES, PARAGRAPH_KINDS
from searchapp.search.filter_base import as_whole_number
from searchapp.search.request import SearchRequest, request_from_params
from searchapp.web import urls
from searchapp.web.context import service, settings

blueprint = Blueprint("finder", __name__)


def _values(name: str) -> list[str]:
    return request.values.getlist(name)


def _single(name: str) -> str:
    return (_values(name) or [""])[-1]


def _finder_call():
    """The service's answer for this request's parameters (BadParameter, DocumentNotFound raise)."""
    filters = request_from_params(_values, settings().limits)
    limit = _single("limit").strip()
    return service().similar(filters, text=_single("text"), paragraph=_single("paragraph"),
                             earlier=_single("earlier") not in ("", "0", "false"),
                             limit=as_whole_number("limit", limit) if limit else 10)


@blueprint.route("/api/similar", methods=["GET", "POST"])
def api_similar():
    return jsonify(_finder_call().to_json())


@blueprint.route("/similar", methods=["GET", "POST"])
def similar_page():
    form = {"text": _single("text"), "paragraph": _single("paragraph"), "earlier": _single("earlier"),
            "body": _single("body"), "year_from": _single("year_from"), "year_to": _single("year_to"),
            "type": _single("type"), "doctype": _single("doctype")}
    choices = {"bodies": BODIES, "kinds": PARAGRAPH_KINDS, "document_types": DOCUMENT_TYPES}
    if not (form["text"].strip() or form["paragraph"].strip()):
        return render_template("similar.html", form=form, result=None, error=None, urls=urls, **choices)
    try:
        result = _finder_call()
    except (BadParameter, BadQuery, DocumentNotFound) as error:
        return render_template("similar.html", form=form, result=None, error=error.message, urls=urls,
                               **choices), error.http_status
    return render_template("similar.html", form=form, result=result, error=None, urls=urls, **choices)


@blueprint.get("/api/documents/<path:symbol>/history/<anchor>")
def api_history(symbol: str, anchor: str):
    return jsonify(service().clause_history(symbol, anchor, drafts=_drafts()).to_json())


def _drafts() -> bool:
    """`drafts=1`: follow the clause through the series' drafts too."""
    return _single("drafts") not in ("", "0", "false")


@blueprint.get("/documents/<path:symbol>/history/<anchor>")
def history_page(symbol: str, anchor: str):
    history = service().clause_history(symbol, anchor, drafts=_drafts())
    return render_template("history.html", history=history, urls=urls, SearchRequest=SearchRequest)
