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
