"""Scaling out (issue 18 §6), the short form of tools/replicas.py: two `searchapp serve` replicas on
rsync'ed copies of one index behind Debian's haproxy, on loopback. One replica is killed (SIGKILL,
its worker and its master: it dies mid-request) half-way through a load run and no client request
fails (haproxy retries on the other); a new generation rsync'ed to both is served by both without a
restart."""

from __future__ import annotations

import shutil
import signal
import sys
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, copy_seeds, require_corpus

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import replicas  # noqa: E402

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`


def test_a_replica_killed_mid_run_costs_no_request_and_both_take_the_new_generation(tmp_path):
    require_corpus()
    if shutil.which("haproxy") is None or shutil.which("rsync") is None:
        raise AssertionError("needs Debian's haproxy and rsync: scripts/test.sh installs them")
    data = copy_seeds(tmp_path / "data")
    for path in sorted((CORPUS_DIR / "unsc-resolutions").glob("S_RES_*.txt"))[:10]:
        shutil.copy(path, data / path.name)
    more = tmp_path / "more"
    more.mkdir()
    for path in sorted((CORPUS_DIR / "ga-resolutions").glob("*.txt"))[:5]:
        shutil.copy(path, more / path.name)
    home = tmp_path / "run"
    home.mkdir()
    report = replicas.run(data, more, clients=6, requests=300, max_seconds=120, home=home,
                          stop_signal=signal.SIGKILL)
    assert report["load"]["requests"] == 300
    assert report["load"]["errors"] == 0, report["load"]["error_samples"]
    assert 0 < report["stopped_after_requests"] < 300  # killed while the clients were running
    before, after = report["before"], list(report["after"].values())
    assert report["picked_up"] and len(after) == 2
    assert all(h["generation"] != before["generation"] for h in after)
    assert all(h["documents"] == before["documents"] + 5 for h in after)  # the five GA texts added
