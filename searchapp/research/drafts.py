"""Which draft a resolution was adopted from, and back: the same title, session and committee.

A General Assembly resolution names its committee in "[on the report of the Third Committee
(A/80/474, para. 40)]"; a committee's draft carries it in its symbol ("A/C.3/80/L.8": Third
Committee, session 80). When both texts are indexed and their titles agree ("United Nations Model
Strategies on Reducing Reoffending (the Kyoto Model Strategies)" is A/C.3/80/L.8 and
A/RES/80/226), each links to the other. Titles are compared with whitespace, case, quotation marks
and hyphen forms folded; a draft amended on the floor keeps its title, so an amendment that
repeats the title (A/C.3/80/L.56 to L.2) is linked as well.

Input: the index's documents.json records (dicts with symbol, title, session, committee,
document_type). Output: {symbol: (linked symbols, sorted)}; symbols without a link are absent.
"""

from __future__ import annotations

import re

from searchapp.models import DRAFT_RESOLUTION, MAIN_COMMITTEES, RESOLUTION
from searchapp.text.folding import fold_characters


def draft_links(records: list[dict]) -> dict[str, tuple[str, ...]]:
    """Each resolution's drafts and each draft's resolutions, by (session, committee, title)."""
    by_key: dict[tuple, dict[str, list[str]]] = {}
    for record in records:
        kind = record.get("document_type", RESOLUTION)
        committee = record.get("committee") or _committee_of_symbol(record["symbol"])
        if kind not in (RESOLUTION, DRAFT_RESOLUTION) or not committee or not record.get("session"):
            continue
        key = (record["session"], committee, _folded_title(record.get("title") or ""))
        if key[2]:
            by_key.setdefault(key, {RESOLUTION: [], DRAFT_RESOLUTION: []})[kind].append(record["symbol"])
    links: dict[str, tuple[str, ...]] = {}
    for group in by_key.values():
        resolutions, drafts = group[RESOLUTION], group[DRAFT_RESOLUTION]
        if resolutions and drafts:
            for symbol in resolutions:
                links[symbol] = tuple(sorted(drafts))
            for symbol in drafts:
                links[symbol] = tuple(sorted(resolutions))
    return links


def _committee_of_symbol(symbol: str) -> str | None:
    """"A/C.3/80/L.18" -> "Third Committee": some drafts print no committee line (L.18, L.22, L.48)."""
    match = re.match(r"A/C\.([1-6])/", symbol)
    return MAIN_COMMITTEES[int(match.group(1)) - 1] if match else None


def _folded_title(title: str) -> str:
    return " ".join(fold_characters(title).casefold().split()).rstrip(".")
