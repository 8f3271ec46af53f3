"""Shared fixtures: real indexes on disk built from the seeds and the shared corpus."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from searchapp.config import Settings
from searchapp.exceptions import BadInputFile
from searchapp.indexing.run import run_index
from searchapp.models import Document
from searchapp.parsing import parse_file
from searchapp.search.service import SearchService
from searchapp.web import create_app

REPO = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO / "data"
CORPUS_DIR = REPO.parent / "shared" / "corpus"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))
# The seeds by the resolution each holds (data/ names them by a hash).
SEED_2004_68 = SEEDS_DIR / "000_0cc30cf95526c7a5.txt"  # E/CN.4/RES/2004/68
SEED_2002_70 = SEEDS_DIR / "001_e96ac3747fac99ba.txt"  # E/CN.4/RES/2002/70
SEED_64_163 = SEEDS_DIR / "003_24ed9d044c465573.txt"  # A/RES/64/163
CLI = [sys.executable, "-m", "searchapp.cli"]
# Debian's chromium, driven by Playwright in the browser tests (scripts/test.sh installs it).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def settings_for(tmp: Path, data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, index_dir=tmp / "index")


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SEED_FILES:
        shutil.copy(path, target / path.name)
    return target


def index_of(tmp: Path, files: Iterable[Path] = (), seeds: bool = True) -> Settings:
    """Settings of a new index in `tmp` over the three seeds (unless `seeds` is False) and copies of
    `files` (e.g. resolutions of the shared corpus), for a module's own small index. Fails when the
    indexer skips a file: the module's counts would be of another index."""
    data = copy_seeds(tmp / "data") if seeds else tmp / "data"
    data.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, data / path.name)
    settings = settings_for(tmp, data)
    summary = run_index(settings)
    assert not summary.skipped, summary.skipped
    return settings


def client_of(settings: Settings):
    """A Flask test client of the app over settings' index (no HTTP, no subprocess)."""
    app = create_app(settings)
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory) -> Settings:
    """An index of the three seed resolutions, built once for the session."""
    return index_of(tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def seed_service(seed_settings) -> SearchService:
    return SearchService(seed_settings)


@pytest.fixture(scope="session")
def client(seed_settings):
    """A Flask test client of the app over the seed index (no HTTP, no subprocess)."""
    return client_of(seed_settings)


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    """`searchapp ARGS --index INDEX` as a real subprocess over settings' index; output captured as text,
    the exit code not checked (tests assert it)."""
    return subprocess.run([*CLI, *args, "--index", str(settings.index_dir)],
                          capture_output=True, text=True, timeout=120, check=False)


def require_corpus() -> Path:
    """../shared/corpus, or: in CI (the CI environment variable set) a failure naming the path,
    since a CI run that skips the corpus tests proves nothing about the corpus; elsewhere a skip."""
    if not CORPUS_DIR.is_dir():
        message = f"the shared corpus is not beside the checkout ({CORPUS_DIR})"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must run every test over it", pytrace=False)
        pytest.skip(message)
    return CORPUS_DIR


# Tests using these fixtures read the shared corpus: slow (see README), whoever writes them.
CORPUS_FIXTURES = {"corpus_settings", "corpus_service", "shared_corpus", "parsed_corpus"}


def pytest_collection_modifyitems(config, items):
    """Mark slow every test over the corpus fixtures and every browser test."""
    for item in items:
        if CORPUS_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def shared_corpus() -> Path:
    """require_corpus() as a fixture, for modules that need the corpus in every test
    (`pytestmark = pytest.mark.usefixtures("shared_corpus")`)."""
    return require_corpus()


# The shared corpus's folders of text files (the PDFs' folders hold only their manifest.csv as text).
TEXT_FOLDERS = ("ga-resolutions", "ga-with-tags", "unsc-resolutions", "unsc-drafts")


@pytest.fixture(scope="session")
def parsed_corpus() -> dict[str, dict[str, Document | BadInputFile]]:
    """folder of TEXT_FOLDERS -> {file name: its Document, or the BadInputFile parse_file raised},
    every .txt file of the shared corpus parsed once for the session (1,722 files; ~30 s idle).
    Shared by every module that reads the whole corpus: a test must not change these Documents."""
    corpus = require_corpus()
    parsed: dict[str, dict[str, Document | BadInputFile]] = {}
    for folder in TEXT_FOLDERS:
        parsed[folder] = {}
        for path in sorted((corpus / folder).glob("*.txt")):
            try:
                parsed[folder][path.name] = parse_file(path)
            except BadInputFile as refused:
                parsed[folder][path.name] = refused
    return parsed


def parsed_file(parsed_corpus: dict, path: Path) -> Document:
    """parse_file(path) for a file of the shared corpus, read from parsed_corpus when it holds it
    (raising the same BadInputFile), parsed now otherwise."""
    found = parsed_corpus.get(path.parent.name, {}).get(path.name) if path.parent.parent == CORPUS_DIR else None
    if found is None:
        return parse_file(path)
    if isinstance(found, BadInputFile):
        raise found
    return found


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    """An index of the seeds plus the 54 tagged GA resolutions and 60 Security Council ones."""
    corpus = require_corpus()
    tmp = tmp_path_factory.mktemp("corpus")
    data = copy_seeds(tmp / "data")
    for path in sorted((corpus / "ga-with-tags").glob("*.txt")):
        shutil.copy(path, data / ("tagged_" + path.name))
    for path in sorted((corpus / "unsc-resolutions").glob("S_RES_*.txt"))[:60]:
        shutil.copy(path, data / path.name)
    settings = settings_for(tmp, data)
    run_index(settings)
    return settings


@pytest.fixture(scope="session")
def corpus_service(corpus_settings) -> SearchService:
    return SearchService(corpus_settings)


@pytest.fixture(scope="session")
def whole_corpus_service(tmp_path_factory) -> SearchService:
    """An index of the WHOLE shared corpus (1,668 documents, ~45 s), built once per session; for
    tests marked slow. A missing corpus fails the test: it is part of the project's material."""
    assert CORPUS_DIR.is_dir(), f"the shared corpus must sit beside the checkout: {CORPUS_DIR}"
    tmp = tmp_path_factory.mktemp("whole-corpus")
    settings = settings_for(tmp, CORPUS_DIR)
    run_index(settings)
    return SearchService(settings)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The process groups of the servers the tests started (each its own session): none may outlive the run.
STARTED_GROUPS: set[int] = set()


def start_server_process(command: list[str], **popen) -> subprocess.Popen:
    """Popen(command) in a session of its own, so that `stop_server_process` reaches whatever it
    forks (gunicorn's workers) through its process group."""
    process = subprocess.Popen(command, start_new_session=True, **popen)
    STARTED_GROUPS.add(process.pid)
    return process


def stop_server_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """Stop a process of `start_server_process` and its group: SIGTERM to it (gunicorn's master then
    stops its workers, each request in flight finishing), up to `timeout` s, then SIGKILL to every
    process left in the group, and reap. Never returns with a process of the group alive."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):  # raised when the group is gone: the usual case
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=timeout)


def live_processes(groups: set[int], parent: int) -> list[str]:
    """The live (not zombie) processes in `groups` or children of `parent`, as "pid command" lines,
    read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        command, fields = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        state, ppid, pgid = fields[0], int(fields[1]), int(fields[2])
        if state != "Z" and (pgid in groups or ppid == parent):
            found.append(f"{stat.parent.name} {command}")
    return found


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    """After the last test: no server the tests started, nor any child of pytest, is still running
    (torn down last, after the session's server and browser)."""
    yield
    left = live_processes(STARTED_GROUPS, os.getpid())
    for pgid in STARTED_GROUPS:  # clean up before failing: the next run must find a free machine
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
    assert left == [], f"processes left running after the tests: {left}"


@contextlib.contextmanager
def running_server(index_dir: Path, *extra: str):
    """`searchapp serve` as a real subprocess on a free loopback port; yields its base URL. Stopped
    with its workers on leaving (stop_server_process)."""
    port = free_port()
    # The server's messages go to a file: a pipe nobody reads fills up and stalls the server.
    log = tempfile.NamedTemporaryFile(prefix="searchapp-serve-", suffix=".log", delete=False)
    process = start_server_process([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(index_dir),
                                    "--port", str(port), *extra], stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("server did not start: " + Path(log.name).read_text(errors="replace")) from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server_process(process)
        log.close()
        Path(log.name).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def server(seed_settings):
    """`searchapp serve` over the seed index with its defaults (loopback, one worker per core), started
    once for the session; its base URL. Tests only read through it: the seed index never changes."""
    with running_server(seed_settings.index_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, through Playwright's sync API. Scoped to the module, not the
    session: the sync API cannot run twice at once in one thread ("It looks like you are using
    Playwright Sync API inside the asyncio loop"), so a browser left open across modules would
    break any test that starts its own."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required for the browser tests (scripts/test.sh installs it)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A new desktop-sized tab (1280 x 900) of `browser`, closed after the test."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now (the copy shipped in the
    `axe-playwright-python` package), one line each: impact, rule, help and the first three places."""
    axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")
    found = axe_api.Axe().run(page).response["violations"]
    return [f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v["impact"] in ("serious", "critical")]


def tab_to(page, selector: str, limit: int = 150) -> str:
    """Press Tab until the focused element matches `selector` (at most `limit` times, else an
    AssertionError); returns its accessible text (aria-label, else its text)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return page.evaluate("() => document.activeElement.getAttribute('aria-label') || "
                                 "document.activeElement.textContent.trim()")
    raise AssertionError(f"Tab never reached {selector}")
