"""How strongly, and to whom (issue 16 §5): the operative verb of a paragraph's opening and the
addressees of that verb, by rules over the opening clause.

operative_verb("Also strongly condemns the attacks ...") -> "Strongly condemns": "Also", "Further",
"Furthermore", "Once again" are folded away, an adverb before the verb ("strongly", "solemnly")
is kept, and the verb keeps its particle ("Calls upon", "Calls for", "Takes note with appreciation",
"Takes into account", "Looks forward"); "Expresses its full support for" -> "Expresses full support".

addressees("Requests Member States, international organizations and financial institutions to
assist ...") -> ["States", "International community"]: only the object of an addressing verb
(requests, calls upon, urges, encourages, invites, authorizes, ...) or the subject of a "that
... shall" clause ("Decides that all States shall prevent") counts; later clauses do not.
Measured against ../fixtures/addressees/addressee_sample.json in tests/test_operative.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from searchapp.models import OPERATIVE, PARAGRAPH_KINDS

FOLDED = re.compile(r"^(?:(?:also|further|furthermore|once again|again|hereby)\b[\s,]*)+", re.I)
ADVERB = re.compile(r"^([a-z]+ly)\s+", re.I)
_TAKING = ("note with appreciation", "note with satisfaction", "note with concern", "note with interest",
           "note", "into account")
# "Noting with deep concern" is how strongly, not what: kept (a preambular "Noting" alone is neutral).
_NOTING = ("with grave concern", "with deep concern", "with serious concern", "with great concern", "with concern",
           "with appreciation", "with satisfaction", "with interest", "with regret", "with alarm")
PARTICLES = {
    "calls": ("upon", "on", "for"),
    "calling": ("upon", "on", "for"),
    "takes": _TAKING,
    "taking": _TAKING,
    "notes": _NOTING,
    "noting": _NOTING,
    "bearing": ("in mind",),
    "looks": ("forward",),
    "looking": ("forward",),
}
# Verbs whose object is part of what they say: "Expresses its full support for" -> "Expresses full support".
WITH_OBJECT = ("expresses", "reiterates", "directs")
OBJECT_STOP = re.compile(r"\s+(?:for|to|at|that|of|with|on|in|regarding|towards|about|over|as|by|and)\b|[,;:]",
                         re.I)

# The verb phrases that address someone, and how: OBJECT, their object ("Requests the Secretary-General
# to"); THAT, the subject of their "that ... shall" clause ("Decides that all States shall prevent").
# "Stresses that all States share a responsibility" states a fact and addresses no one: not listed.
OBJECT, THAT = "object", "that"
ADDRESSING = {
    "requests": (OBJECT, THAT), "calls upon": (OBJECT, THAT), "urges": (OBJECT, THAT),
    "demands": (OBJECT, THAT), "recommends": (OBJECT, THAT),
    "calls on": (OBJECT,), "calls for": (OBJECT,), "encourages": (OBJECT,), "invites": (OBJECT,),
    "authorizes": (OBJECT,), "directs the attention": (OBJECT,), "appeals": (OBJECT,), "exhorts": (OBJECT,),
    "reminds": (OBJECT,),
    "decides": (THAT,), "resolves": (THAT,),
}
CATEGORIES = (
    # "special procedures of the Human Rights Council" addresses the procedures, not the Council.
    ("Human Rights Council", re.compile(r"(?<!procedures of the )human rights council(?! advisory)", re.I)),
    ("High Commissioner/OHCHR", re.compile(r"high commissioner(?! for refugees)", re.I)),
    ("Treaty bodies", re.compile(r"treaty bodies|human rights committee|committee against torture|committee on "
                                 r"(?:the rights of|the elimination of|economic, social and cultural rights|enforced "
                                 r"disappearances|migrant workers)|subcommittee on prevention of torture", re.I)),
    ("Special procedures", re.compile(r"special rapporteur|independent expert|special procedures|special mechanisms|"
                                      r"working group on", re.I)),
    ("Secretary-General", re.compile(r"(?<!of the )secretary-general", re.I)),
    ("National human rights institutions", re.compile(r"national (?:human rights )?institutions", re.I)),
    ("Civil society/NGOs", re.compile(r"civil society|non-?governmental organizations", re.I)),
    ("International community", re.compile(r"international community|international organizations|financial "
                                           r"institutions|intergovernmental (?:bodies|organizations)|regional "
                                           r"organizations", re.I)),
    # The Office of the High Commissioner is its own category, not also a UN entity; the
    # Council's Advisory Committee belongs to the Council.
    ("UN entities", re.compile(r"united nations system|specialized agencies|(?<!human rights )(?<!advisory )"
                               r"(?<!treaty )committee\b|truce supervision|united nations (?:entities|agencies|bodies|"
                               r"programmes|funds|children|office|development)|\boffice of the (?!united nations high "
                               r"commissioner|high commissioner)|\bdepartment of\b|inter-agency", re.I)),
    ("States", re.compile(r"\bstates\b|\bgovernments?\b|administering power|\bcountries\b", re.I)),
    ("Non-State actors", re.compile(r"(?<!states )\bparties\b|all concerned|authorities concerned|armed groups",
                                    re.I)),
)


# The addressee facet's values, in the order it lists them (the issue's: States first); CATEGORIES
# holds the same names in the order their patterns must be tried.
ADDRESSEES = ("States", "Secretary-General", "High Commissioner/OHCHR", "Human Rights Council", "Special procedures",
              "Treaty bodies", "Civil society/NGOs", "National human rights institutions", "UN entities",
              "International community", "Non-State actors")
assert sorted(ADDRESSEES) == sorted(name for name, _ in CATEGORIES)
# Words each category's pattern cannot match without (lower case): an ASCII span holding none of
# them is not searched with that pattern (10,008 of the corpus's 10,108 spans are ASCII, where
# lower() is exactly what re.I does; "ſtates" or "Unıted" may match otherwise).
_NEEDS = {
    "Human Rights Council": ("human rights council",),
    "High Commissioner/OHCHR": ("high commissioner",),
    "Treaty bodies": ("treaty bodies", "committee"),
    "Special procedures": ("special ", "independent expert", "working group on"),
    "Secretary-General": ("secretary-general",),
    "National human rights institutions": ("national ",),
    "Civil society/NGOs": ("civil society", "governmental organizations"),
    "International community": ("international ", "financial institutions", "intergovernmental ",
                                "regional organizations"),
    "UN entities": ("united nations ", "specialized agencies", "committee", "truce supervision", "office of the ",
                    "department of", "inter-agency"),
    "States": ("states", "government", "administering power", "countries"),
    "Non-State actors": ("parties", "all concerned", "authorities concerned", "armed groups"),
}
_SCREENED = tuple((name, pattern, _NEEDS[name]) for name, pattern in CATEGORIES)


def paragraph_verb(kind: str, text: str) -> str:
    """The verb facet's value of one paragraph: its opening verb phrase for a preambular or
    operative paragraph ("Recalling", "Deeply concerned", "Strongly condemns"); "" for an annex
    paragraph or a footnote, whose first words are no verb ("We", "Ibid.", "See")."""
    return operative_verb(text) if kind in PARAGRAPH_KINDS else ""


def paragraph_addressees(kind: str, text: str) -> list[str]:
    """The addressee facet's values of one paragraph: `addressees` of an operative paragraph; []
    for any other (a preambular "Calling upon States" recalls, it does not ask)."""
    return addressees(text) if kind == OPERATIVE else []


def paragraph_labels(kind: str, text: str) -> tuple[str, list[str]]:
    """(verb, addressees) of one paragraph: what the indexer stores for the verb and addressee
    facets (engine/writing.py `Labeller`) and what the exports print."""
    verb = paragraph_verb(kind, text)
    return verb, (addressees(text, verb) if kind == OPERATIVE else [])


def operative_verb(opening: str) -> str:
    """The normalised opening verb phrase ("Strongly condemns", "Calls upon"); "" when none."""
    text = FOLDED.sub("", opening.strip())
    adverb = ""
    match = ADVERB.match(text)
    if match and match.group(1).lower() not in ("only",):
        adverb, text = match.group(1).lower(), text[match.end():]
    words = text.split(None, 1)  # the first word, and the rest with its spacing as printed
    if not words:
        return ""
    verb = words[0].strip(",;:.").lower()  # OCR: "Requests. the Ad Hoc Sub-Committee" (S/RES/301 (1971))
    rest = words[1] if len(words) > 1 else ""
    # "upon\n States": one space between words, as split() and join give. Every whitespace
    # character but " " is unprintable: a printable rest without "  " is spaced so already.
    if not rest.isprintable() or "  " in rest or rest.endswith(" "):
        rest = " ".join(rest.split())
    rest = FOLDED.sub("", rest)  # "Decides further that" -> "Decides"
    phrase = verb
    for particle in PARTICLES.get(verb, ()):
        # "Calls upon, in this regard, States" is "Calls upon" as much as "Calls upon States".
        if _whole_words(particle).match(rest):
            phrase = f"{verb} {particle}"
            break
    if verb == "having" and _LOWER_WORD.fullmatch(rest.split(" ", 1)[0]):
        phrase = f"{verb} {rest.split(' ', 1)[0]}"  # "Having considered the report" -> "Having considered"
    if verb in WITH_OBJECT:
        obj = _ITS.sub("", rest)
        stop = OBJECT_STOP.search(obj)
        obj = (obj[:stop.start()] if stop else obj).strip()
        if obj and len(obj.split()) <= 3:
            phrase = f"{verb} {obj}"
    phrase = f"{adverb} {phrase}" if adverb else phrase
    return phrase[:1].upper() + phrase[1:]


def addressees(opening: str, verb: str | None = None) -> list[str]:
    """The categories addressed by the opening verb, in CATEGORIES order; [] when it addresses
    no one ("Decides to remain seized of the matter"). `verb`: operative_verb(opening) when the
    caller has it already (paragraph_labels)."""
    verb = (operative_verb(opening) if verb is None else verb).lower()
    text = FOLDED.sub("", opening.strip())
    base = _LOWER_ADVERB.sub("", verb)
    ways = ADDRESSING.get(base, ())
    after = _after_verb(text, base)
    that = _THAT_CLAUSE.match(after) if THAT in ways else None
    if that:
        span = that.group(1)
    elif OBJECT in ways:
        # "Encourages the Office ..., in collaboration with relevant experts, particularly the
        # Special Rapporteur ..., to initiate": those collaborated with are not addressed.
        stop = _OBJECT_END.search(after)
        span = after[:stop.start()] if stop else after
    else:
        return []
    return categories_in(span)


def categories_in(span: str) -> list[str]:
    """The CATEGORIES whose pattern finds something in `span`, in CATEGORIES order."""
    if not span.isascii():
        return [name for name, pattern in CATEGORIES if pattern.search(span)]
    lowered = span.lower()
    return [name for name, pattern, needs in _SCREENED
            if any(need in lowered for need in needs) and pattern.search(span)]


def _after_verb(text: str, verb: str) -> str:
    """The text after the verb phrase ("Requests the Secretary-General to" -> "the Secretary-General to")."""
    words = verb.split()
    rest = _ANY_ADVERB.sub("", text)
    for word in words:
        rest = _leading_word(word).sub("", rest, count=1)
        rest = FOLDED.sub("", rest)
    return rest


# The patterns above, compiled once (one paragraph in two passes through them while indexing).
_LOWER_WORD = re.compile(r"[a-z]+")
_ITS = re.compile(r"^its\s+", re.I)
_LOWER_ADVERB = re.compile(r"^[a-z]+ly\s+")
_ANY_ADVERB = re.compile(r"^[a-z]+ly\s+", re.I)
_THAT_CLAUSE = re.compile(r"that\s+(.*?)(?:\s+(?:shall|should|must|will|to)\b|$)", re.I)
_OBJECT_END = re.compile(r"\s+to\s+(?!the\b|its\b|their\b)|[:;]|,?\s+in (?:collaboration|coordination|cooperation) "
                         r"with\b")


@lru_cache(maxsize=256)
def _whole_words(particle: str) -> re.Pattern:
    """"upon" as whole words at the start: not "upon-" nor "uponx"."""
    return re.compile(re.escape(particle) + r"(?![\w-])", re.I)


@lru_cache(maxsize=1024)
def _leading_word(word: str) -> re.Pattern:
    """A verb phrase's word at the start, "its" allowed before it: "its full" in "Expresses its full support"."""
    return re.compile(r"^(?:its\s+)?" + re.escape(word) + r"\b[\s,]*", re.I)
