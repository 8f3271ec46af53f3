"""The default matching key: a word's inflections share it, derived words do not.

"nationality" and "nationalities" -> "nationality"; "national" -> "national"; "nation"/"nations"
-> "nation": a researcher counting "nationality" is not shown every "United Nations" (NLTK's
Snowball reduced all of them to "nation": 13,904 paragraphs instead of 60 on the shared corpus).

The dictionary is LemmInflect's (MIT; its lemma tables ship inside the PyPI package, no download),
read without part-of-speech tagging, so one key must serve every reading of a spelling:

  * the noun reading wins, then the verb: "lives" -> "life" (the "loss of lives"), "detained" ->
    "detain", "united" -> "unite"; adjective and adverb readings keep the word itself, so
    comparatives never merge ("best interests of the child" is not "good");
  * a noun that is a verb's -ing form joins the verb: "meetings" -> "meeting" -> "meet",
    "Urging" (the preambular verb) -> "urge", "trafficking" -> "traffic";
  * modal verbs stay themselves: "shall" and "should" differ in law, so do "may" and "might";
    "being"/"beings" stay apart from "is" (a noun, "human beings");
  * words outside the dictionary (names, numbers, OCR slips) are their own key: "Ivoire".

Chosen by measurement over the shared corpus vocabulary (21,132 words): of LemmInflect's 7,111
noun and verb paradigms met there, these rules keep all but 100 whole and merge no two words of
different lemmas except the irregular paradigms (took/take, met/meet); simplemma (MIT) split 173,
turned "developed" into "develope" and "to" into "ta". See tests/test_inflections.py.
"""

from __future__ import annotations

from functools import lru_cache

# The `language` value that makes analysis.py's functions use this key; the index records the
# analyser as "inflections-v2" (text/analysers.py): changing any key below needs a new name.
NAME = "inflections"

# Verbs whose forms a researcher reads as different words ("shall" is binding, "should" is not).
_MODALS = frozenset({"shall", "should", "will", "would", "can", "could", "may", "might", "must", "ought"})
# Spellings the dictionary reads wrongly for UN texts: "does" as the plural of "doe".
_OVERRIDES = {"does": "do", "doing": "do", "data": "data", "media": "media", "being": "being",
              "beings": "being"}
_AUXILIARIES = frozenset({"be", "have", "do"})


@lru_cache(maxsize=500_000)
def inflection_key(word: str) -> str:
    """The key of a folded word (lower case, no accents): the lemma its inflections share.

    >>> [inflection_key(w) for w in ("defenders", "detaining", "nationalities", "national")]
    ['defender', 'detain', 'nationality', 'national']
    """
    if word in _MODALS or not word.isalpha():
        return word
    if word in _OVERRIDES:
        return _OVERRIDES[word]
    # Imported at the first word keyed (a cache miss): the import and its dictionary take about a
    # second, which `searchapp --help` and every command that analyses no text should not pay.
    import lemminflect

    lemmas = lemminflect.getAllLemmas(word)
    if "NOUN" in lemmas:
        key = lemmas["NOUN"][0]
    elif "VERB" in lemmas or "AUX" in lemmas:
        key = (lemmas.get("VERB") or lemmas["AUX"])[0]
    else:
        return word
    if key.endswith("ing"):
        verb = lemminflect.getAllLemmas(key).get("VERB")
        if verb and verb[0] not in _AUXILIARIES:
            key = verb[0]
    return word if key in _MODALS else key  # "willing" is not a form of "will"
