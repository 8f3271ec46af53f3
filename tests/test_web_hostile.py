"""Hostile and pathological requests against the real server (`searchapp serve`, waitress, on a
loopback port): everything echoed is escaped, every limit is a clear 400, nothing reads files
outside the index, no debugger is reachable, and the server binds loopback unless told otherwise."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import SEED_FILES, running_server, settings_for

from searchapp.indexing.run import run_index

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


@pytest.mark.slow
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
    ("/?q=co*+OR+re*", "match more than 50 different words together"),  # 41 + 36 words in the seeds
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


@pytest.mark.slow
def test_the_server_binds_loopback_unless_told(seed_settings):
    refused = subprocess.run([sys.executable, "-m", "searchapp.cli", "serve", "--index",
                              str(seed_settings.index_dir), "--host", "0.0.0.0", "--port", "1"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "only loopback is allowed without --public" in refused.stderr


# -- markup inside the indexed texts: document text, subject tags, facet values, highlights -------

HOSTILE_TAG = "<b>BOLD TAG</b>"
HOSTILE_TAG_2 = 'IMPUNITY "QUOTED" & <SCRIPT>ALERT(2)</SCRIPT>'
HOSTILE_TEXT = 'Reiterating <script>alert("x")</script> impunity & <img src=x onerror=alert(1)> the importance'
RAW_MARKUP = ("<script>alert", "<img src=x", "<b>BOLD", "<SCRIPT>ALERT")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A resolution whose text and subject tags carry markup, as a careless source could give."""
    home = tmp_path_factory.mktemp("hostile_text")
    (home / "data").mkdir()
    seed = next(p for p in SEED_FILES if "2004/68" in p.read_text(encoding="utf-8")[:300])
    text = seed.read_text(encoding="utf-8").replace("2004/68", "2004/99")
    text = text.replace("Reiterating the importance", HOSTILE_TEXT, 1)
    (home / "data" / "hostile.txt").write_text(f"%%%{HOSTILE_TAG}|{HOSTILE_TAG_2}|\n{text}", encoding="utf-8")
    settings = settings_for(home, home / "data")
    assert not run_index(settings).skipped
    with running_server(settings.index_dir) as url:
        yield url


@pytest.mark.slow
@pytest.mark.parametrize("path", [
    "/?q=impunity", "/?q=script+alert", "/?q=onerror", "/?q=declaration&sort=newest",
    "/?q=impunity&" + urllib.parse.urlencode({"tag": HOSTILE_TAG}),
    "/?" + urllib.parse.urlencode({"tag": HOSTILE_TAG_2}),
    "/documents/E/CN.4/RES/2004/99?q=script", "/kwic?q=impunity", "/kwic?q=script&order=left",
])
def test_markup_in_the_texts_is_shown_as_text(hostile_server, path):
    status, _, body = get(hostile_server, path)
    assert status == 200, body[:300]
    assert not [raw for raw in RAW_MARKUP if raw in body], path
    # The same strings are there, escaped (as facet values, chips, document text or highlights).
    assert "&lt;b&gt;BOLD TAG&lt;/b&gt;" in body or "&lt;script&gt;" in body or "&lt;<mark>script" in body


def test_the_document_page_escapes_text_tags_and_highlights(hostile_server):
    _, _, body = get(hostile_server, "/documents/E/CN.4/RES/2004/99?q=impunity")
    assert 'Reiterating &lt;script&gt;alert("x")&lt;/script&gt; <mark>impunity</mark> &amp; &lt;img' in body
    assert "&lt;b&gt;BOLD TAG&lt;/b&gt;</a>" in body
    assert "IMPUNITY &#34;QUOTED&#34; &amp; &lt;SCRIPT&gt;ALERT(2)&lt;/SCRIPT&gt;</a>" in body


@pytest.mark.slow
def test_the_server_listens_on_loopback_only_by_default(server):
    """No --host (nor a host in LIMITS): 127.0.0.1, so the machine's other addresses do not answer."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
            other = probe.getsockname()[0]
        except OSError:
            other = None
    assert server.startswith("http://127.0.0.1:")
    if other is None or other.startswith("127."):
        pytest.skip("this machine has no address other than loopback")
    with pytest.raises(OSError):
        socket.create_connection((other, int(server.rsplit(":", 1)[1])), timeout=5).close()
