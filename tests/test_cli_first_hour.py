"""The first hour of a new user on the command line (issue 17): a busy port, where the settings
come from, what the messages say. Every test runs the real `searchapp` command in a subprocess."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from conftest import free_port

CLI = [sys.executable, "-m", "searchapp.cli"]


@pytest.mark.slow  # starts a server
def test_serve_on_a_busy_port_says_so_and_exits_1_without_claiming_to_serve(seed_settings):
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        done = subprocess.run([*CLI, "serve", "--index", str(seed_settings.index_dir), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"port {port} is in use; pick another with --port" in done.stderr
    assert "Serving" not in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # starts a server
def test_serve_says_serving_only_once_the_port_answers(seed_settings):
    port = free_port()
    process = subprocess.Popen([*CLI, "serve", "--index", str(seed_settings.index_dir), "--port", str(port),
                                "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith(f"Serving searchapp on http://127.0.0.1:{port}/"), line
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # listening already
    finally:
        process.terminate()
        process.wait(timeout=10)
