"""What a shared server shows: documents name their source file relative to the data folder (a
file indexed from elsewhere by its name alone), never by the server's absolute path, in every
JSON answer; and `/healthz` tells a load balancer which generation a process serves."""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_seeds, require_corpus, running_server, settings_for

from searchapp.indexing.run import run_index

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

# A/RES/78/216 (2023), from outside the data folder, continues the seed A/RES/64/163 (2009).
PATHS = ["/api/search?q=impunity", "/api/search?q=defenders&per_page=100", "/api/timeline?q=impunity",
         "/api/kwic?q=impunity", "/api/lookup?q=64/163", "/api/documents/A/RES/64/163",
         "/api/documents/A/RES/78/216?q=defenders", "/api/documents/A/RES/78/216/changes",
         "/api/documents/A/RES/53/144", "/export.json?q=defenders", "/healthz"]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The seeds in the data folder, A/RES/78/216 indexed from a folder beside it."""
    corpus = require_corpus()
    home = tmp_path_factory.mktemp("shared")
    data = copy_seeds(home / "data")
    elsewhere = home / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(corpus / "ga-resolutions" / "A_RES_78_216.txt", elsewhere)
    settings = settings_for(home, data)
    run_index(settings, [data, elsewhere])
    with running_server(settings.index_dir) as url:
        yield home, settings, url


def test_no_json_answer_names_a_path_on_the_server(server):
    home, _, url = server
    for path in PATHS:
        status, body = fetch(url + path)
        assert status in (200, 404), (path, status, body[:300])
        assert str(home) not in body, path
        leaked = [s for s in strings(json.loads(body)) if os.path.isabs(s) and Path(s).exists()]
        assert leaked == [], path


def test_a_document_names_its_file_relative_to_the_data_folder(server):
    _, settings, url = server
    seed = json.loads(fetch(url + "/api/documents/A/RES/64/163")[1])
    assert (settings.data_dir / seed["source"]).is_file() and not os.path.isabs(seed["source"])
    outside = json.loads(fetch(url + "/api/documents/A/RES/78/216")[1])
    assert outside["source"] == "A_RES_78_216.txt"


def test_healthz_names_the_generation_and_its_counts(server):
    _, settings, url = server
    status, body = fetch(url + "/healthz")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok"
    assert isinstance(health["process"], int) and health["process"] != os.getpid()  # the server's worker
    assert health["generation"] == (settings.index_dir / "CURRENT").read_text().strip()
    seeds = len(list(settings.data_dir.glob("*.txt")))
    assert health["documents"] == seeds + 1  # every seed is one resolution, plus A/RES/78/216
    documents = json.loads(fetch(url + "/api/search?q=&per_page=20")[1])
    assert health["paragraphs"] == documents["total"]


def test_healthz_is_503_json_without_an_index_and_names_no_path_on_the_server(tmp_path):
    """A balancer (and a client) gets JSON, not the HTML error page; the message says what to run
    but not where the server keeps its index."""
    index_dir = tmp_path / "none"
    with running_server(index_dir) as url:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(url + "/healthz", timeout=60)
        api_status, api_body = fetch(url + "/api/search?q=impunity")
        page_status, page_body = fetch(url + "/?q=impunity")
    assert answer.value.code == 503 and answer.value.headers["Content-Type"] == "application/json"
    error = json.loads(answer.value.read().decode("utf-8"))["error"]
    assert error == {"status": 503, "message": "no index at the server's index folder; "
                                               "run `searchapp index` to build one from your data folder"}
    assert api_status == page_status == 503 and json.loads(api_body)["error"] == error
    assert str(tmp_path) not in api_body + page_body
    assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"


def test_a_damaged_index_is_named_by_its_generation_not_its_path(tmp_path):
    index_dir = tmp_path / "damaged"
    index_dir.mkdir()
    (index_dir / "CURRENT").write_text("gen-000007\n", encoding="ascii")
    with running_server(index_dir) as url:
        status, body = fetch(url + "/api/search?q=impunity")
    message = json.loads(body)["error"]["message"]
    assert status == 503 and str(tmp_path) not in body
    assert message.startswith("the index at the server's index folder is damaged (CURRENT names 'gen-000007'")
