"""Concurrent use. Many threads on one SearchService, as waitress runs it: answers must equal the
single-threaded ones. (Whoosh's readers share file handles; before Snapshot serialised them, two
threads reading the vocabulary at once got garbage bytes and the page a 500.) A rebuild while a real
server answers; a second indexer; a missing or damaged index."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_seeds, require_corpus, running_server

from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

QUERIES = ["impunty", "climate", "freedom of expression", '"human rights defenders"', "defend*",
           "rights -impunity", "*terror*", "women", "torture OR impunity"]


def answer(service: SearchService, query: str) -> tuple:
    result = service.search(SearchRequest(query=query, per_page=50))
    return result.total, result.mentions, tuple(h.highlight for h in result.hits), tuple(result.suggestions)


def test_concurrent_searches_give_the_single_threaded_answers(seed_settings):
    expected = {q: answer(SearchService(seed_settings), q) for q in QUERIES}
    for _ in range(3):  # a fresh service each round: cold caches are where threads collide
        service = SearchService(seed_settings)
        errors, results = [], []
        barrier = threading.Barrier(12)

        def worker(offset: int, barrier=barrier, service=service, results=results, errors=errors) -> None:
            barrier.wait()
            try:
                for i in range(len(QUERIES)):
                    query = QUERIES[(i + offset) % len(QUERIES)]
                    results.append((query, answer(service, query)))
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors[:3]
        assert len(results) == 12 * len(QUERIES)
        for query, got in results:
            assert got == expected[query], query


# -- a rebuild while a real server answers, and a second indexer -----------------------------------

CLI = [sys.executable, "-m", "searchapp.cli"]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def impunity_total(url: str) -> int:
    status, body = fetch(url + "/api/search?q=impunity")
    assert status == 200, body[:300]
    return json.loads(body)["total"]


def lock_is_held(index: Path) -> bool:
    """Whether a process holds the indexer's flock, read from /proc/locks without taking it."""
    inode = (index / "writer.lock").stat().st_ino
    return any(fields[1] == "FLOCK" and fields[5].endswith(f":{inode}")
               for fields in (line.split() for line in Path("/proc/locks").read_text().splitlines()))


@pytest.fixture(scope="module")
def rebuild(tmp_path_factory):
    """A server on the seed index while `searchapp index --rebuild` adds 25 GA resolutions; once
    the rebuild holds the lock it is paused and a second indexer is started."""
    corpus = require_corpus()
    if not Path("/proc/locks").exists():
        pytest.skip("needs /proc/locks to see the indexer's lock")
    home = tmp_path_factory.mktemp("rebuild")
    data = copy_seeds(home / "data")
    (home / "config.toml").touch()  # home/data is the data folder, not the installed project's
    index = home / "index"
    assert subprocess.run([*CLI, "index", "-q", "--index", str(index)], cwd=home, timeout=120).returncode == 0
    for path in sorted((corpus / "ga-resolutions").glob("*.txt"))[:25]:
        shutil.copy(path, data / path.name)
    story = {"during": []}
    with running_server(index) as url:
        story["before"] = impunity_total(url)
        builder = subprocess.Popen([*CLI, "index", "--rebuild", "-q", "--index", str(index)], cwd=home,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while builder.poll() is None:
            story["during"].append(impunity_total(url))
            if "second" not in story and lock_is_held(index):
                builder.send_signal(signal.SIGSTOP)  # the first indexer is mid-build, for certain
                try:
                    story["second"] = subprocess.run([*CLI, "index", "--index", str(index)], cwd=home,
                                                     capture_output=True, text=True, timeout=60)
                    story["during"].append(impunity_total(url))
                finally:
                    builder.send_signal(signal.SIGCONT)
        story["builder"] = builder.returncode, builder.communicate()[1]
        story["after"] = impunity_total(url)
    return story


def test_searches_answer_from_the_old_index_during_a_rebuild(rebuild):
    assert rebuild["builder"] == (0, "")
    assert rebuild["before"] == 9  # the seeds' impunity paragraphs
    # Every answer is whole: the old index's, then (after the commit, before the process has
    # exited) the new one's; never an error, a mixture or a step back.
    during = rebuild["during"]
    assert during.count(9) >= 3
    assert set(during) <= {9, rebuild["after"]} and during == sorted(during)


def test_the_server_sees_the_rebuilt_index_without_a_restart(rebuild):
    assert rebuild["after"] == 17  # the seeds' 9 and the first 25 GA texts' 8 (read with grep)


def test_a_second_indexer_refuses_with_exit_code_3(rebuild):
    second = rebuild["second"]
    assert second.returncode == 3
    assert "another `searchapp index` is already updating" in second.stderr
    assert "Traceback" not in second.stderr


# -- a missing or damaged index: the CLI says what to do (exit 2), the web answers 503 -------------

def damage(index: Path, how: str) -> None:
    """Point CURRENT at a generation that is gone, or at a copy of the live one with a file cut short."""
    live = index / (index / "CURRENT").read_text().strip()
    if how == "deleted generation":
        target = "gen-000099"
    else:
        copy = index / f"gen-0000{len(list(index.glob('gen-*'))) + 10}"
        shutil.copytree(live, copy)
        name = how.removeprefix("truncated ")
        victim = {"table of contents": lambda: max(copy.glob("_MAIN_*.toc")),
                  "postings": lambda: max(copy.glob("*.pst"), key=lambda p: p.stat().st_size),
                  "stored paragraphs": lambda: max(copy.glob("*_stored.col"))}.get(name, lambda: copy / name)()
        victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
        target = copy.name
    (index / "CURRENT").write_text(target + "\n")


@pytest.fixture(scope="module")
def damaged_server(seed_settings, tmp_path_factory):
    index = tmp_path_factory.mktemp("damaged") / "index"
    shutil.copytree(seed_settings.index_dir, index)
    with running_server(index) as url:
        yield index, url


@pytest.mark.parametrize("how", ["deleted generation", "truncated arrays.npz", "truncated documents.json",
                                 "truncated table of contents", "truncated postings",
                                 "truncated stored paragraphs"])
def test_a_damaged_index_says_run_searchapp_index(damaged_server, how):
    index, url = damaged_server
    good = (index / "CURRENT").read_text()
    assert impunity_total(url) == 9
    damage(index, how)
    try:
        cli = subprocess.run([*CLI, "search", "impunity", "--index", str(index)], capture_output=True,
                             text=True, timeout=60)
        assert cli.returncode == 2, cli.stderr
        assert "run `searchapp index" in cli.stderr and "Traceback" not in cli.stderr
        status, page = fetch(url + "/?q=impunity")
        assert status == 503 and "run `searchapp index" in page and "Traceback" not in page
        status, body = fetch(url + "/api/search?q=impunity")
        assert status == 503 and "run `searchapp index" in json.loads(body)["error"]["message"]
    finally:
        (index / "CURRENT").write_text(good)
    assert impunity_total(url) == 9  # repaired: the same server answers again


def test_no_index_at_all_says_run_searchapp_index(tmp_path):
    cli = subprocess.run([*CLI, "search", "impunity", "--index", str(tmp_path / "none")], capture_output=True,
                         text=True, timeout=60)
    assert cli.returncode == 2 and "run `searchapp index`" in cli.stderr
    with running_server(tmp_path / "none") as url:
        status, page = fetch(url + "/")
    assert status == 503 and "run `searchapp index`" in page
