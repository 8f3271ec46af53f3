"""A tiny run of the benchmark (bench/run.py): every engine builds, answers the whole query mix,
the page and the CSV stream, and the JSON report is complete. No timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

REPO = Path(__file__).resolve().parents[1]
MEASURES = ("frequent term", "rare term", "3-term AND", "phrase of frequent words", "phrase: sexual violence",
            "phrase: climate change", "phrase: enforced disappearances", "prefix", "term + body + years")


def test_a_small_benchmark_run_reports_every_measure(tmp_path):
    out = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "1500", "--reps", "2",
                          "--out", str(out)], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "sa/fts5" in run.stdout and "CSV stream hits/s" in run.stdout
    report = json.loads(out.read_text())
    assert report["machine"]["cores"] >= 1 and report["machine"]["packages"]["sqlite"]
    results = report["sizes"]["1500"]
    assert {"searchapp", "fts5"} <= set(results)
    for result in results.values():
        build = result["build"]
        assert build["paragraphs"] == 1500 and build["paragraphs_per_s"] > 0
        assert build["index_mb"] > 0 and build["peak_memory_mb"] > 0
        for name in MEASURES:
            assert result["queries"][name]["p95_ms"] >= result["queries"][name]["p50_ms"] > 0
            assert result["queries"][name]["first_ms"] > 0
        assert result["open_ms"] >= 0 and result["settle_ms"] > 0
        assert set(result["page"]) == {"human rights", "impunity", '"human rights defenders"'}
        assert result["stream"]["rows"] == result["hits"]["frequent term"] > 0
        assert result["stream"]["runs"] == 5 and result["stream"]["hits_per_s"] > 0
        assert result["stream"]["first_hits_per_s"] > 0
    hits = {engine: result["hits"] for engine, result in results.items()}
    for name in MEASURES:
        # The same answer from every engine (a fixed seed makes this exact for this corpus).
        assert len({h[name] for h in hits.values()}) == 1, (name, hits)
    for name in ("frequent term", "rare term", "phrase of frequent words", "prefix"):
        assert hits["searchapp"][name] > 0, (name, hits)
    assert set(results["searchapp"]["http_page"]) == {"human rights", "impunity", '"human rights defenders"'}
