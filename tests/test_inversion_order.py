"""The inversion's radix ordering must give exactly the order a plain sort gives: postings in
term order, then document, then position. tests/test_engine_bulk_writer.py checks whole
segments against Whoosh's writer on real texts; these check the sorting pieces at sizes and
spellings those texts never reach (ranks above 16 bits, a stem that sorts below the space that
joins a shingle's words)."""

from __future__ import annotations

import numpy as np

from searchapp.engine.inversion import (
    _encoded_position_lists,
    _position_values,
    _shingle_postings,
    _stable_order,
    encode_positions,
)
from searchapp.engine.schema import SHINGLE_SEPARATOR


def test_stable_order_is_lexicographic_order_with_ties_kept_for_wide_values():
    rng = np.random.default_rng(18)
    first = rng.integers(0, 3, 5000)  # many ties: the original order must survive inside them
    second = rng.integers(0, 2**40, 5000)  # three 16-bit digits
    third = rng.integers(0, 70_000, 5000)  # just over one digit
    second[::7] = second[0]
    third[::5] = 65_536
    order = _stable_order([first, second, third])
    assert order.tolist() == np.lexsort([third, second, first]).tolist()  # lexsort is stable


def test_stable_order_of_nothing_is_empty():
    assert _stable_order([np.zeros(0, dtype=np.int64)]).tolist() == []


def _shingles_by_hand(stems, common, sequence):
    """schema.shingles' rule spelled out: a bigram where either word is common, a trigram led
    by two common words; positions are the first word's; postings by term text, then paragraph."""
    found: dict[str, dict[int, list[int]]] = {}
    for doc, words in enumerate(sequence):
        for p in range(len(words)):
            if p + 1 < len(words) and (common[words[p]] or common[words[p + 1]]):
                text = stems[words[p]] + SHINGLE_SEPARATOR + stems[words[p + 1]]
                found.setdefault(text, {}).setdefault(doc, []).append(p)
            if p + 2 < len(words) and common[words[p]] and common[words[p + 1]]:
                text = SHINGLE_SEPARATOR.join(stems[w] for w in words[p:p + 3])
                found.setdefault(text, {}).setdefault(doc, []).append(p)
    return [(text, doc, tuple(found[text][doc])) for text in sorted(found) for doc in sorted(found[text])]


def _shingles_by_inversion(stems, common, sequence):
    stem = np.array([w for words in sequence for w in words], dtype=np.int64)
    doc = np.repeat(np.arange(len(sequence)), [len(words) for words in sequence]).astype(np.int64)
    pos = np.concatenate([np.arange(len(words)) for words in sequence]).astype(np.int64)
    postings = _shingle_postings(stems, np.array(common, dtype=bool), stem, doc, pos, len(sequence))
    rows = []
    for t, text in enumerate(postings.terms):
        for j in range(int(postings.starts[t]), int(postings.starts[t + 1])):
            rows.append((text, int(postings.docs[j]), postings.values[j]))
    return rows, postings


def test_shingles_are_in_text_order_even_when_a_stem_sorts_below_the_separator():
    # "of" and "the" are common; "right\x1f" sorts below "right " (the bigram "right the"),
    # so the order of stem ranks is not the order of the joined texts: the texts decide.
    stems = ["human", "right", "of", "the", "right\x1f", "child", "righ"]
    common = [False, False, True, True, False, False, False]
    sequence = [[0, 1, 2, 3, 5], [4, 2, 3, 1, 3, 5, 2, 3, 5], [1, 3, 6, 3, 1, 2, 0, 2, 3, 5], [5], []]
    rows, postings = _shingles_by_inversion(stems, common, sequence)
    expected = _shingles_by_hand(stems, common, sequence)
    assert [(text, doc) for text, doc, _ in rows] == [(text, doc) for text, doc, _ in expected]
    assert [value for _, _, value in rows] == [encode_positions(list(p)) for _, _, p in expected]
    assert postings.terms == sorted(postings.terms)
    assert postings.freqs.tolist() == [len(p) for _, _, p in expected]


def test_position_lists_are_encoded_byte_for_byte_as_whoosh_encodes_them():
    # Deltas on each side of pickle's one-, two- and four-byte integers; a list of 1,001
    # positions (pickle batches a list's items by 1,000); single positions from the table.
    lists = [[0, 255], [3, 259], [0, 65535], [1, 65537], [7, 8, 9], [0, 70_000, 70_255, 140_000],
             [5], [90_000], list(range(0, 3 * 1001, 3)), list(range(1000)), [4, 5]]
    positions = np.array([p for found in lists for p in found], dtype=np.int64)
    freqs = np.array([len(found) for found in lists], dtype=np.int64)
    first = np.cumsum(freqs) - freqs
    assert _position_values(positions, first, freqs) == [encode_positions(found) for found in lists]
    # The widest delta BININT holds (no table of single positions that long is built here).
    wide = np.array([4, 2**31 - 1, 2**31 + 2], dtype=np.int64)
    assert _encoded_position_lists(wide, np.array([0]), np.array([3])) == [encode_positions(wide.tolist())]


def test_long_lists_with_far_apart_paragraphs_and_varied_frequencies_read_back_as_written(tmp_path):
    # The corpus's segments never hold a document gap of 65,536 or more (typecode "I" deltas)
    # nor uneven frequencies in every block: a synthetic segment of 140,001 paragraphs does.
    from pathlib import Path

    from whoosh import index as whoosh_index

    from searchapp.engine.bulk_writer import append_segments, publish_segments
    from searchapp.engine.schema import build_schema

    count = 140_001
    cited = {0: 1, 3: 2, 70_000: 3, 70_001: 1, 140_000: 2, **{100 + i: 1 + i % 3 for i in range(2000)}}
    rows = [{"pid": f"p{i}", "text": " ".join(["sanctions"] * cited[i]) if i in cited else "filler"}
            for i in range(count)]
    whoosh_index.create_in(str(tmp_path), build_schema(), indexname="MAIN")
    publish_segments(Path(tmp_path), "MAIN", append_segments(Path(tmp_path), "MAIN", rows, procs=1).segments)
    with whoosh_index.open_dir(str(tmp_path), indexname="MAIN").reader() as reader:
        matcher = reader.postings("text", b"sanction")
        found = []
        while matcher.is_active():
            found.append((matcher.id(), matcher.weight()))
            matcher.next()
        assert found == sorted((doc, float(freq)) for doc, freq in cited.items())
        assert reader.doc_frequency("text", b"sanction") == len(cited)
