"""`searchapp serve` on every core: a gunicorn master with one worker process per core by default
(`--workers N`, `server.workers`), each following new generations as it answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_seeds, require_corpus, running_server

from searchapp.web.server import can_prefork

CLI = [sys.executable, "-m", "searchapp.cli"]
pytestmark = [pytest.mark.skipif(not can_prefork(), reason="gunicorn needs fork and fcntl (POSIX)"), pytest.mark.slow]


def server_processes(url: str) -> int:
    """Processes whose command line is this server's (the master and its forked workers)."""
    port = url.rsplit(":", 1)[1]
    count = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:  # a process that ended meanwhile
            continue
        if b"serve" in args and b"--port" in args and port.encode() in args:
            count += 1
    return count


def workers_forked(url: str, expected: int) -> int:
    """The server's process count once it reaches `expected`, or after 20 s. gunicorn's master
    binds the port before it forks its workers, one after another: the first worker can answer
    every request of a short test before the last is forked (the fresh-clone CI run saw 2 of 4)."""
    deadline = time.monotonic() + 20
    while (count := server_processes(url)) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def impunity_total(url: str) -> int:
    with urllib.request.urlopen(url + "/api/search?q=impunity", timeout=30) as response:
        return json.loads(response.read())["total"]


def test_serve_starts_one_worker_process_per_core_by_default(server):
    # `server` is the session's `searchapp serve` over the seeds, started with no --workers.
    impunity_total(server)
    cores = len(os.sched_getaffinity(0))  # the cores it may run on
    assert workers_forked(server, 1 + cores) == 1 + cores


def test_every_worker_follows_a_new_generation_without_a_restart(tmp_path):
    """Three workers on the seeds; 25 GA resolutions indexed while they serve: every answer after
    the publish, whichever worker gives it, counts the new paragraphs (9 seed paragraphs and 8 in
    the GA texts mention impunity, read with grep)."""
    corpus = require_corpus()
    data = copy_seeds(tmp_path / "data")
    index = tmp_path / "index"
    assert subprocess.run([*CLI, "index", "-q", "--index", str(index), str(data)], timeout=120).returncode == 0
    with running_server(index, "--workers", "3") as url:
        assert [impunity_total(url) for _ in range(12)] == [9] * 12
        assert workers_forked(url, 4) == 4
        for path in sorted((corpus / "ga-resolutions").glob("*.txt"))[:25]:
            shutil.copy(path, data / path.name)
        assert subprocess.run([*CLI, "index", "-q", "--index", str(index), str(data)], timeout=300).returncode == 0
        assert [impunity_total(url) for _ in range(30)] == [17] * 30
