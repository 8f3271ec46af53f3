"""The active search said back in plain English: 'paragraphs matching "impunity" where body is
General Assembly and year is 2004–2009' (datasette's human_description_en)."""

from __future__ import annotations

from searchapp.search.request import SearchRequest


def _either(values) -> str:
    values = [str(v) for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def describe(request: SearchRequest) -> str:
    text = f'paragraphs matching "{request.query}"' if request.query else "all paragraphs"
    conditions = []
    if request.bodies:
        conditions.append(f"body is {_either(request.bodies)}")
    if request.year_from is not None and request.year_to is not None:
        years = str(request.year_from) if request.year_from == request.year_to else f"{request.year_from}–{request.year_to}"
        conditions.append(f"year is {years}")
    elif request.year_from is not None:
        conditions.append(f"year is {request.year_from} or later")
    elif request.year_to is not None:
        conditions.append(f"year is {request.year_to} or earlier")
    if request.sessions:
        conditions.append(f"session is {_either(request.sessions)}")
    if request.types:
        conditions.append(f"paragraph type is {_either(request.types)}")
    if request.tags:
        conditions.append(f"tag is {_either(request.tags)}")
    if conditions:
        text += " where " + " and ".join(conditions)
    return text
