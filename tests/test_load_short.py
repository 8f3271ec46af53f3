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


def test_every_worker_answers_and_the_warm_up_is_not_timed(seed_settings, tmp_path):
    """Timing starts only once both workers have answered /healthz (two distinct processes) and
    after an untimed warm-up of 2 x clients requests of the mix: the timed report counts exactly
    --requests, over its kinds too, and the warm-up's requests are reported apart."""
    report_path = tmp_path / "load.json"
    run = subprocess.run([sys.executable, str(REPO / "tools" / "load_test.py"), "--clients", "6", "--workers", "2",
                          "--requests", "50", "--max-seconds", "240", "--index", str(seed_settings.index_dir),
                          "--json", str(report_path)], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    report = json.loads(report_path.read_text())
    warm = report["warm_up"]
    assert len(set(warm["processes"])) == 2 and warm["requests"] == 12 and warm["errors"] == 0, warm
    assert report["requests"] == 50 == report["latency_ms"]["all"]["n"]
    assert sum(row["n"] for kind, row in report["latency_ms"].items() if kind != "all") == 50
    assert "warm-up of searchapp, 2 worker processes answered first: 12 requests" in run.stdout


def test_a_soak_run_reports_each_server_process_memory_after_each_round(seed_settings, tmp_path):
    """--soak-every: the requests in rounds, and after each round every server process's resident
    memory and the part of it that is its own (without the index's mapped pages)."""
    report_path = tmp_path / "soak.json"
    run = subprocess.run([sys.executable, str(REPO / "tools" / "load_test.py"), "--clients", "4", "--workers", "1",
                          "--requests", "80", "--soak-every", "40", "--max-seconds", "240", "--index",
                          str(seed_settings.index_dir), "--json", str(report_path)],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    report = json.loads(report_path.read_text())
    assert report["requests"] == 80 and report["errors"] == 0
    assert [r["after_requests"] for r in report["memory"]] == [40, 80]
    # The summary counts both rounds; the latency table is the last round's, and says so.
    assert "80 requests from 4 clients" in run.stdout
    assert "latency of the last round only (40 requests;" in run.stdout
    assert report["latency_ms"]["all"]["n"] == 40
    for sample in report["memory"]:
        assert len(sample["rss_mb"]) == 2  # the gunicorn master and its one worker
        for pid, rss in sample["rss_mb"].items():
            assert 0 < sample["anon_mb"][pid] < rss
