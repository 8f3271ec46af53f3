"""The General Assembly's heading: which Main Committee reported the text, under which agenda item.

    Agenda item 71 (b)                                     -> agenda_items ("71 (b)",)
    Agenda items 13 and 117                                -> ("13", "117")
    [on the report of the Third Committee (A/78/481/Add.2, para. 139)]  -> "Third Committee"
    [without reference to a Main Committee (A/78/L.5)]     -> "Plenary"

Drafts print the committee on a line of its own ("Eightieth session" / "Third Committee").
French ("Point 71 b) de l'ordre du jour", "[sur la base du rapport de la Troisième Commission
(...)]", "[sans renvoi à une grande commission (...)]") and Spanish ("Tema 71 b) del programa",
"[sobre la base del informe de la Tercera Comisión (...)]", "[sin remisión previa a una Comisión
Principal (...)]") headings give the same English names, so one facet value covers all three.
"""

from __future__ import annotations

import re

from searchapp.models import MAIN_COMMITTEES, PLENARY

_ORDINALS = {
    "first": 0, "première": 0, "primera": 0, "second": 1, "deuxième": 1, "segunda": 1,
    "third": 2, "troisième": 2, "tercera": 2, "fifth": 4, "cinquième": 4, "quinta": 4,
    "sixth": 5, "sixième": 5, "sexta": 5,
}
# The Fourth Committee prints its long name: "Special Political and Decolonization Committee
# (Fourth Committee)", "Commission des questions politiques spéciales et de la décolonisation
# (Quatrième Commission)", "Comisión Política Especial y de Descolonización (Cuarta Comisión)".
_FOURTH = re.compile(r"Special\s+Political|Fourth\s+Committee|Quatrième\s+Commission|décolonisation"
                     r"|Cuarta\s+Comisión|Descolonización", re.IGNORECASE)
_PLENARY = re.compile(r"\[\s*(?:without\s+reference\s+to\s+a\s+Main\s+Committee|sans\s+renvoi\s+à\s+une\s+grande"
                      r"\s+commission|sin\s+remisión\s+previa\s+a\s+una\s+Comisión\s+Principal)", re.IGNORECASE)
_REPORTED = re.compile(r"\[\s*(?:on\s+the\s+report\s+of\s+the|sur\s+la\s+base\s+du\s+rapport\s+de\s+la"
                       r"|sobre\s+la\s+base\s+del\s+informe\s+de\s+la)\s+([^\](]+)", re.IGNORECASE)
# A draft's own line: "Third Committee" (between the session and the agenda item).
_COMMITTEE_LINE = re.compile(r"^\s*((?:First|Second|Third|Fifth|Sixth)\s+Committee|Special\s+Political\s+and"
                             r"\s+Decolonization\s+Committee[^\n]*)\s*$", re.MULTILINE)


def committee(head: str) -> str | None:
    """The Main Committee (or "Plenary") a General Assembly text comes from; None if not printed."""
    flat = " ".join(head.split())
    if _PLENARY.search(flat):
        return PLENARY
    match = _REPORTED.search(flat)
    if match is None:
        match = _COMMITTEE_LINE.search(head)
        if match is None:
            return None
    return _english_name(match.group(1))


def _english_name(printed: str) -> str | None:
    if _FOURTH.search(printed):
        return MAIN_COMMITTEES[3]
    first = printed.split()[0].lower() if printed.split() else ""
    if first in _ORDINALS:
        return MAIN_COMMITTEES[_ORDINALS[first]]
    return None


# "Agenda item 71 (b)", "Agenda items 13 and 117", "Agenda items 13 and 75 (a)"; "Point 71 b) de
# l'ordre du jour", "Points 13 et 117 de l'ordre du jour"; "Tema 71 b) del programa", "Temas 13 y
# 117 del programa".
_AGENDA = re.compile(r"\b(?:Agenda\s+items?|Points?|Temas?)\s+((?:\d{1,3}(?:\s*\(?[a-z]{1,2}\))?"
                     r"(?:\s*,\s*|\s+(?:and|et|y)\s+)?)+)")
_ITEM = re.compile(r"(\d{1,3})(?:\s*\(?([a-z]{1,2})\))?")


def agenda_items(head: str) -> tuple[str, ...]:
    """The agenda items printed in the heading, each as "71 (b)" whatever the language."""
    flat = " ".join(head.split())
    match = _AGENDA.search(flat)
    if match is None:
        return ()
    return tuple(dict.fromkeys(f"{m[1]} ({m[2]})" if m[2] else m[1] for m in _ITEM.finditer(match.group(1))))
