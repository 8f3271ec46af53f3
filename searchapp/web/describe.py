"""The active search said back in plain English: 'paragraphs matching "impunity" where body is
General Assembly and year is 2004–2009' (datasette's human_description_en), from the registry."""

from __future__ import annotations

from searchapp.search import filters as registry
from searchapp.search.request import SearchRequest


def describe(request: SearchRequest) -> str:
    text = f'paragraphs matching "{request.query}"' if request.query else "all paragraphs"
    conditions = [registry.named(name).describe(value) for name, value in request.filters]
    if conditions:
        text += " where " + " and ".join(conditions)
    return text
