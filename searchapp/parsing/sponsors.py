"""The sponsors of a draft resolution, as its first page prints them above the title.

A Third Committee draft names them in one block that ends in ": draft resolution"
(ga-drafts-pdfs/A_C.3_80_L.2.pdf):

    Belarus, Democratic People’s Republic of Korea, Lao People’s Democratic
    Republic and Russian Federation: draft resolution

-> ("Belarus", "Democratic People’s Republic of Korea", "Lao People’s Democratic Republic",
"Russian Federation"). An asterisk marks a State acting on behalf of a group ("Iraq:* draft
resolution", "Egypt,* Equatorial Guinea"); it is dropped. A draft "submitted by the Chair" or
"recommended by the Economic and Social Council" has no sponsoring States: ().
"""

from __future__ import annotations

import re

# The sponsor block: lines up to ": draft resolution" (or ":* revised draft resolution").
_SPONSOR_BLOCK = re.compile(r"(?:^|\n\s*\n)((?:[^\n]+\n)*?[^\n]*?):\*?\s*(?:revised\s+)?draft\s+resolution\s*$",
                            re.MULTILINE)
# Member States whose names hold "and": the list's own "and" must not cut them.
NAMES_WITH_AND = ("Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
                  "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
                  "United Kingdom of Great Britain and Northern Ireland")
_KEPT_AND = "\x00"


def sponsors_of(head: str) -> tuple[str, ...]:
    """The sponsoring States named in a draft's heading `head` (the text before "The General
    Assembly,"), in printed order; () when the heading names none."""
    match = _SPONSOR_BLOCK.search(head)
    if not match:
        return ()
    block = " ".join(match.group(1).replace("*", " ").split())
    for name in NAMES_WITH_AND:
        block = block.replace(name, name.replace(" and ", f" {_KEPT_AND} "))
    names = re.split(r"\s*,\s*|\s+and\s+", block)
    return tuple(dict.fromkeys(name.replace(_KEPT_AND, "and").strip() for name in names if name.strip()))
