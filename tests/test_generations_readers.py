"""Old generations are not deleted while a reader still has them open (issue 13 §7).

A publish keeps one previous generation; before, the one before that was deleted at once, even
when a long-lived server still answered from it (Whoosh opens the stored-field column and some
postings only when first needed, so a request could fail on a missing file)."""

from __future__ import annotations

import gc
import re

from conftest import copy_seeds, settings_for

from searchapp.engine import Snapshot, check_sizes, current_generation, find
from searchapp.indexing.run import run_index


def publish_a_change(data, index: int, settings) -> None:
    path = sorted(data.glob("*.txt"))[index]
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new hash, same text
    run_index(settings)


def defender_paragraphs(snapshot: Snapshot) -> int:
    """The oracle: paragraphs printing an inflected form of "defender" (defender, defenders, and the
    possessives), read from the stored text by regular expression."""
    form = re.compile(r"\bdefenders?\b|\bdefenders?['\u2019]", re.IGNORECASE)
    return sum(1 for docnum in range(snapshot.size)
               if snapshot.alive[docnum] and form.search(snapshot.stored(docnum)["text"]))


def test_a_generation_a_reader_has_open_survives_two_publishes_and_goes_after_it_closes(tmp_path):
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    first = current_generation(settings.index_dir)
    snapshot = Snapshot(first)  # what a running server holds; nothing read from it yet

    publish_a_change(data, 0, settings)
    publish_a_change(data, 1, settings)
    assert current_generation(settings.index_dir).name == "gen-000003"
    assert first.is_dir()
    check_sizes(first)  # every file it had, at the size it was written with
    match, _ = find(snapshot, "defenders", max_expansions=100)  # inflections: defender, defenders
    assert len(match.ids) == defender_paragraphs(snapshot) > 0

    snapshot.close()
    publish_a_change(data, 2, settings)
    assert not first.is_dir()  # released: the next publish removed it
    assert sorted(p.name for p in settings.index_dir.glob("gen-*")) == ["gen-000003", "gen-000004"]


def test_a_snapshot_dropped_without_close_releases_its_generation(tmp_path):
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    first = current_generation(settings.index_dir)
    snapshot = Snapshot(first)
    publish_a_change(data, 0, settings)
    publish_a_change(data, 1, settings)
    assert first.is_dir()
    del snapshot
    gc.collect()
    publish_a_change(data, 2, settings)
    assert not first.is_dir()
