"""Document titles as searchable text: `title:impunity`, `title:"human rights defenders"`, and the
title words of a query for ranking (search/ranking.py).

Titles are one per document (the document table holds them), so they are indexed in memory when
a generation is first asked, with the generation's own analysis: about 1,700 titles on the
shared corpus, a few milliseconds. A title term matches every paragraph of its documents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapp.models import DRAFT_RESOLUTION
from searchapp.text import analysis as chain
from searchapp.text.analysers import Analysis


@dataclass
class TitleIndex:
    keys: list[frozenset[str]]  # per document: the keys of its title's words (compound spellings too)
    sequences: list[tuple[str, ...]]  # per document: the title's keys in order (compound parts)
    postings: dict[str, np.ndarray]  # key -> the documents whose title holds it
    words: list[int]  # per document: how many different keys its title's own words have

    @classmethod
    def build(cls, titles: list[str], analysis: Analysis,
              compounds: dict[str, list[str]] | None = None) -> TitleIndex:
        """`compounds`: the index's joined compounds and their parts (compounds.json), so that a
        title holds a compound in each spelling a query's words are looked up in (below)."""
        keys, sequences, words = [], [], []
        postings: dict[str, list[int]] = {}
        for doc, title in enumerate(titles):
            spans = analysis.analyse_spans(title or "")
            own = frozenset(t[0] for t in spans)
            keys.append(own | _compound_spellings(spans, analysis, compounds or {}))
            sequences.append(tuple(t[0] for t in spans if not t[4]))
            words.append(len(own))
            for key in keys[-1]:
                postings.setdefault(key, []).append(doc)
        return cls(keys, sequences, {k: np.array(v, dtype=np.int64) for k, v in postings.items()}, words)

    def documents_with(self, stems: list[str]) -> np.ndarray:
        """Boolean per document: its title holds these keys in this order (one key: anywhere)."""
        if len(stems) == 1:
            return np.array([stems[0] in k for k in self.keys], dtype=bool)
        size = len(stems)
        wanted = tuple(stems)
        return np.array([any(seq[i:i + size] == wanted for i in range(len(seq) - size + 1))
                         for seq in self.sequences], dtype=bool)

    def coverage(self, stems: set[str]) -> np.ndarray:
        """Per document, the share (0..1) of `stems` its title holds."""
        held = [self.postings[s] for s in stems if s in self.postings]
        if not held:
            return np.zeros(len(self.keys), np.float32)
        counts = np.bincount(np.concatenate(held), minlength=len(self.keys))
        return (counts / len(stems)).astype(np.float32)


def _compound_spellings(spans, analysis: Analysis, compounds: dict[str, list[str]]) -> set[str]:
    """The other spellings of a title's compounds that the evaluator also looks a query's words up
    in (engine/evaluate.py `_join_compounds`, `_term`): two adjacent words the index knows joined
    ("Article 73 e" -> "73e", which a footnote's symbol "A/78/73-E/2023/61" made a compound of the
    corpus) and the parts of a joined one ("nongovernmental" -> "non", "governmental"). Without
    them the query "... Article 73 e ..." holds a key ("73e") its own title lacks."""
    plain = [t[1] for t in spans if not t[4]]
    extra = {analysis.stem(a + b) for a, b in zip(plain, plain[1:]) if a + b in compounds}
    extra.update(analysis.stem(p) for word in plain for p in compounds.get(word, ()))
    return extra


def title_index(snapshot, analysis: Analysis) -> TitleIndex:
    """The generation's title index, built on first use."""
    return snapshot.cached(("titles", analysis.key),
                           lambda: TitleIndex.build([r.get("title") or "" for r in snapshot.table.records], analysis,
                                                    snapshot.compounds))


def title_stems(words: list[str], analysis: Analysis) -> list[str]:
    """The keys of a title query's folded words, compounds in parts."""
    return [analysis.stem(p) for w in words for p in chain.split_compound(w) if p]


def title_coverage(snapshot, stems: set[str]) -> np.ndarray:
    """Per document of `snapshot`, the share (0..1) of the query's keys `stems` its title holds."""
    return title_index(snapshot, snapshot.analysis).coverage(stems)


def documents_titled(snapshot, stems: set[str], limit: int = 5) -> list[int]:
    """Indexes (into snapshot.table.records) of the documents whose title holds every key of
    `stems`: the closest titles first (fewest other words), then drafts after the other texts
    (a Third Committee draft carries its resolution's title word for word: A/C.3/80/L.16 and
    A/RES/78/172, "Inclusive policies and programmes to address homelessness ..."), then the
    newest."""
    if not stems:
        return []
    index = title_index(snapshot, snapshot.analysis)
    whole = np.flatnonzero(index.coverage(stems) >= 1.0)
    if not len(whole):
        return []
    extra = np.array([index.words[d] for d in whole])
    records = snapshot.table.records
    draft = np.array([records[d].get("document_type") == DRAFT_RESOLUTION for d in whole.tolist()])
    date = snapshot.table.date[whole]
    return [int(d) for d in whole[np.lexsort((-date, draft, extra))][:limit]]
