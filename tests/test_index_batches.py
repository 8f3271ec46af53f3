"""A build larger than the writer's batch (BATCH_PARAGRAPHS) is written batch by batch; the rows of
the first batch are made while the files are parsed (indexing/run.py), the later ones by the
writer. Whatever the batches, the index holds the same: every posting, stored field, array and
sidecar, compared with tools/index_fingerprint.py's fingerprint (segments are no contents)."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import CORPUS_DIR, REPO, SEED_FILES, index_of

pytestmark = pytest.mark.usefixtures("shared_corpus")


def _fingerprint(index_dir) -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("index_fingerprint", REPO / "tools" / "index_fingerprint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.fingerprint(index_dir)


def test_a_build_in_several_batches_holds_what_one_batch_holds(tmp_path, monkeypatch):
    # Parsed and written by two processes each, as a corpus build is.
    monkeypatch.setattr("searchapp.indexing.run.PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr("searchapp.engine.bulk_writer.PARALLEL_MIN_ROWS", 0)
    files = [*SEED_FILES, *sorted((CORPUS_DIR / "ga-resolutions").glob("*.txt"))[:10],
             *sorted((CORPUS_DIR / "unsc-resolutions").glob("*.txt"))[:10]]
    one = index_of(tmp_path / "one", files, seeds=False)
    monkeypatch.setattr("searchapp.engine.writing.BATCH_PARAGRAPHS", 150)
    monkeypatch.setattr("searchapp.indexing.run.BATCH_PARAGRAPHS", 150)
    several = index_of(tmp_path / "several", files, seeds=False)
    first, second = _fingerprint(one.index_dir), _fingerprint(several.index_dir)
    paragraphs = int(first["documents"].split()[0])
    assert paragraphs > 3 * 150  # at least four batches
    assert second == first
