"""Hostile and pathological requests against the real server (`searchapp serve`, waitress, on a
loopback port): everything echoed is escaped, every limit is a clear 400, nothing reads files
outside the index, no debugger is reachable, and the server binds loopback unless told otherwise."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import running_server

LIMITS = """
[paths]
index_dir = "{index}"
[limits]
max_query_length = 200
max_expansions = 50
max_page = 30
max_per_page = 50
max_export = 5
"""


@pytest.fixture(scope="module")
def server(seed_settings, tmp_path_factory):
    config = tmp_path_factory.mktemp("hostile") / "config.toml"
    config.write_text(LIMITS.format(index=seed_settings.index_dir))
    with running_server(seed_settings.index_dir, "--config", str(config)) as url:
        yield url


def get(server: str, path: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(server + path, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


SCRIPT = "%3Cscript%3Ealert(1)%3C%2Fscript%3E"


@pytest.mark.parametrize("path", [f"/?q={SCRIPT}", f"/?q=impunity+{SCRIPT}", f"/kwic?q={SCRIPT}",
                                  f"/?q=impunity&body={SCRIPT}", f"/?q=impunity&tag={SCRIPT}",
                                  f"/documents/{SCRIPT}", f"/?q=%22{SCRIPT}"])
def test_echoed_input_is_inert(server, path):
    status, headers, body = get(server, path)
    assert status in (200, 400, 404)
    assert "<script>alert(1)</script>" not in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_json_echo_is_data_not_markup(server):
    status, headers, body = get(server, f"/api/search?q={SCRIPT}")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["query"] == "<script>alert(1)</script>"


def test_security_headers_and_no_debugger(server):
    _, headers, _ = get(server, "/?q=impunity")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"]
    for path in ("/console", "/?__debugger__=yes&cmd=resource&f=style.css"):
        status, _, body = get(server, path)
        assert "Werkzeug" not in body and "debugger" not in body.lower()
        assert status in (200, 404)


@pytest.mark.parametrize("path, words", [
    ("/?q=" + "a" * 201, "limit is 200"),
    ("/?q=*e*", "matches more than 50 different words"),
    ("/?q=impunity&page=31", "page must be between 1 and 30"),
    ("/?q=impunity&per_page=51", "per_page must be between 1 and 50"),
    ("/export.csv?q=impunity", "the limit is 5"),
    ("/api/search?q=impunity&year_from=1800", "year_from"),
    ("/kwic?q=impunity&width=100000", "width"),
])
def test_every_limit_is_a_clear_400(server, path, words):
    status, _, body = get(server, path)
    assert status == 400, body[:500]
    assert words in body
    assert "Traceback" not in body


def test_within_limits_still_answers(server):
    assert get(server, "/export.csv?q=impunity&body=General+Assembly")[0] == 200  # 3 rows
    assert get(server, "/?q=defend*")[0] == 200


@pytest.mark.parametrize("path", ["/?q=impunity&q=torture&unknown=1&body=&page=&sort=",
                                  "/api/search?q=impunity&page=2&page=1&per_page=5&per_page=7",
                                  "/?q=impunity&year_from=2002&year_from=", "/?" + "x=1&" * 500])
def test_unknown_and_repeated_parameters_are_handled(server, path):
    status, _, body = get(server, path)
    assert status == 200, body[:300]


def test_symbols_with_slashes_work(server):
    status, _, body = get(server, "/documents/E/CN.4/RES/2004/68")
    assert status == 200 and "E/CN.4/RES/2004/68" in body
    assert get(server, "/api/documents/E/CN.4/RES/2004/68")[0] == 200


@pytest.mark.parametrize("path", ["/documents/../../etc/passwd", "/documents/..%2f..%2fetc%2fpasswd",
                                  "/documents/%2e%2e/%2e%2e/etc/passwd", "/static/../config.toml",
                                  "/static/..%2fconfig.toml", "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
                                  "/api/documents/..%2f..%2f..%2fetc%2fpasswd", "/static//etc/passwd"])
def test_nothing_reads_files_outside(server, path):
    status, _, body = get(server, path)
    assert status in (400, 404)
    assert "root:" not in body and "[paths]" not in body and "[project]" not in body


def test_the_server_binds_loopback_unless_told(seed_settings):
    refused = subprocess.run([sys.executable, "-m", "searchapp.cli", "serve", "--index",
                              str(seed_settings.index_dir), "--host", "0.0.0.0", "--port", "1"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "only loopback is allowed without --public" in refused.stderr
