"""A killed or concurrent indexer never costs the researcher the last good index."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import SEED_64_163, SEED_2004_68, SEED_FILES, copy_seeds

from searchapp.config import Settings
from searchapp.engine import current_generation, writer_lock
from searchapp.exceptions import IndexBusy, IndexMissing
from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

# Builds an index of `count` generated paragraphs from the seeds' real sentences.
BUILD = textwrap.dedent("""
    import datetime as dt, re, sys
    from pathlib import Path
    from searchapp.config import Settings
    from searchapp.indexing.run import build_from_documents
    from searchapp.models import Document, Paragraph
    index_dir, count, word = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seeds = sorted(Path(sys.argv[4]).glob("*.txt"))
    blocks = [" ".join(b.split()) for p in seeds for b in re.split(r"\\n\\s*\\n", p.read_text()) if len(b) > 60]
    def documents():
        for d in range(count // 20):
            symbol = f"A/RES/{d}/1"
            paragraphs = [Paragraph(symbol, "operative", i + 1, i, "Urges",
                                    f"{word} " + blocks[(d * 20 + i) % len(blocks)])
                          for i in range(20)]
            yield Document(symbol, "General Assembly", "Generated", dt.date(2000, 1, 1), 2000, 55, "gen.txt",
                           paragraphs=paragraphs)
    build_from_documents(Settings(index_dir=Path(index_dir)), documents(), procs=1)
""")


def build(index_dir: Path, count: int, word: str) -> subprocess.Popen:
    seeds = Path(__file__).resolve().parents[1] / "data"
    return subprocess.Popen([sys.executable, "-c", BUILD, str(index_dir), str(count), word, str(seeds)],
                            stderr=subprocess.PIPE)


def count_of(index_dir: Path, word: str) -> int:
    return SearchService(Settings(index_dir=index_dir)).count(SearchRequest(query=word))


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_the_previous_index_searchable(tmp_path):
    index_dir = tmp_path / "index"
    first = build(index_dir, 200, "firstbuild")
    assert first.wait(timeout=120) == 0, first.stderr.read().decode()
    assert count_of(index_dir, "firstbuild") == 200
    # Time one complete build of the victim's size, then kill victims at fractions of that time
    # so the kills land in start-up, adding, the Whoosh commit and the sidecar/publish phase.
    started = time.monotonic()
    assert build(tmp_path / "timing", 1000, "secondbuild").wait(timeout=300) == 0
    duration = time.monotonic() - started
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 0.99):
        victim = build(index_dir, 1000, "secondbuild")
        time.sleep(duration * fraction)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        # Whatever moment it died at, the index is whole: the previous one untouched, or (if the
        # kill came after the publish) the complete new one; never a mixture or an error.
        state = (count_of(index_dir, "firstbuild"), count_of(index_dir, "secondbuild"))
        assert state in ((200, 0), (0, 1000))
    # The next run clears what the killed ones left and publishes normally.
    again = build(index_dir, 200, "thirdbuild")
    assert again.wait(timeout=120) == 0, again.stderr.read().decode()
    assert count_of(index_dir, "thirdbuild") == 200
    assert not list(index_dir.glob(".building-*"))


def test_second_indexer_refuses_while_the_first_holds_the_lock(tmp_path):
    index_dir = tmp_path / "index"
    with writer_lock(index_dir):
        with pytest.raises(IndexBusy, match="another `searchapp index` is already updating"):
            with writer_lock(index_dir):
                pass


@pytest.mark.slow
def test_searches_switch_to_a_new_generation_without_restart(tmp_path):
    index_dir = tmp_path / "index"
    assert build(index_dir, 100, "alpha").wait(timeout=120) == 0
    service = SearchService(Settings(index_dir=index_dir))
    assert service.count(SearchRequest(query="alpha")) == 100
    old_generation = current_generation(index_dir)
    assert build(index_dir, 100, "beta").wait(timeout=120) == 0
    assert current_generation(index_dir) != old_generation
    assert service.count(SearchRequest(query="beta")) == 100
    assert service.count(SearchRequest(query="alpha")) == 0


def test_missing_or_damaged_index_says_run_searchapp_index(tmp_path):
    service = SearchService(Settings(index_dir=tmp_path / "none"))
    with pytest.raises(IndexMissing, match="run `searchapp index`"):
        service.search(SearchRequest(query="impunity"))
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "CURRENT").write_text("gen-000009\n")
    with pytest.raises(IndexMissing, match="damaged"):
        SearchService(Settings(index_dir=damaged)).search(SearchRequest(query="impunity"))


@pytest.mark.slow
def test_an_index_with_a_file_cut_short_is_not_built_upon_until_rebuilt(tmp_path):
    """Each generation records its files' sizes: a truncated postings file is reported when the
    index opens (not by the search that reads it), and an incremental run refuses to carry it
    into the next generation; --rebuild repairs."""
    data = copy_seeds(tmp_path / "data")
    settings = Settings(data_dir=data, index_dir=tmp_path / "index")
    run_index(settings)
    expected = SearchService(settings).count(SearchRequest(query="impunity"))
    live = current_generation(settings.index_dir)
    victim = max(live.glob("*.pst"), key=lambda p: p.stat().st_size)
    victim.write_bytes(victim.read_bytes()[:100])
    with pytest.raises(IndexMissing, match=rf"{victim.name} is 100 bytes, .* when written.*--rebuild"):
        SearchService(settings).search(SearchRequest(query="impunity"))
    (data / "extra.txt").write_text(SEED_FILES[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(IndexMissing, match="--rebuild"):
        run_index(settings)
    assert current_generation(settings.index_dir) == live
    assert run_index(settings, rebuild=True).documents == 3
    assert SearchService(settings).count(SearchRequest(query="impunity")) == expected


def _group_members(group: int) -> list[int]:
    """The live processes (zombies aside) of process group `group`, from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(stat.parent.name))
    return members


@pytest.mark.parametrize("interrupts", [1, 2], ids=["one-ctrl-c", "two-ctrl-c"])
def test_ctrl_c_while_pdfs_are_parsed_stops_the_run_its_workers_and_frees_the_lock(
        tmp_path, shared_corpus, interrupts):
    """Issue 18's new user: Ctrl-C during PDF parsing waited for every queued PDF, and a second
    Ctrl-C left the run and both parse workers hanging with the index lock held."""
    index_dir = tmp_path / "index"
    cli = [sys.executable, "-m", "searchapp.cli", "index", "--index", str(index_dir)]
    assert subprocess.run([*cli, str(SEED_64_163)], capture_output=True, timeout=120).returncode == 0
    earlier = current_generation(index_dir)
    earlier_count = count_of(index_dir, "women")
    assert earlier_count > 0
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:
        # Its own process group, as a terminal's foreground job: Ctrl-C reaches it and its workers.
        run = subprocess.Popen([*cli, str(shared_corpus / "ga-pdfs")], stdout=subprocess.DEVNULL,
                               stderr=stderr, start_new_session=True)
    try:
        deadline = time.monotonic() + 60  # a hang guard, not a speed claim
        while "parsing" not in log.read_text() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert run.poll() is None, log.read_text()
        for k in range(interrupts):
            if k:
                time.sleep(0.5)
            with contextlib.suppress(ProcessLookupError):  # already gone after the first
                os.killpg(run.pid, signal.SIGINT)
        assert run.wait(timeout=60) == 1
        messages = log.read_text()
        assert messages.rstrip().endswith("Aborted.") and "Traceback" not in messages, messages
        # No worker outlives it (a terminated one is reaped within the guard).
        deadline = time.monotonic() + 60
        while _group_members(run.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _group_members(run.pid) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    # The earlier generation is still the one served, whole; the lock is free for the next run.
    assert current_generation(index_dir) == earlier
    assert count_of(index_dir, "women") == earlier_count
    again = subprocess.run([*cli, str(SEED_2004_68)], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert current_generation(index_dir) != earlier
    assert count_of(index_dir, "women") > earlier_count
