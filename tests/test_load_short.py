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
