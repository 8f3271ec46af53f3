"""The progress an indexing run reports (the CLI's progress line): while parsing, one call per
file as the parse workers finish them, in whatever order, ending at every file (refused ones
count), and then one per document written."""

from __future__ import annotations

from conftest import copy_seeds, settings_for

from searchapp.indexing.run import run_index


def test_the_parsing_progress_counts_every_file_once_and_ends_at_all_of_them(tmp_path):
    data = copy_seeds(tmp_path / "data")  # three resolutions
    (data / "zz_blank.txt").write_text("\n\n", encoding="utf-8")  # refused: no text
    calls = []
    summary = run_index(settings_for(tmp_path, data), progress=lambda *call: calls.append(call))
    assert [skip.path for skip in summary.skipped] == ["zz_blank.txt"]
    parsing = [call for call in calls if call[0] == "parsing"]
    assert [(done, total) for _, done, total, _, _ in parsing] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert parsing[-1][3] == summary.paragraphs  # the paragraphs of the three parsed
    indexing = [call for call in calls if call[0] == "indexing"]
    assert [(done, total) for _, done, total, _, _ in indexing] == [(1, 3), (2, 3), (3, 3)]
