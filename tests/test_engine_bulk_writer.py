"""The bulk segment writer must produce the index Whoosh's own writer would: same terms, same
postings (document, weight, positions), same stored fields, same field lengths. Searches and
highlights rely on every one of these, so any drift is a wrong answer, not a slow one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS_DIR, SEED_FILES
from whoosh import index as whoosh_index

from searchapp.engine.bulk_writer import append_segments, publish_segments
from searchapp.engine.schema import build_schema
from searchapp.engine.writing import paragraph_fields
from searchapp.parsing import parse_file

pytestmark = [pytest.mark.usefixtures("shared_corpus"), pytest.mark.slow]

# Seeds in all three shapes, printed GA texts, one-line tagged texts and OCR'd Security Council texts.
SAMPLE = [*SEED_FILES,
          *sorted((CORPUS_DIR / "ga-resolutions").glob("*.txt"))[:12],
          *sorted((CORPUS_DIR / "ga-with-tags").glob("*.txt"))[:4],
          *sorted((CORPUS_DIR / "unsc-resolutions").glob("*.txt"))[::80]]
TEXT_FIELDS = ("text", "exact", "shingles")
ID_FIELDS = ("pid", "source")  # the only indexed identifier fields; the rest are stored only


def _rows() -> list[dict]:
    rows = []
    for path in SAMPLE:
        document = parse_file(path)
        rows.extend(paragraph_fields(document, paragraph) for paragraph in document.paragraphs)
    return rows


def _postings(reader, field: str, term: bytes, with_values: bool) -> list[tuple]:
    matcher = reader.postings(field, term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value() if with_values else None))
        matcher.next()
    return found


@pytest.fixture(scope="module")
def readers(tmp_path_factory):
    rows = _rows()
    stock_dir = tmp_path_factory.mktemp("stock")
    stock = whoosh_index.create_in(str(stock_dir), build_schema(), indexname="MAIN")
    writer = stock.writer()
    for row in rows:
        writer.add_document(**row)
    writer.commit()

    bulk_dir = tmp_path_factory.mktemp("bulk")
    bulk = whoosh_index.create_in(str(bulk_dir), build_schema(), indexname="MAIN")
    # Two small batches over two processes: several segments, as a large indexing run makes.
    half = len(rows) // 2
    segments = append_segments(Path(bulk_dir), "MAIN", rows[:half], procs=2).segments
    segments += append_segments(Path(bulk_dir), "MAIN", rows[half:], procs=1).segments
    publish_segments(Path(bulk_dir), "MAIN", segments)
    bulk = whoosh_index.open_dir(str(bulk_dir), indexname="MAIN")
    with stock.searcher() as a, bulk.searcher() as b:
        yield a.reader(), b.reader(), rows, bulk_dir


def test_sample_is_substantial(readers):
    stock, bulk, rows, _ = readers
    assert len(rows) > 300
    assert stock.doc_count() == bulk.doc_count() == len(rows)


@pytest.mark.parametrize("field", TEXT_FIELDS + ID_FIELDS)
def test_same_vocabulary(readers, field):
    stock, bulk, _, _ = readers
    assert list(stock.lexicon(field)) == list(bulk.lexicon(field))


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_same_postings_with_positions(readers, field):
    stock, bulk, _, _ = readers
    terms = list(stock.lexicon(field))
    for term in terms:
        assert _postings(stock, field, term, True) == _postings(bulk, field, term, True), term
        assert stock.doc_frequency(field, term) == bulk.doc_frequency(field, term)
        assert stock.frequency(field, term) == bulk.frequency(field, term)


@pytest.mark.parametrize("field", ID_FIELDS)
def test_same_postings_for_identifiers(readers, field):
    # Values are not compared: Whoosh's writer stores None where ours inlines b"" (both "no value").
    stock, bulk, _, _ = readers
    for term in stock.lexicon(field):
        assert _postings(stock, field, term, False) == _postings(bulk, field, term, False), term


def test_same_stored_fields_and_lengths(readers):
    stock, bulk, rows, _ = readers
    for docnum in range(len(rows)):
        assert stock.stored_fields(docnum) == bulk.stored_fields(docnum)
        for field in TEXT_FIELDS:
            assert stock.doc_field_length(docnum, field) == bulk.doc_field_length(docnum, field)
    for field in TEXT_FIELDS:
        assert stock.field_length(field) == bulk.field_length(field)


@pytest.mark.parametrize("field", TEXT_FIELDS + ID_FIELDS)
def test_same_term_statistics_and_block_statistics(readers, field):
    """BM25 and Whoosh's block skipping read these; the bulk writer computes them with NumPy."""
    stock, bulk, _, _ = readers
    multi_block = 0
    for term in stock.lexicon(field):
        a, b = stock.term_info(field, term), bulk.term_info(field, term)
        for stat in ("weight", "doc_frequency", "min_length", "max_length", "max_weight", "min_id", "max_id"):
            assert getattr(a, stat)() == getattr(b, stat)(), (term, stat)
        ma, mb = stock.postings(field, term), bulk.postings(field, term)
        blocks = 0
        while ma.is_active() and mb.is_active():
            if hasattr(ma, "block_max_weight") and hasattr(mb, "_blocklength") and hasattr(ma, "_blocklength"):
                assert (ma.block_max_weight(), ma.block_min_length(), ma.block_max_length()) == \
                       (mb.block_max_weight(), mb.block_min_length(), mb.block_max_length()), term
            blocks += 1
            ma.skip_to(ma.block_max_id() + 1) if hasattr(ma, "block_max_id") else ma.next()
            mb.skip_to(mb.block_max_id() + 1) if hasattr(mb, "block_max_id") else mb.next()
        multi_block += blocks > 1
    if field in TEXT_FIELDS:
        assert multi_block, "the sample should have terms with more than one block"


def test_positions_are_encoded_as_whoosh_encodes_them():
    from whoosh.formats import Positions

    from searchapp.engine.inversion import encode_positions
    for positions in ([0], [5], [300], [70000], [1, 2, 3], [0, 255, 256, 65535, 65536, 2**31 - 1]):
        assert encode_positions(positions) == Positions().encode(positions)


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_numpy_reader_reads_both_writers_as_whoosh_does(readers, field):
    """postings.term_postings decodes blocks itself (tuples and zlib from Whoosh's writer, arrays
    from ours); it must give Whoosh's own matcher's documents and weights for every term."""
    from searchapp.engine.postings import segment_readers, term_postings
    stock, bulk, _, _ = readers
    for reader in (stock, bulk):
        segments = segment_readers(reader)
        for term in reader.lexicon(field):
            ids, weights = term_postings(segments, field, term)
            expected = _postings(reader, field, term, False)
            assert ids.tolist() == [p[0] for p in expected], term
            assert weights.tolist() == [p[1] for p in expected], term


def test_rarer_words_positions_are_those_of_each_paragraph_analysed_alone(readers, monkeypatch):
    """The rarer words' position files (rare_positions.py, written per segment from the batch
    inversion) hold, for every paragraph, exactly schema.rare_words of its own analysis: each
    stem that is not common at its place in the word sequence; and no common stem."""
    from searchapp.engine.common_stems import COMMON_STEMS
    from searchapp.engine.postings import segment_readers
    from searchapp.engine.rare_positions import SHIFT, RarePositions
    from searchapp.engine.schema import rare_words
    from searchapp.text import analysis

    _, bulk, rows, bulk_dir = readers
    segments = segment_readers(bulk)
    assert len(segments) == 2  # two batches: doc numbers of the second start after the first
    expected: dict[str, list[int]] = {}
    for docnum, row in enumerate(rows):
        for stem, position in rare_words(analysis.analyse(row["text"])):
            expected.setdefault(stem, []).append((docnum << SHIFT) | position)
    assert "violence" in expected and len(expected) > 1000
    monkeypatch.setattr("searchapp.engine.rare_positions.REMEMBERED_STEMS", 50)  # forgotten many times over
    positions = RarePositions(bulk_dir, segments)
    for stem, keys in expected.items():
        assert positions.keys(stem).tolist() == keys, stem
    assert all(not len(positions.keys(stem)) for stem in COMMON_STEMS)
    # A joined compound's term ("nongovernmental" of "non-governmental") is a term of the stemmed
    # field but no word of the sequence: its positions are not all its occurrences, and say so.
    joined = {t.term for row in rows for t in analysis.analyse(row["text"])
              if t.joined and t.term not in COMMON_STEMS}
    assert "nongovernmental" in joined
    assert set(positions.stems()) == set(expected) | joined
    assert [stem for stem in positions.stems() if not positions.complete(stem)] == sorted(joined)
    assert sum(part.docs.size for part, _ in positions._parts) == sum(map(len, expected.values()))
