"""An Atom feed of a search (`/feed.atom?q=impunity&body=GA`): one entry per resolution among the
hits, newest adoption date first, so a researcher can follow new texts in a feed reader.

Entry: id and link = the document's page (absolute), a "related" link to undocs.org, updated =
the adoption date (midnight UTC; the index's build time for an undated text), summary = the
first matching paragraph. RFC 4287; written with the standard library's ElementTree."""

from __future__ import annotations

from dataclasses import replace
from itertools import islice
from xml.etree import ElementTree as ET

from flask import Blueprint, Response

from searchapp.research.references import absolute, document_path, official_url
from searchapp.web import urls
from searchapp.web.context import public_base, search_request, service, settings

blueprint = Blueprint("feed", __name__)
ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50


@blueprint.get("/feed.atom")
def feed():
    request = replace(search_request(), sort="newest", page=1)
    header, hits = service().export(request, refuse_over=settings().limits.max_export)
    base = public_base()
    built = header.index.built
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "title", f"searchapp: {request.query or 'every paragraph'}")
    search_page = base + urls.search_url(request)
    _text(root, "id", search_page)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=base + urls.search_url(request, "/feed.atom"))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=search_page)
    updated = ET.SubElement(root, f"{{{ATOM}}}updated")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", "searchapp")
    newest = None
    for hit in islice(_first_hit_per_document(hits), FEED_ENTRIES):
        stamp = f"{hit.date}T00:00:00Z" if hit.date else built
        newest = newest or stamp
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        page = absolute(base, document_path(hit.symbol))
        _text(entry, "title", f"{hit.symbol}: {hit.title}" if hit.title else hit.symbol)
        _text(entry, "id", page)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=absolute(base, document_path(hit.symbol, hit.anchor)))
        if official_url(hit.symbol):
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=official_url(hit.symbol))
        _text(entry, "updated", stamp)
        _text(entry, "summary", f"{hit.body}, {hit.paragraph_type} paragraph {hit.paragraph_number}: {hit.text}")
    updated.text = newest or built
    body = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def _first_hit_per_document(hits):
    seen: set[str] = set()
    for hit in hits:
        if hit.symbol not in seen:
            seen.add(hit.symbol)
            yield hit


def _text(parent, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text
