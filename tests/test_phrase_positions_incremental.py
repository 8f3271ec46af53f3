"""The rarer words' positions (engine/rare_positions.py: one file per Whoosh segment) follow the
index through incremental runs: a run that adds files writes new segments with their files, one
that removes or replaces a file only marks its paragraphs deleted in Whoosh, and a phrase of
rarer words then counts exactly what a regular expression finds in the live paragraphs' text."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import CORPUS_DIR, SEED_FILES

from searchapp.config import Settings
from searchapp.engine import Snapshot, current_generation, find
from searchapp.engine.rare_positions import SUFFIX
from searchapp.indexing.run import run_index

pytestmark = [pytest.mark.usefixtures("shared_corpus"), pytest.mark.slow]

GA = CORPUS_DIR / "ga-resolutions"
# "sexual violence" 4, 1, 2, 2 and 3 times in these (re.findall(r"\bsexual\s+violence\b", text, re.I)
# over each file).
WITH_PHRASE = ["A_RES_78_118", "A_RES_78_119", "A_RES_78_180", "A_RES_78_181", "A_RES_78_188"]
PATTERNS = {'"sexual violence"': r"\bsexual\s+violence\b",
            '"conflict-related sexual violence"': r"\bconflict[\s\-\u2011]+related\s+sexual\s+violence\b",
            '"enforced disappearances"': r"\benforced\s+disappearances?\b"}


def _expected(snapshot: Snapshot, pattern: str) -> dict[int, int]:
    found = {}
    for docnum in range(snapshot.size):
        if snapshot.live_paragraphs()[docnum]:
            count = len(re.findall(pattern, snapshot.stored(docnum)["text"], re.IGNORECASE))
            if count:
                found[docnum] = count
    return found


def _check_phrases(index_dir) -> dict[str, int]:
    generation = current_generation(index_dir)
    snapshot = Snapshot(generation)
    try:
        segments = {reader.segment().segment_id() for reader, _ in snapshot.segments}
        assert {p.name[:-len(SUFFIX)] for p in generation.glob(f"*{SUFFIX}")} == segments
        totals = {}
        for phrase, pattern in PATTERNS.items():
            match, _ = find(snapshot, phrase, max_expansions=100)
            assert dict(zip(match.ids.tolist(), match.mentions.tolist())) == _expected(snapshot, pattern), phrase
            totals[phrase] = int(match.mentions.sum())
        return totals | {"segments": len(segments)}
    finally:
        snapshot.close()


def test_phrase_counts_stay_right_through_additions_removals_and_replacements(tmp_path, monkeypatch):
    monkeypatch.setattr("searchapp.indexing.run.PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr("searchapp.engine.bulk_writer.PARALLEL_MIN_ROWS", 0)  # two segments a run
    data = tmp_path / "data"
    data.mkdir()
    # Other texts too, so that the second run deletes too few paragraphs to be written afresh
    # (indexing/rewrite.py) and appends segments.
    others = sorted(GA.glob("A_RES_79_*.txt"))[:20]
    for path in [*SEED_FILES, *others, *(GA / f"{name}.txt" for name in WITH_PHRASE[:3])]:
        shutil.copy(path, data / path.name)
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    run_index(settings)
    first = _check_phrases(settings.index_dir)
    assert first['"sexual violence"'] == 4 + 1 + 2

    (data / f"{WITH_PHRASE[0]}.txt").unlink()                                       # removed: -4
    shutil.copy(GA / f"{WITH_PHRASE[3]}.txt", data / f"{WITH_PHRASE[1]}.txt")       # replaced: -1 + 2
    shutil.copy(GA / f"{WITH_PHRASE[4]}.txt", data / f"{WITH_PHRASE[4]}.txt")       # added: +3
    assert not run_index(settings).rewritten
    second = _check_phrases(settings.index_dir)
    assert second['"sexual violence"'] == 2 + 2 + 3
    assert second["segments"] > first["segments"]
