"""Evaluates a parsed query tree over NumPy postings: doc numbers, BM25 scores and mentions.

Every leaf becomes a Match (sorted doc numbers with a score and a mention count each) read in
bulk from the postings; AND/OR/NOT are NumPy set operations. Nothing is scored one document at a
time, so counting 30,000 hits costs about what reading their postings costs.

Mentions: a word counts its occurrences in the paragraph; a phrase its occurrences as a phrase;
alternatives of one word (a compound's joined and split forms) count once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from whoosh import query

from searchapp.engine.postings import term_positions
from searchapp.engine.proximity import near_occurrences
from searchapp.engine.rare_positions import (
    counts_in,
    keys_in,
    live_paragraphs_holding,
    per_paragraph,
    phrase_starts,
    positions_as_keys,
)
from searchapp.engine.reading import Snapshot
from searchapp.engine.schema import phrase_pieces
from searchapp.engine.titles import title_index, title_stems
from searchapp.exceptions import BadQuery
from searchapp.text import analysis
from searchapp.text.analysers import DEFAULT_ANALYSIS, Analysis
from searchapp.text.own_language import extra_language, own_stem

K1, B = 1.2, 0.75
MAX_SPELLINGS = 16  # written forms of one phrase tried (each compound: joined or in parts)


class MetadataFields(Protocol):
    """`body:GA`, `year:[2000 TO 2009]` in a query: boolean masks over every doc number, given
    by the search layer's filter registry (searchapp/search/filters.py QueryFields)."""

    names: tuple[str, ...]

    def field_equals(self, fieldname: str, value: str) -> np.ndarray: ...

    def field_range(self, fieldname: str, start: str | None, end: str | None) -> np.ndarray: ...


@dataclass
class Match:
    ids: np.ndarray  # sorted unique global doc numbers
    score: np.ndarray  # float32, parallel to ids
    mentions: np.ndarray  # int32, parallel to ids

    @staticmethod
    def empty() -> Match:
        return Match(np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros(0, np.int32))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Targets:
    """What the highlighter marks: stems, exact words and stem sequences (phrases)."""

    stems: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)
    analysis: Analysis = DEFAULT_ANALYSIS  # the index's: the highlighter re-analyses paragraphs with it
    notices: tuple[str, ...] = ()  # what the query's reading ignored ("OR" at the end ...)


def _intersect(a: Match, b: Match) -> Match:
    ids, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return Match(ids, a.score[ia] + b.score[ib], a.mentions[ia] + b.mentions[ib])


def _union(matches: list[Match], combine: str = "sum") -> Match:
    matches = [m for m in matches if len(m)]
    if not matches:
        return Match.empty()
    if len(matches) == 1:
        return matches[0]
    if combine == "max" and len(matches) == 2:
        return _union_of_two(*sorted(matches, key=len))
    ids = np.concatenate([m.ids for m in matches])
    unique, inverse = np.unique(ids, return_inverse=True)
    score = np.concatenate([m.score for m in matches])
    mentions = np.concatenate([m.mentions for m in matches])
    if combine == "sum":
        return Match(
            unique,
            np.bincount(inverse, weights=score, minlength=len(unique)).astype(np.float32),
            np.bincount(inverse, weights=mentions, minlength=len(unique)).astype(np.int32),
        )
    best_score = np.zeros(len(unique), np.float32)
    best_mentions = np.zeros(len(unique), np.int32)
    np.maximum.at(best_score, inverse, score)
    np.maximum.at(best_mentions, inverse, mentions)
    return Match(unique, best_score, best_mentions)


def _union_of_two(small: Match, large: Match) -> Match:
    """_union(combine="max") of two matches without sorting their doc numbers again: the smaller's
    are looked up in the larger's and the missing ones inserted where they belong ("climate
    change" is 1,186 paragraphs of the phrase and 1 of the joined "climate-change"). The same
    arrays as the sorting way, scores and mentions being never negative (BM25, counts, zeros)."""
    at = np.searchsorted(large.ids, small.ids)
    inside = at < len(large.ids)
    both = np.zeros(len(small.ids), dtype=bool)
    both[inside] = large.ids[at[inside]] == small.ids[inside]
    score = large.score.astype(np.float32)  # copies: the larger may be a cached posting list
    mentions = large.mentions.astype(np.int32)
    shared = at[both]
    score[shared] = np.maximum(score[shared], small.score[both])
    mentions[shared] = np.maximum(mentions[shared], small.mentions[both])
    new = ~both
    if not new.any():
        return Match(large.ids, score, mentions)
    where = at[new]
    return Match(np.insert(large.ids, where, small.ids[new]), np.insert(score, where, small.score[new]),
                 np.insert(mentions, where, small.mentions[new]))


def _without(a: Match, b: Match) -> Match:
    keep = ~np.isin(a.ids, b.ids, assume_unique=True)
    return Match(a.ids[keep], a.score[keep], a.mentions[keep])


class Evaluator:
    """One evaluation of one query over one snapshot; `targets` collects what to highlight."""

    def __init__(self, snapshot: Snapshot, *, max_expansions: int, analysis: Analysis | None = None,
                 fields: MetadataFields | None = None):
        self.snapshot = snapshot
        self.max_expansions = max_expansions
        # The generation's own analysis (its format record), unless a caller names another.
        self.analysis = analysis or snapshot.analysis
        self.fields = fields
        self.targets = Targets(analysis=self.analysis)
        # The languages whose texts also carry their own prefixed stems (French, Spanish).
        self._own_languages = snapshot.cached(
            f"own-languages:{self.analysis.settings.stemmer_language}",
            lambda: sorted({code for r in snapshot.table.records
                            if (code := extra_language(r.get("language"), self.analysis))}))
        self._negated = 0
        self._quiet: set[str] = set()  # stop words of an unquoted query: required, not counted
        self._expanded = 0  # words all wildcards and prefixes of the query stood for so far

    # -- entry -------------------------------------------------------------------------------
    def run(self, tree: query.Query) -> Match:
        # Function words typed between the words of an unquoted query ("right to life") still
        # have to occur, but they are not what the researcher counts: no mentions, no marks.
        self._quiet = {w for w in _plain_words(tree) if w in STOP_WORDS} if any(
            w not in STOP_WORDS for w in _plain_words(tree)) else set()
        return self._eval(tree)

    def _eval(self, node: query.Query) -> Match:
        if isinstance(node, query.Every):
            return self._all()
        if node is query.NullQuery or isinstance(node, type(query.NullQuery)):
            return Match.empty()
        if isinstance(node, (query.And, query.Require)):
            return self._and(list(node.children()) if isinstance(node, query.And) else [node.a, node.b])
        if isinstance(node, query.Or):
            return _union([self._eval(child) for child in node.children()])
        if isinstance(node, query.AndNot):
            return _without(self._eval(node.a), self._negative(node.b))
        if isinstance(node, query.AndMaybe):
            required, optional = self._eval(node.a), self._eval(node.b)
            return _union([required, _intersect(optional, required)])
        if isinstance(node, query.Not):
            return _without(self._all(), self._negative(node.query))
        if isinstance(node, query.Term):
            return self._term(node.fieldname, node.text)
        if isinstance(node, query.Phrase):
            if node.slop > 1:
                return self._near(node.fieldname, list(node.words), node.slop)
            return self._phrase(node.fieldname, list(node.words))
        if isinstance(node, (query.Prefix, query.Wildcard)):
            return self._expansion(node)
        if isinstance(node, query.TermRange):
            return self._metadata_range(node)
        raise BadQuery(f"this kind of query is not supported: {node}")

    def _and(self, children) -> Match:
        positives = [c for c in children if not isinstance(c, query.Not)]
        negatives = [c.query for c in children if isinstance(c, query.Not)]
        parts = self._join_compounds(positives)
        result = parts[0] if parts else self._all()
        for part in parts[1:]:
            if not len(result):
                break
            result = _intersect(result, part)
        for child in negatives:
            result = _without(result, self._negative(child))
        return result

    def _join_compounds(self, nodes) -> list[Match]:
        """Evaluate AND operands; two adjacent words that the index knows as one compound
        ("non governmental" -> "nongovernmental") also match the joined word."""
        matches, i = [], 0
        while i < len(nodes):
            node, after = nodes[i], nodes[i + 1] if i + 1 < len(nodes) else None
            if (after is not None and all(isinstance(n, query.Term) and n.fieldname == "text"
                                          and "-" not in n.text for n in (node, after))
                    and node.text + after.text in self.snapshot.compounds):
                both = _intersect(self._eval(node), self._eval(after))
                matches.append(_union([both, self._term("text", node.text + after.text)], combine="max"))
                i += 2
            else:
                matches.append(self._eval(node))
                i += 1
        return matches

    def _negative(self, node) -> Match:
        self._negated += 1
        try:
            return self._eval(node)
        finally:
            self._negated -= 1

    def _all(self) -> Match:
        ids = np.flatnonzero(self.snapshot.alive).astype(np.int64)
        return Match(ids, np.zeros(len(ids), np.float32), np.zeros(len(ids), np.int32))

    # -- words ---------------------------------------------------------------------------------
    def _postings(self, fieldname: str, term: str) -> Match:
        ids, tf = self.snapshot.postings(fieldname, term)
        if not len(ids):
            return Match.empty()
        return Match(ids, self._bm25(ids, tf, len(ids)), tf.astype(np.int32))

    def _bm25(self, ids: np.ndarray, tf: np.ndarray, df: int, norm: np.ndarray | None = None) -> np.ndarray:
        """BM25 of a term in the paragraphs `ids`: `tf` its float32 frequencies there, `df` the
        live paragraphs holding it; `norm`: _length_norm(ids) when already computed."""
        idf = math.log(1 + (self.snapshot.alive_count - df + 0.5) / (df + 0.5))
        if norm is None:
            norm = self._length_norm(ids)
        return (idf * tf * (K1 + 1) / (tf + norm)).astype(np.float32, copy=False)

    def _length_norm(self, ids: np.ndarray) -> np.ndarray:
        """BM25's length normalisation of the paragraphs `ids` (float32)."""
        return K1 * (1 - B + B * self.snapshot.length[ids] / self.snapshot.average_length)

    def _stem(self, word: str) -> str:
        return self.analysis.stem(word)

    def _term(self, fieldname: str, word: str) -> Match:
        if fieldname == "family":
            return self._family(word)
        if fieldname == "title":
            return self._title([word])
        if fieldname not in ("text", "exact"):
            return self._metadata_term(fieldname, word)
        parts = analysis.split_compound(word)
        if len(parts) > 1:  # "non-governmental": the joined word, or the parts as a phrase
            joined = "".join(parts)
            return _union([self._term(fieldname, joined), self._phrase(fieldname, list(parts))],
                          combine="max")
        if not word:
            return Match.empty()
        if fieldname == "exact":
            if not self._negated:
                self.targets.words.add(word)
            return self._postings("exact", word)
        stemmed = self._stem(word)
        if word in self._quiet:
            found = self._postings("text", stemmed)
            return Match(found.ids, np.zeros(len(found), np.float32), np.zeros(len(found), np.int32))
        if not self._negated:
            self.targets.stems.add(stemmed)
        alternatives = [self._postings("text", stemmed)]
        alternatives += [self._postings("text", own_stem(word, code)) for code in self._own_languages]
        compound = self.snapshot.compounds.get(word)
        if compound:  # "nongovernmental" also finds "non governmental"
            alternatives.append(self._stem_phrase([self._stem(p) for p in compound]))
        return _union(alternatives, combine="max")

    def _family(self, word: str) -> Match:
        """`family:account`: every word of the index whose Snowball stem (in the index's stemmer
        language) is the word's: "account", "accounts", "accountability", "accountable", ...,
        each occurrence counted."""
        joined = "".join(analysis.split_compound(word))
        if not joined:
            return Match.empty()
        language = self.analysis.settings.stemmer_language
        root = analysis.stem(joined, language)
        # Snowball only rewrites a stem's last letter ("countries" -> "countri"): every member
        # of the family starts with the stem less that letter. Both the members and their
        # matches are kept per generation (`family:develop` is 7 posting lists on the corpus).
        words = self.snapshot.cached(("family", language, root), lambda: [
            w for w in self.snapshot.lexicon("exact", root[:max(1, len(root) - 1)])
            if analysis.stem(w, language) == root])
        if not self._negated:
            self.targets.words.update(words)

        def union() -> tuple[np.ndarray, ...]:
            found = _union([self._postings("exact", w) for w in words])
            return found.ids, found.score, found.mentions
        return Match(*self.snapshot.remembered(("family", language, root), union))

    def _phrase(self, fieldname: str, words: list[str]) -> Match:
        if fieldname == "title":
            return self._title(words)
        if fieldname == "family":
            raise BadQuery('family: takes one word (family:account), not a phrase; '
                           'a phrase in quotes already matches its words in their inflected forms')
        words = [w for w in words if w]
        if not words:
            return Match.empty()
        spellings = self._phrase_spellings(words)
        variants = [self._stem_phrase([self._stem(w) for w in spelling]) for spelling in spellings]
        # Spellings of two or more words match disjoint places (a compound is either written
        # joined or in parts), so their occurrences add up; a one-word spelling (the joined
        # compound) also stands where its parts do, so then the larger count is kept.
        result = _union(variants, combine="sum" if min(map(len, spellings)) > 1 else "max")
        if fieldname == "exact":  # stemmed phrase whose words also occur in the exact form
            for word in words:
                exact = self._postings("exact", "".join(analysis.split_compound(word)))
                result = _intersect(result, Match(exact.ids, np.zeros(len(exact), np.float32),
                                                  np.zeros(len(exact), np.int32)))
        # The phrase is marked as a phrase (its stems, added by _stem_phrase), never its words one
        # by one: `exact:"right to a nationality"` marks no stray "a" or "to" elsewhere.
        return result

    def _near(self, fieldname: str, words: list[str], distance: int) -> Match:
        """`"human defenders"~2`: the words in this order, each at most `distance` words after
        the one before ("human rights defenders"), each in its inflected forms; counted once per
        occurrence of the first word that starts such a sequence. Read from the words' positions
        in the postings (proximity.py), not from the stored text."""
        if fieldname != "text":
            raise BadQuery(f'"..."~{distance} (words near each other) works on plain words, not on {fieldname}:')
        stems = [self._stem(p) for w in words for p in analysis.split_compound(w) if p]
        if not stems:
            return Match.empty()
        if not self._negated:
            self.targets.stems.update(stems)
        candidates = self._postings("text", stems[0])
        if len(stems) == 1:
            return candidates
        for stem in stems[1:]:
            if not len(candidates):
                return candidates
            candidates = _intersect(candidates, self._postings("text", stem))
        counts = near_occurrences(self.snapshot, stems, distance, candidates.ids)
        return _keep_counted(candidates, lambda docnum: counts.get(docnum, 0))

    def _phrase_spellings(self, words: list[str]) -> list[tuple[str, ...]]:
        """Every way the phrase's compounds may be written, as word sequences: a compound in
        parts or joined ("non-governmental" / "nongovernmental" / "non governmental"), at most
        MAX_SPELLINGS of them (a phrase of many compounds keeps the first ones)."""
        options: list[list[tuple[str, ...]]] = []
        i = 0
        while i < len(words):
            word = words[i]
            parts = analysis.split_compound(word)
            joined = "".join(parts)
            after = words[i + 1] if i + 1 < len(words) else None
            if len(parts) > 1:
                options.append([parts, (joined,)])
            elif joined in self.snapshot.compounds:
                options.append([(joined,), tuple(self.snapshot.compounds[joined])])
            elif after and "-" not in after and word + after in self.snapshot.compounds:
                options.append([(word, after), (word + after,)])  # "non governmental"
                i += 1
            else:
                options.append([(word,)])
            i += 1
        spellings: list[tuple[str, ...]] = [()]
        for choices in options:
            spellings = [done + choice for done in spellings for choice in choices][:MAX_SPELLINGS]
        return list(dict.fromkeys(spellings))

    def _stem_phrase(self, stems: list[str]) -> Match:
        if len(stems) == 1:
            if not self._negated:
                self.targets.stems.add(stems[0])
            return self._postings("text", stems[0])
        if not self._negated:
            self.targets.phrases.add(tuple(stems))
        pieces = phrase_pieces(stems)
        if len(pieces) == 1:  # the phrase is one indexed shingle: exact, no positions needed
            return self._postings("shingles", pieces[0][2])
        if all(field == "shingles" for _, field, _ in pieces):
            candidates = self._postings("shingles", pieces[0][2])
            for _, _, term in pieces[1:]:
                if not len(candidates):
                    return candidates
                candidates = _intersect(candidates, self._postings("shingles", term))
        elif all(field == "rare" for _, field, _ in pieces) and (found := self._rare_phrase(stems, pieces)):
            return found
        else:  # a pair of rarer words: paragraphs holding every word, scored by its words
            candidates = self._postings("text", stems[0])
            for stem in stems[1:]:
                if not len(candidates):
                    return candidates
                candidates = _intersect(candidates, self._postings("text", stem))
        return self._verified(candidates, pieces)

    def _verified(self, candidates: Match, pieces: list[tuple[int, str, str]]) -> Match:
        """Keep the candidates where every piece stands at its offset from one start, with the
        number of such starts as mentions: the pieces' positions as `doc << 32 | position` keys
        (a rarer word's from rare_positions.py, whole arrays; a shingle's from its postings, for
        the candidates only), shifted by their offsets and intersected (no Python per paragraph)."""
        if not len(candidates):
            return candidates
        keys = [(offset, self._piece_keys(field, term, candidates.ids)) for offset, field, term in pieces]
        ids, counts = per_paragraph(keys_in(phrase_starts(keys), candidates.ids))
        if not len(ids):
            return Match.empty()
        return Match(ids, candidates.score[np.searchsorted(candidates.ids, ids)], counts.astype(np.int32))

    def _rare_phrase(self, stems: list[str], pieces: list[tuple[int, str, str]]) -> Match | None:
        """A phrase of rarer words only ("sexual violence"), answered from their positions alone:
        where it starts, how often per paragraph, and each word's BM25 in those paragraphs only,
        its frequency and paragraph count read from the same positions; the same Match as the
        candidates' way (_verified over the words' postings). None when a word's positions do
        not hold all its occurrences in the stemmed field (a joined compound, "nongovernmental"
        written "non-governmental", is a term of its own there, not a word of the sequence):
        then the candidates' way answers."""
        positions = self.snapshot.rare_positions
        keys = {term: positions.keys(term) for _, _, term in pieces}
        if not all(positions.complete(term) for term in keys):
            return None
        docs, counts = per_paragraph(phrase_starts([(offset, keys[term]) for offset, _, term in pieces]))
        # Without deletions (a fresh build) every paragraph is live: no lookups in `alive`.
        alive = self.snapshot.alive if self.snapshot.alive_count != self.snapshot.size else None
        if alive is not None:
            live = alive[docs]
            docs, counts = docs[live], counts[live]
        if not len(docs):
            return Match.empty()
        norm = self._length_norm(docs)  # the same for every word of the phrase
        frequencies = counts_in([keys[stem] for stem in stems], docs)
        terms = [self._bm25(docs, tf.astype(np.float32),
                            positions.paragraphs(stem) if alive is None else live_paragraphs_holding(keys[stem], alive),
                            norm) for stem, tf in zip(stems, frequencies)]
        score = terms[0]
        for term in terms[1:]:  # in the phrase's order, as _intersect adds them
            score = score + term
        return Match(docs, score, counts.astype(np.int32))

    def _piece_keys(self, field: str, term: str, candidates: np.ndarray) -> np.ndarray:
        if field == "rare":
            return self.snapshot.rare_positions.keys(term)
        found = term_positions(self.snapshot.segments, field, term.encode("utf-8"), candidates)
        return positions_as_keys(found)

    def _expansion(self, node) -> Match:
        """Prefix and wildcard queries over the exact (unstemmed) vocabulary, bounded."""
        # Hyphens do not matter in a wildcard either: "counter-terror*" is "counterterror*", which
        # the joined form of every hyphenated compound answers ("counter-terrorism" ->
        # "counterterrorism").
        if isinstance(node, query.Prefix):
            prefix = analysis.fold(analysis.normalise_text(node.text)).replace("-", "")
            terms = self._limited(self.snapshot.lexicon("exact", prefix), node.text + "*")
        else:
            pattern = analysis.fold(analysis.normalise_text(node.text)).replace("-", "")
            if not pattern.strip("*?"):
                raise BadQuery(f"the wildcard {node.text!r} matches every word; add some letters")
            terms = self._limited(self.snapshot.wildcard("exact", pattern), node.text)
        if not self._negated:
            self.targets.words.update(terms)
        return _union([self._postings("exact", t) for t in terms])

    def _limited(self, terms, shown: str) -> list[str]:
        """The words a wildcard or prefix stands for. max_expansions bounds the whole query: forty
        two-letter prefixes ('co* OR re* OR de* ...') are each under the limit on the corpus, but
        together 8,645 words and 5 s of a server that evaluates one query at a time."""
        found = []
        for term in terms:
            found.append(term)
            if len(found) > self.max_expansions:
                raise BadQuery(
                    f"{shown!r} matches more than {self.max_expansions} different words; "
                    "make it more specific (more letters before the *)"
                )
            if self._expanded + len(found) > self.max_expansions:
                raise BadQuery(
                    f"the wildcards and prefixes of this query match more than {self.max_expansions} "
                    "different words together; use fewer of them, or more letters before each *"
                )
        self._expanded += len(found)
        return found

    # -- metadata fields -----------------------------------------------------------------------
    def _metadata_fields(self) -> MetadataFields:
        if self.fields is None:
            raise BadQuery("metadata fields (body:, year:, ...) are not available here")
        return self.fields

    def _title(self, words: list[str]) -> Match:
        """`title:impunity`, `title:"human rights defenders"`: every paragraph of the documents
        whose title holds the words (in their inflected forms; a phrase in this order)."""
        stems = title_stems([w for w in words if w], self.analysis)
        if not stems:
            return Match.empty()
        documents = title_index(self.snapshot, self.analysis).documents_with(stems)
        doc = self.snapshot.doc
        return self._mask_match(np.where(doc >= 0, documents[np.maximum(doc, 0)], False)
                                if len(documents) else np.zeros(len(doc), bool))

    def _mask_match(self, mask: np.ndarray) -> Match:
        ids = np.flatnonzero(mask & self.snapshot.alive).astype(np.int64)
        return Match(ids, np.zeros(len(ids), np.float32), np.zeros(len(ids), np.int32))

    def _metadata_term(self, fieldname: str, value: str) -> Match:
        return self._mask_match(self._metadata_fields().field_equals(fieldname, value))

    def _metadata_range(self, node: query.TermRange) -> Match:
        return self._mask_match(self._metadata_fields().field_range(node.fieldname, node.start, node.end))


# English function words: in an unquoted query with other words they neither count as mentions
# nor get marked (issue 19 §3); inside a phrase they are part of it.
STOP_WORDS = frozenset("""a an the and or not of to in on at by for with from as into upon its it is are be
was were been this that these those which who whom whose their his her our your any all""".split())


def _plain_words(tree: query.Query) -> list[str]:
    """The folded words of the query's unquoted text terms (not phrases, not other fields)."""
    if isinstance(tree, query.Term):
        return [tree.text] if tree.fieldname == "text" else []
    if tree.is_leaf():
        return ["*"]  # a phrase, wildcard or field: something the researcher counts
    return [w for child in tree.children() for w in _plain_words(child)]


def _keep_counted(candidates: Match, occurrences) -> Match:
    """The candidates where the phrase occurs at least once, with its count as mentions."""
    keep, counts = [], []
    for i, docnum in enumerate(candidates.ids.tolist()):
        if hits := occurrences(docnum):
            keep.append(i)
            counts.append(hits)
    kept = np.array(keep, dtype=np.int64)
    score = candidates.score[kept] if len(kept) else np.zeros(0, np.float32)
    return Match(candidates.ids[kept], score, np.array(counts, dtype=np.int32))
