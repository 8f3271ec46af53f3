"""A short run of the load test (tools/load_test.py): the real server, 20 concurrent clients, a
mix of searches, facet clicks, document views, API calls, concordances, timelines and exports.
Every request must be answered without an error; no timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

REPO = Path(__file__).resolve().parents[1]


def test_twenty_clients_get_every_answer(seed_settings, tmp_path):
    report_path = tmp_path / "load.json"
    run = subprocess.run([sys.executable, str(REPO / "tools" / "load_test.py"), "--clients", "20",
                          "--requests", "300", "--max-seconds", "240", "--index", str(seed_settings.index_dir),
                          "--json", str(report_path)], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    report = json.loads(report_path.read_text())
    assert report["errors"] == 0, report["error_samples"]
    assert report["requests"] == 300
    kinds = set(report["latency_ms"]) - {"all"}
    assert {"search", "facet", "api", "document", "export"} <= kinds


def test_searchapp_and_datasette_take_turns_on_the_same_mix(seed_settings, tmp_path):
    """--peer datasette: the same paragraphs in SQLite FTS5 behind Datasette, alternating rounds,
    both answering every request, and the ratios printed."""
    report_path = tmp_path / "peer.json"
    run = subprocess.run([sys.executable, str(REPO / "tools" / "load_test.py"), "--clients", "4",
                          "--requests", "120", "--rounds", "2", "--peer", "datasette", "--max-seconds", "120",
                          "--index", str(seed_settings.index_dir), "--json", str(report_path)],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "searchapp / datasette: throughput" in run.stdout
    report = json.loads(report_path.read_text())
    for engine in ("searchapp", "datasette"):
        assert report[engine]["requests"] == 120 and report[engine]["errors"] == 0, report[engine]
    paragraphs = json.loads(subprocess.run([sys.executable, "-m", "searchapp.cli", "search", "", "--format", "json",
                                            "--index", str(seed_settings.index_dir)],
                                           capture_output=True, text=True, timeout=120).stdout)["total"]
    assert f"SQLite FTS5: {paragraphs} paragraphs" in run.stdout
