"""The format record: how a generation was built, so that nothing reads it with other rules.

Every generation holds `format.json`, written when it is committed:

    {"format_version": 5,
     "analysis": {"analyser": "snowball-v1", "stemmer_language": "english", "options": {}},
     "common_stems_digest": "9c4e...",        (the common-word list behind the shingle field)
     "searchapp_version": "0.1.0", "built": "2026-11-29T08:30:00Z"}

Searching and highlighting take their analysis from this record (text/analysers.py:
`analysis_for`), never from config.toml. A generation this searchapp cannot read the same way
it was written is refused with IndexUnusable ("run `searchapp index --rebuild`"), naming the
difference: no record or an older format version, a different common-word list (one word
added to it turned "freedom of expression" from 91 hits to 0 on the shared corpus), an
analyser this version does not have, or a config asking for another stemmer than the index has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from searchapp import __version__
from searchapp.engine.common_stems import COMMON_STEMS
from searchapp.exceptions import IndexUnusable
from searchapp.text.analysers import Analysis, AnalysisSettings, UnknownAnalysis, analysis_for

# 1: generations written before the record existed (no format.json). Raise this whenever what
# is written changes so that an older reader or writer would get it wrong.
# 3: documents.json records carry document_type, committee, agenda_items, language, has_symbol
#    (facets), and drafts without a UN symbol are keyed "no symbol (file 18-04038)".
# 4: the `rare` field (positions of the words that are not common), which phrases now read.
# 5: French and Spanish paragraphs also carry their own language's prefixed stems ("fr:condamn").
# 6: documents.json records carry the sponsors of draft resolutions (a facet).
# 7: annexes and footnotes are paragraphs (kind "annex" / "footnote"; stored label, heading and
#    footnotes; arrays.npz `kind` codes 0-3 as models.KINDS and a `part` column as models.PARTS).
# 8: stored `verb` and `addressees` per paragraph, arrays.npz `verb` / `addressee` columns with
#    their vocabularies `verb_names` / `addressee_names` (the facets of issue 16 §5).
# 9: a possessive "'s" is folded away ("women's" -> "women"; analyser inflections-v2), in every
#    analyser's terms, so an index of 8 holds "womens" and must be rebuilt.
# 10: the rarer words' positions are no longer a Whoosh field (`rare`) but one file per segment
#     (MAIN_<segment>.rare, engine/rare_positions.py) read as NumPy arrays: an index of 9 has none.
# 11: each .rare file also says which of its stems are joined compounds' terms too (SAPOS02).
FORMAT_VERSION = 11
FORMAT_FILE = "format.json"
REBUILD = "run `searchapp index --rebuild` to build it again"


def common_stems_digest(stems=COMMON_STEMS) -> str:
    """SHA-256 (first 16 hex digits) of the sorted common-word list, one stem a line."""
    return hashlib.sha256("\n".join(sorted(stems)).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class IndexFormat:
    format_version: int
    analysis: AnalysisSettings
    common_stems_digest: str
    searchapp_version: str
    built: str  # ISO 8601, UTC

    @classmethod
    def current(cls, analysis: AnalysisSettings) -> IndexFormat:
        """The record of a generation written now by this searchapp with `analysis`."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        return cls(FORMAT_VERSION, analysis, common_stems_digest(), __version__,
                   now.isoformat().replace("+00:00", "Z"))

    def to_json(self) -> dict:
        return {
            "format_version": self.format_version,
            "analysis": {"analyser": self.analysis.analyser,
                         "stemmer_language": self.analysis.stemmer_language,
                         "options": dict(self.analysis.options)},
            "common_stems_digest": self.common_stems_digest,
            "searchapp_version": self.searchapp_version,
            "built": self.built,
        }

    @classmethod
    def from_json(cls, raw: dict) -> IndexFormat:
        """KeyError/TypeError/ValueError when a field is missing or of the wrong type."""
        analysis = raw["analysis"]
        options = analysis.get("options") or {}
        return cls(
            format_version=int(raw["format_version"]),
            analysis=AnalysisSettings(str(analysis["analyser"]), str(analysis["stemmer_language"]),
                                      tuple(sorted((str(k), str(v)) for k, v in options.items()))),
            common_stems_digest=str(raw["common_stems_digest"]),
            searchapp_version=str(raw.get("searchapp_version", "?")),
            built=str(raw.get("built", "?")),
        )


def write_format(folder: Path, record: IndexFormat) -> None:
    """Write the record into a generation being built (beside, then renamed: the file may be a
    hard link shared with the live generation)."""
    path = folder / FORMAT_FILE
    tmp = path.with_name(FORMAT_FILE + ".tmp")
    tmp.write_text(json.dumps(record.to_json(), indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_format(generation: Path) -> IndexFormat:
    """The generation's record, checked to be one this searchapp reads as it was written;
    IndexUnusable otherwise (no record, older or newer format version, different common-word
    list, unknown analyser)."""
    path = generation / FORMAT_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        version = int(raw["format_version"])
    except FileNotFoundError:
        raise IndexUnusable(f"the index in {generation} was built by an older searchapp (format version 1, "
                            f"no {FORMAT_FILE}); this searchapp reads format version {FORMAT_VERSION}: "
                            f"{REBUILD}") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnusable(f"the index in {generation} has an unreadable {FORMAT_FILE} ({exc}); {REBUILD}") from None
    if version != FORMAT_VERSION:
        raise IndexUnusable(f"the index in {generation} has format version {version}, this searchapp reads "
                            f"format version {FORMAT_VERSION}: {REBUILD}")
    try:
        record = IndexFormat.from_json(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IndexUnusable(f"the index in {generation} has an unreadable {FORMAT_FILE} "
                            f"(field {exc}); {REBUILD}") from None
    digest = common_stems_digest()
    if record.common_stems_digest != digest:
        raise IndexUnusable(f"the index in {generation} was built with a different common-word list "
                            f"(digest {record.common_stems_digest}, this searchapp's is {digest}), which "
                            f"decides the phrase terms it holds: {REBUILD}")
    analysis_of(record, generation)
    return record


def analysis_of(record: IndexFormat, generation: Path | str = "") -> Analysis:
    """The analysis functions the record's generation was built with (IndexUnusable if this
    searchapp does not have them)."""
    try:
        return analysis_for(record.analysis)
    except UnknownAnalysis as exc:
        raise IndexUnusable(f"the index in {generation} was built with {record.analysis.describe()}: {exc}; "
                            f"{REBUILD}") from None


def check_agrees(record: IndexFormat, wanted: AnalysisSettings, generation: Path) -> None:
    """IndexUnusable naming each difference between how the index was analysed and what the
    configuration asks for ("the index was built with stemmer english, config.toml asks for french")."""
    built = record.analysis
    differences = []
    # The analyser follows from the language (text/analysers.py: analyser_for_language): when the
    # languages differ, that difference is the one to name.
    if built.analyser != wanted.analyser and built.stemmer_language == wanted.stemmer_language:
        differences.append(f"analyser {built.analyser}, this searchapp uses {wanted.analyser}")
    if built.stemmer_language != wanted.stemmer_language:
        differences.append(f"stemmer {built.stemmer_language}, config.toml ([analysis] stemmer) asks for "
                           f"{wanted.stemmer_language}")
    if built.options != wanted.options:
        differences.append(f"options {dict(built.options)}, the configuration asks for {dict(wanted.options)}")
    if differences:
        raise IndexUnusable(f"the index in {generation} was built with " + "; and with ".join(differences)
                            + f": {REBUILD} with these settings (or change the configuration back)")
