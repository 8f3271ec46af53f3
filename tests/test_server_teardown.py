"""The tests' own server handling (conftest.py) never leaves a process behind: a server that
ignores SIGTERM, and whatever it forked, are killed after the wait (brief V, part 1e)."""

from __future__ import annotations

import subprocess
import sys
import time

from conftest import live_processes, start_server_process, stop_server_process

# A stand-in for a stuck server: ignores SIGTERM, forks a child that ignores it too, says "ready".
STUBBORN = """
import os, signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
if os.fork() == 0:
    time.sleep(600)
    os._exit(0)
print("ready", flush=True)
time.sleep(600)
"""


def test_a_server_deaf_to_sigterm_is_killed_with_what_it_forked():
    process = start_server_process([sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "ready\n"
    group = {process.pid}
    assert len(live_processes(group, parent=-1)) == 2  # the server and its child
    stop_server_process(process, timeout=1)
    process.stdout.close()
    assert process.returncode == -9  # SIGKILL, after the second of grace
    deadline = time.monotonic() + 10
    while live_processes(group, parent=-1) and time.monotonic() < deadline:
        time.sleep(0.05)  # the orphaned child is reaped by init, not by us
    assert live_processes(group, parent=-1) == []


def test_stopping_a_server_that_already_exited_is_quiet():
    process = start_server_process([sys.executable, "-c", "pass"])
    process.wait(timeout=60)
    stop_server_process(process)
    assert process.returncode == 0
