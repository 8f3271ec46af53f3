"""What kind of document a text is (resolution, draft resolution, decision) and, for drafts, an
honest symbol.

Drafts carry the symbol of the document that put them before the body, printed in the masthead:
"A/C.3/80/L.5" (a Third Committee draft), "A/80/L.12" (a plenary draft), "A/HRC/55/L.12",
"E/CN.4/2005/L.10", "E/2019/L.20"; the Security Council's drafts are documents "S/2018/693".
The shared corpus's Security Council drafts print no masthead: a file named in the UN's own
symbol form, "S_2018_693.txt", gives the symbol (its manifest agrees for all 21 such files).
A draft that gives no symbol at all (files named by a job number, "18-04038.txt", or anything
else, "task3_draft_011.txt") gets no symbol: its key in the index is "no symbol (file 18-04038)"
and its title "Security Council draft (undated, file 18-04038)", so no file name or job number is
ever passed off as a UN symbol. `Document.has_symbol` is False for those.
"""

from __future__ import annotations

import re
from pathlib import Path

from searchapp.models import (
    COMMISSION,
    DECISION,
    DRAFT_RESOLUTION,
    ECOSOC,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    RESOLUTION,
)

_REVISION = r"(?:/Rev\.\d+)?"
# Masthead symbols of drafts, most specific first: (pattern, body, session from the match).
_DRAFT_MASTHEADS = (
    (re.compile(rf"\bA/HRC/(\d+)/L\.\d+{_REVISION}"), HUMAN_RIGHTS_COUNCIL, lambda m: int(m[1])),
    (re.compile(rf"\bA/C\.\d/(\d+)/L\.\d+{_REVISION}"), GENERAL_ASSEMBLY, lambda m: int(m[1])),
    (re.compile(rf"\bA/(\d+)/L\.\d+{_REVISION}"), GENERAL_ASSEMBLY, lambda m: int(m[1])),
    (re.compile(rf"\bE/CN\.4/((?:19|20)\d\d)/L\.\d+{_REVISION}"), COMMISSION, lambda m: int(m[1]) - 1944),
    (re.compile(rf"\bE/((?:19|20)\d\d)/L\.\d+{_REVISION}"), ECOSOC, lambda m: None),
)
# A decision, not a resolution: "A/HRC/DEC/9/101", "E/CN.4/DEC/2004/117", "E/DEC/2019/201",
# or a heading "Human Rights Council decision 9/101." / "Decision 9/101.".
DECISION_MASTHEAD = re.compile(r"\b(?:A/HRC|E/CN\.4|E)/DEC/(\d+)/(\d+)\b")
NO_SYMBOL_PREFIX = "no symbol (file "


def draft_masthead(head: str) -> tuple[str, str, int | None] | None:
    """(symbol, body, session) of a draft named in its masthead: "A/C.3/80/L.5" ->
    ("A/C.3/80/L.5", "General Assembly", 80); None when the heading names no draft."""
    flat = " ".join(head.split())
    if not re.search(r"draft\s+(?:resolution|decision)|Distr\.:?\s+Limited|projet\s+de|proyecto\s+de", flat,
                     re.IGNORECASE):
        return None  # "A/78/L.5" inside "[without reference to a Main Committee (A/78/L.5)]" is a source
    for pattern, body, session in _DRAFT_MASTHEADS:
        if match := pattern.search(flat):
            return match.group(0), body, session(match)
    return None


def document_type(symbol: str, head: str, source: str) -> str:
    """RESOLUTION, DRAFT_RESOLUTION or DECISION, from the symbol and the heading."""
    if "/L." in symbol or symbol.startswith(NO_SYMBOL_PREFIX) or re.fullmatch(r"S/\d{4}/\d+", symbol):
        return DRAFT_RESOLUTION
    if "/DEC/" in symbol:
        return DECISION
    return RESOLUTION


def unnumbered_draft(body: str, source: str) -> tuple[str, str]:
    """(key, title) of a draft that gives no symbol: ("no symbol (file 18-04038)",
    "Security Council draft (undated, file 18-04038)")."""
    name = Path(source).stem
    return f"{NO_SYMBOL_PREFIX}{name})", f"{body} draft (undated, file {name})"


def draft_title(head: str) -> str | None:
    """The title printed under a draft's sponsors block: "Iraq:* draft resolution" / "Follow-up
    to the Second World Assembly on Ageing" -> that title; the sponsors block may run over two
    lines ("Draft resolution submitted by the Chair on the recommendation of the" / "Economic and
    Social Council (resolution 2025/15)", A/C.3/80/L.7): the title is the blocks after it."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", head) if block.strip()]
    for index, block in enumerate(blocks):
        if re.search(r"draft\s+resolution\b", block, re.IGNORECASE):
            return " ".join(blocks[index + 1:]).strip() or None
    return None


def not_a_resolution(text: str) -> str | None:
    """Why a text with a UN masthead but no resolution in it is not indexed, or None:
    amendments (A/C.3/80/L.56 "...: amendment to draft resolution A/C.3/80/L.2"), draft
    decisions without paragraphs ("Draft decision submitted by the Chair", A/C.3/80/L.60) and
    notes ("Note by the Secretariat", A/C.3/80/L.1)."""
    flat = " ".join(text[:3000].split())
    symbol = next((m.group(0) for pattern, _, _ in _DRAFT_MASTHEADS if (m := pattern.search(flat))), None)
    named = f" ({symbol})" if symbol else ""
    if match := re.search(r"amendments?\s+to\s+(?:the\s+)?(?:revised\s+)?draft\s+(resolution|decision)\s+(\S+)", flat,
                          re.IGNORECASE):
        return f"an amendment to draft {match.group(1)} {match.group(2)}{named}: amendments are not indexed"
    if re.search(r"\bdraft\s+decision\b", flat, re.IGNORECASE):
        return f"a draft decision{named} without preambular or operative paragraphs: not indexed"
    if re.search(r"\bNote\s+by\s+the\s+Secretariat\b", flat):
        return f"a note by the Secretariat{named}, not a resolution"
    return None
