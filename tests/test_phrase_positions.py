"""Phrases of rarer words ("sexual violence": neither word is common, so no shingle covers the
pair) are answered from the positions in the index, not by re-reading and re-analysing the text
of every paragraph that holds both words. The counts are those of a regular expression over the
indexed paragraph texts."""

from __future__ import annotations

import re

import pytest

from searchapp.engine import IndexHandle, find
from searchapp.engine.reading import Snapshot

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

# Every spelling of these phrases in the corpus sample, read with grep over the texts:
# "sexual violence", "enforced disappearance(s)", "climate change".
PHRASES = {
    '"sexual violence"': r"\bsexual\s+violence\b",
    '"enforced disappearances"': r"\benforced\s+disappearances?\b",
    '"climate change"': r"\bclimate\s+change\b",
}


@pytest.fixture(scope="module")
def snapshot(corpus_settings) -> Snapshot:
    return IndexHandle(corpus_settings.index_dir).snapshot()


def _paragraph_texts(snapshot: Snapshot) -> dict[int, str]:
    return {int(docnum): snapshot.stored(int(docnum))["text"]
            for docnum in range(snapshot.size) if snapshot.live_paragraphs()[docnum]}


@pytest.mark.parametrize("phrase", PHRASES)
def test_rare_word_phrase_finds_the_paragraphs_a_regular_expression_finds(snapshot, phrase):
    pattern = re.compile(PHRASES[phrase], re.IGNORECASE)
    expected = {docnum: len(pattern.findall(text)) for docnum, text in _paragraph_texts(snapshot).items()}
    expected = {docnum: count for docnum, count in expected.items() if count}
    assert len(expected) >= 5, "the sample should hold the phrase several times"
    match, _ = find(snapshot, phrase, max_expansions=100)
    assert dict(zip(match.ids.tolist(), match.mentions.tolist())) == expected


def test_rare_word_phrase_reads_no_stored_text(snapshot, monkeypatch):
    def no_stored_text(docnum):
        raise AssertionError("a phrase was checked against the stored text")
    monkeypatch.setattr(snapshot, "stored", no_stored_text)
    for phrase in [*PHRASES, '"sexual violence against women"', '"violence sexual"']:
        find(snapshot, phrase, max_expansions=100)


def test_phrase_mixing_common_and_rarer_words_needs_both_in_order(snapshot):
    """"conflict-related sexual violence": a shingle can't cover "sexual violence", positions
    from `rare` do; reversed words are another phrase, and punctuation between words is no break."""
    texts = _paragraph_texts(snapshot)
    pattern = re.compile(r"\bconflict[\s\-\u2011]+related\s+sexual\s+violence\b", re.IGNORECASE)
    expected = {d for d, text in texts.items() if pattern.search(text)}
    match, _ = find(snapshot, '"conflict-related sexual violence"', max_expansions=100)
    assert set(match.ids.tolist()) == expected
    reversed_pattern = re.compile(r"\bviolence\W+sexual\b", re.IGNORECASE)  # "violence, sexual ..."
    reversed_match, _ = find(snapshot, '"violence sexual"', max_expansions=100)
    assert set(reversed_match.ids.tolist()) == {d for d, t in texts.items() if reversed_pattern.search(t)}


def test_phrase_of_rarer_words_from_positions_alone_equals_the_candidates_way(snapshot, monkeypatch):
    """A phrase of rarer words only is answered from their positions alone (its words' BM25
    included, Evaluator._rare_phrase); it must give the same paragraphs, scores and mentions as
    the way through the words' postings (candidates holding every word, then positions). Every
    adjacent pair of rarer words in 400 paragraphs of the corpus, and the phrases above."""
    from searchapp.engine.common_stems import COMMON_STEMS
    from searchapp.engine.evaluate import Evaluator
    from searchapp.text import analysis

    phrases = set()
    for docnum in range(0, snapshot.size, max(1, snapshot.size // 400)):
        words = [t for t in analysis.analyse(snapshot.stored(docnum)["text"]) if not t.joined]
        for a, b in zip(words, words[1:]):
            if a.term not in COMMON_STEMS and b.term not in COMMON_STEMS and a.word.isalpha() and b.word.isalpha():
                phrases.add(f'"{a.word} {b.word}"')
    # "nongovernmental" is also the joined term of "non-governmental": the postings' way answers.
    phrases |= set(PHRASES) | {'"sexual violence against"', '"nongovernmental actors"', '"non-state actors"'}
    assert len(phrases) > 300
    original, taken = Evaluator._rare_phrase, []

    def counted(self, stems, pieces):
        found = original(self, stems, pieces)
        taken.append(found is not None)
        return found
    answered = 0
    for phrase in sorted(phrases):
        with monkeypatch.context() as patch:
            patch.setattr(Evaluator, "_rare_phrase", counted)
            fast, _ = find(snapshot, phrase, max_expansions=100)
        with monkeypatch.context() as patch:
            patch.setattr(Evaluator, "_rare_phrase", lambda self, stems, pieces: None)
            slow, _ = find(snapshot, phrase, max_expansions=100)
        assert fast.ids.tolist() == slow.ids.tolist(), phrase
        assert fast.mentions.tolist() == slow.mentions.tolist(), phrase
        assert fast.score.tobytes() == slow.score.tobytes(), phrase
        answered += len(fast) > 0
    assert answered > 300 and sum(taken) > 300  # found, and from the positions alone
    assert not all(taken)
