"""The active search said back in plain English: 'paragraphs matching "impunity" where body is
General Assembly and year is 2004–2009' (datasette's human_description_en), from the registry."""

from __future__ import annotations

from searchapp.search import filters as registry
from searchapp.search.request import SearchRequest


def describe(request: SearchRequest) -> str:
    text = f"paragraphs matching {quoted(request.query)}" if request.query else "all paragraphs"
    return text + conditions(request)


def conditions(request: SearchRequest) -> str:
    """' where body is General Assembly and year is 2004–2009', or '' without filters."""
    parts = [registry.named(name).describe(value) for name, value in request.filters]
    return " where " + " and ".join(parts) if parts else ""


def quoted(query: str) -> str:
    """The query as the researcher typed it, in quotation marks unless it has its own: a phrase
    search '"human rights defenders"' is echoed once quoted, never '""human rights defenders""'."""
    return query if '"' in query else f'"{query}"'
