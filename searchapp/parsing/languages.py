"""Which official language a text is written in, and the words the parser looks for in each.

The parser reads English, French and Spanish texts. A text is recognised by its body line first
("The General Assembly," / "L'Assemblée générale," / "La Asamblea General,"), then, when it has
none, as English when English function words plainly dominate (plainly_english), else by
py3langid (BSD-3; chosen over langdetect after measuring both on the six UDHR texts and 100 GA
openings: 8 against 40 paragraphs misread, 0.13 against 1.5 ms a paragraph; on whole texts every
English file of the shared corpus is read as English). Any other language is refused with its
name, not indexed with English analysis.
"""

from __future__ import annotations

import re

from searchapp.exceptions import BadInputFile
from searchapp.models import (
    COMMISSION,
    ECOSOC,
    GENERAL_ASSEMBLY,
    HUMAN_RIGHTS_COUNCIL,
    LANGUAGES,
    SECURITY_COUNCIL,
)
from searchapp.parsing.openings import extend_opening, opening_words
from searchapp.text.folding import MONTHS_BY_LANGUAGE

# Each body's name as its body line prints it, per language: "L'Assemblée générale,".
BODY_NAMES = {
    "en": {name: name for name in (COMMISSION, HUMAN_RIGHTS_COUNCIL, GENERAL_ASSEMBLY, ECOSOC, SECURITY_COUNCIL)},
    "fr": {COMMISSION: "Commission des droits de l['’]homme", HUMAN_RIGHTS_COUNCIL: "Conseil des droits de l['’]homme",
           GENERAL_ASSEMBLY: "Assemblée générale", ECOSOC: "Conseil économique et social",
           SECURITY_COUNCIL: "Conseil de sécurité"},
    "es": {COMMISSION: "Comisión de Derechos Humanos", HUMAN_RIGHTS_COUNCIL: "Consejo de Derechos Humanos",
           GENERAL_ASSEMBLY: "Asamblea General", ECOSOC: "Consejo Económico y Social",
           SECURITY_COUNCIL: "Consejo de Seguridad"},
}
# The article before the name: "The", "L'" / "Le" / "La", "La" / "El".
_ARTICLES = {"en": r"The\s+", "fr": r"(?:L['’]\s*|Le\s+|La\s+)", "es": r"(?:La\s+|El\s+)"}


def body_line_pattern(language: str) -> str:
    """Regex source for a body line's words in `language`: "The\\s+General\\s+Assembly" ..."""
    names = "|".join(name.replace(" ", r"\s+") for name in BODY_NAMES[language].values())
    return rf"{_ARTICLES[language]}(?:{names})"


def body_named(flat: str, body: str) -> bool:
    """Does the flattened heading name `body` in any language ("Asamblea General")?"""
    return any(re.search(names[body], flat) for names in BODY_NAMES.values())


_BODY_LINES = {language: re.compile(rf"^\s*{body_line_pattern(language)}\s*,", re.MULTILINE | re.IGNORECASE)
               for language in BODY_NAMES}

# "19 décembre 2023", "1er décembre 2023"; "19 de diciembre de 2023".
FOREIGN_DATES = {
    "fr": re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS_BY_LANGUAGE["fr"]) + r")\s+((?:19|20)\d\d)\b",
                     re.IGNORECASE),
    "es": re.compile(r"\b(\d{1,2})\s+de\s+(" + "|".join(MONTHS_BY_LANGUAGE["es"]) + r")\s+de\s+((?:19|20)\d\d)\b",
                     re.IGNORECASE),
}
# Meeting lines: "50e séance plénière", "28e séance"; "50ª sesión plenaria", "28a. sesión".
FOREIGN_MEETING_WORDS = (r"\d{1,5}(?:e|re|ème)\s+séance(?:\s+plénière)?"
                         r"|\d{1,5}\s?[ªa]\.?\s+sesión(?:\s+plenaria)?")
# "[Adoptée sans vote.]", "Adoptée à l'unanimité à la 3157e séance."; "[Aprobada sin votación.]".
FOREIGN_ADOPTED_WORDS = r"Adopté(?:e|es|s)?\b|Aprobad[ao]s?\b"
# "Résolution adoptée par l'Assemblée générale le 19 décembre 2023"; "Resolución aprobada por la
# Asamblea General el 19 de diciembre de 2023".
FOREIGN_ADOPTION = re.compile(r"(?:adoptée\s+par\s.{0,60}?\sle|aprobada\s+por\s.{0,60}?\sel)"
                              r"\s+(\d{1,2}(?:er)?\s+(?:de\s+)?\w+\s+(?:de\s+)?\d{4})", re.IGNORECASE)

_NAMES = {"ru": "Russian", "ar": "Arabic", "zh": "Chinese", "de": "German", "pt": "Portuguese",
          "it": "Italian", "nl": "Dutch", "ja": "Japanese", "ko": "Korean", "uk": "Ukrainian"}


MIN_LETTERS = 200
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# English prose without its body line (drafts, Council texts, reports) is told from the model's
# other languages by its function words: among the words of the first 3,000 characters, at least
# ENGLISH_SHARE are these and at most OTHER_SHARE are those of French, Spanish, Portuguese,
# Italian, German or Dutch. The shared corpus's 126 such texts (text files and PDFs) have
# 0.137-0.38 and 0-0.009; the UDHR's English text 0.29 and 0; its French and Spanish texts 0 and
# 0.21-0.22. A text short of either goes to py3langid, as every text did before.
_ENGLISH_WORDS = frozenset("the of and to in its for on by with that".split())
_OTHER_WORDS = frozenset("""
le la les des du et une est dans pour sur aux au qui
el los las del y una por con para sus
que da os em um uma dos das não il di che della delle gli
und der das ist nicht ein eine den dem zu het een van niet
""".split())
ENGLISH_SHARE = 0.12
OTHER_SHARE = 0.02


def recognise_language(text: str, source: str) -> str:
    """The language code ("en", "fr", "es") of a text; BadInputFile for any other language."""
    for language, pattern in _BODY_LINES.items():
        if pattern.search(text):
            return language
    if len(_LETTER.findall(text, 0, 3000)) < MIN_LETTERS:
        return "en"  # too little text to judge: the English parser decides (and may refuse)
    sample = " ".join(text[:3000].split())
    if plainly_english(sample):
        return "en"  # py3langid's model costs 0.5 s of CPU to load, in each process that parses
    import py3langid  # loads its model only for texts without a body line that are not plainly English

    code, _ = py3langid.classify(sample)
    if code in LANGUAGES:
        return code
    raise BadInputFile(source, f"written in {_NAMES.get(code, 'language code ' + repr(code))}, it seems: "
                               f"searchapp reads {', '.join(LANGUAGES.values())} texts only")


def plainly_english(sample: str) -> bool:
    """Do English function words make up ENGLISH_SHARE of the words of `sample`, and other
    languages' at most OTHER_SHARE ("the", "of", "and" ... against "le", "des", "los", "und" ...)?"""
    words = _WORD.findall(sample.lower())
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    other = sum(1 for word in words if word in _OTHER_WORDS)
    return english >= ENGLISH_SHARE * len(words) and other <= OTHER_SHARE * len(words) and english > 0


# Opening phrases beyond the first word, per language: a participle that needs its object
# ("Prenant note", "Tomando nota", "Teniendo presente"), a reflexive ("Se félicitant"), an adverb
# in -ment/-mente before the verb ("Profondément préoccupée", "Profundamente preocupada"), and
# what may follow ("Rappelant également", "Decide además", "Notant avec préoccupation").
_NEEDS_NEXT = {"fr": {"prenant", "tenant", "ayant", "étant", "se"},
               "es": {"tomando", "teniendo", "habiendo", "poniendo", "haciendo"}}
_ADVERB_ENDINGS = {"fr": "ment", "es": "mente"}
_FOREIGN_CONTINUATIONS = {
    "fr": (("également",), ("en", "outre"), ("de", "nouveau"), ("avec", "préoccupation"),
           ("avec", "une", "profonde", "préoccupation"), ("avec", "satisfaction"), ("avec", "inquiétude"),
           ("note",), ("compte",)),
    "es": (("también",), ("además",), ("asimismo",), ("con", "preocupación"), ("con", "profunda", "preocupación"),
           ("con", "beneplácito"), ("con", "satisfacción"), ("de", "relieve"), ("nota",), ("presente",),
           ("en", "cuenta")),
}


def foreign_opening_phrase(text: str, language: str) -> str:
    """"Prenant note avec satisfaction du rapport" -> "Prenant note avec satisfaction";
    "Profundamente preocupada por" -> "Profundamente preocupada"; "Décide en outre" ->
    "Décide en outre"; "Rappelant sa résolution" -> "Rappelant"."""
    words = opening_words(text)
    if not words:
        return ""
    first = words[0].lower()
    # ("S'inquiétant" holds its verb already.)
    takes_next = len(words) > 1 and (first in _NEEDS_NEXT[language]
                                     or (first.endswith(_ADVERB_ENDINGS[language]) and len(first) > 6))
    return extend_opening(words, 2 if takes_next else 1, _FOREIGN_CONTINUATIONS[language])
