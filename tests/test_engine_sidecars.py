"""The sidecars an indexing run writes without re-reading the index (arrays.npz from the rows it
wrote, relations.json from the documents it added plus the previous generation's) must equal
what reading the whole finished index gives, after a full build and after an incremental run
that removes, replaces and adds files."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from conftest import CORPUS_DIR, SEED_FILES
from whoosh import index as whoosh_index

from searchapp.config import Settings
from searchapp.engine import current_generation
from searchapp.engine.writing import INDEX_NAME, write_arrays
from searchapp.indexing.relations_build import RelationsBuilder
from searchapp.indexing.run import run_index

pytestmark = [pytest.mark.usefixtures("shared_corpus"), pytest.mark.slow]

GA = sorted((CORPUS_DIR / "ga-resolutions").glob("*.txt"))
SC = sorted((CORPUS_DIR / "unsc-resolutions").glob("*.txt"))


def _labels(arrays, name: str, live) -> list:
    """Each live row's verb ("" for none) or set of addressees, decoded from its vocabulary."""
    names = [str(v) for v in arrays[name + "_names"]]
    codes = arrays[name][live].tolist()
    if name == "verb":
        return [names[c] if c >= 0 else "" for c in codes]
    return [{n for i, n in enumerate(names) if c >> i & 1} for c in codes]


def _assert_sidecars_match_a_full_read(index_dir, tmp_path):
    generation = current_generation(index_dir)
    with np.load(generation / "arrays.npz") as stored:
        written = {name: stored[name] for name in stored.files}
    documents = json.loads((generation / "documents.json").read_text(encoding="utf-8"))
    with whoosh_index.open_dir(str(generation), indexname=INDEX_NAME).reader() as reader:
        write_arrays(tmp_path / "expected.npz", reader, documents)
    with np.load(tmp_path / "expected.npz") as expected:
        live = expected["doc"] >= 0
        assert np.array_equal(written["doc"], expected["doc"])
        for name in ("kind", "number", "position", "length"):  # deleted rows may differ
            assert np.array_equal(written[name][live], expected[name][live]), name
        # Labels are codes into a vocabulary that grows run by run: compare what they name.
        for name in ("verb", "addressee"):
            assert _labels(written, name, live) == _labels(expected, name, live), name
    # The run read its parsed documents' texts from memory; from scratch, every text is read back.
    from_scratch = RelationsBuilder(reuse_previous=False)._compute(generation, None)
    assert json.loads((generation / "relations.json").read_text(encoding="utf-8")) == from_scratch
    return written


def test_sidecars_after_full_and_incremental_runs(tmp_path, monkeypatch):
    def must_not_read(*args):
        raise AssertionError("arrays.npz was rebuilt by reading every stored document")
    monkeypatch.setattr("searchapp.engine.writing.write_arrays", must_not_read)
    # Two writer processes even for this small sample: documents then span both workers.
    monkeypatch.setattr("searchapp.indexing.run.PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr("searchapp.engine.bulk_writer.PARALLEL_MIN_ROWS", 0)
    # And two processes for the series rule's texts: the parsed ones, then (second run) the index's.
    monkeypatch.setattr("searchapp.indexing.relations_build.PARALLEL_READS", 0)
    data = tmp_path / "data"
    data.mkdir()
    for path in [*SEED_FILES, *GA[:25], *SC[:15]]:
        shutil.copy(path, data / path.name)
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    run_index(settings)
    first = _assert_sidecars_match_a_full_read(settings.index_dir, tmp_path)
    assert (first["doc"] >= 0).all()

    (data / GA[0].name).unlink()                                  # removed
    shutil.copy(GA[30], data / GA[1].name)                        # replaced by another text
    for path in [*GA[40:45], *SC[20:23]]:                         # added
        shutil.copy(path, data / path.name)
    run_index(settings)
    second = _assert_sidecars_match_a_full_read(settings.index_dir, tmp_path)
    assert (second["doc"] < 0).sum() > 0  # the removed and replaced paragraphs are still rows
    # The labels compared above are there: the second run appended to the first run's vocabularies.
    assert {"Requests", "Decides", "Recalling"} <= {str(v) for v in second["verb_names"]}
    assert "States" in {str(v) for v in second["addressee_names"]} and (second["addressee"] > 0).any()
