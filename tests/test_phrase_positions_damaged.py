"""A damaged file of the rarer words' positions (engine/rare_positions.py) is refused when the
index opens, with what to do, and exit code 2: not a traceback, not a phrase silently missed."""

from __future__ import annotations

import json

from conftest import cli, copy_seeds, settings_for

from searchapp.engine import current_generation
from searchapp.engine.rare_positions import SUFFIX
from searchapp.indexing.run import run_index


def test_a_positions_file_overwritten_at_its_size_is_refused_with_the_rebuild_message(tmp_path):
    settings = settings_for(tmp_path, copy_seeds(tmp_path / "data"))
    run_index(settings)
    found = cli(settings, "search", '"gender-based violence"', "--format", "json")
    assert found.returncode == 0, found.stderr
    [victim] = current_generation(settings.index_dir).glob(f"*{SUFFIX}")
    victim.write_bytes(bytes(victim.stat().st_size))  # same size: sizes.json cannot tell
    refused = cli(settings, "search", '"gender-based violence"')
    assert refused.returncode == 2, (refused.stdout, refused.stderr)
    assert victim.name in refused.stderr and "run `searchapp index --rebuild`" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert run_index(settings, rebuild=True).documents == 3
    again = cli(settings, "search", '"gender-based violence"', "--format", "json")
    before, after = json.loads(found.stdout), json.loads(again.stdout)
    assert before["total"] == after["total"] == 1  # "gender-based violence" once in the seeds (grep -ci)
    assert before["hits"] == after["hits"]
