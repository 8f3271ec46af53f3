"""Folders of files nobody checked: every bad file is reported with its name and reason, every
good file (including other encodings) is indexed, the exit code says something was skipped, and
nothing already indexed is lost by a later run."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import SEED_FILES, copy_seeds, settings_for

from searchapp.indexing.inputs import MAX_FILE_BYTES
from searchapp.indexing.run import run_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

GA_SEED = next(p for p in SEED_FILES if p.read_text(encoding="utf-8").startswith("%%%"))  # A/RES/64/163
COMMISSION_SEED = next(p for p in SEED_FILES if "2002/70" in p.read_text(encoding="utf-8")[:3000])
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>\nstream\n" + bytes(range(256)) * 4


def _bad_files(folder):
    """file name -> bytes (or None for special files made below), and the words its reason must use."""
    huge = 50 * 2**20  # a 50 MB file; the limit is MAX_FILE_BYTES
    assert huge > MAX_FILE_BYTES
    return {
        "scanned.txt": (PDF, "PDF"),
        "picture.txt": (PNG, "PNG"),
        "empty.txt": (b"", "empty"),
        "blank.txt": (b" \n\t\r\n   \n", "whitespace"),
        "no_paragraphs.txt": (b"United Nations\nA/RES/70/999\nGeneral Assembly\n\nThe General Assembly,\n\n",
                              "no paragraphs"),
        "bad_header.txt": (b"%%%\n", "malformed %%% tag header"),
        "unknown.txt": (b"Some notes about a meeting.\n\nWe discussed the budget.\n",
                        "not a recognisable UN resolution"),
        "huge.txt": (b"x" * huge, "too large"),
    }


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    data = copy_seeds(tmp / "data")
    # The Commission seed again, re-encoded: different bytes, same resolution -> one duplicate.
    text = COMMISSION_SEED.read_text(encoding="utf-8")
    bad = _bad_files(data)
    for name, (content, _) in bad.items():
        (data / name).write_bytes(content)
    # Other encodings of real texts are not bad: a corpus GA text in cp1252, Latin-1, UTF-16.
    ga_text = GA_SEED.read_text(encoding="utf-8")
    plain = ga_text.replace("\u2011", "-").replace("\u00a0", " ").replace("\u202f", " ")
    (data / "sub").mkdir()
    (data / "sub" / "cp1252.txt").write_bytes(
        plain.replace("64/163", "64/901").encode("cp1252", errors="replace"))
    (data / "sub" / "latin1.txt").write_bytes(
        plain.replace("64/163", "64/902").replace("’", "'").replace("“", '"').replace("”", '"')
        .encode("latin-1", errors="replace"))
    (data / "sub" / "utf16.txt").write_bytes(plain.replace("64/163", "64/903").encode("utf-16"))
    # No date line, and an impossible one: indexed all the same, dated by the symbol's year only.
    undated = text.replace("2002/70", "2002/71").replace("25 April 2002", "")
    (data / "sub" / "undated.txt").write_text(undated, encoding="utf-8")
    (data / "sub" / "bad_date.txt").write_text(
        text.replace("2002/70", "2002/72").replace("25 April 2002", "31 February 2002"), encoding="utf-8")
    # The Commission seed again under another name: one document, the report names the winner.
    (data / "sub" / "copy_of_2002_70.txt").write_text(text, encoding="utf-8")
    # A symlink loop and a dangling link.
    os.symlink(data / "sub", data / "sub" / "loop")
    os.symlink(data / "gone.txt", data / "dangling.txt")
    unreadable = data / "locked.txt"
    unreadable.write_text(text, encoding="utf-8")
    unreadable.chmod(0)
    settings = settings_for(tmp, data)
    summary = run_index(settings)
    unreadable.chmod(0o644)
    return settings, summary, bad


def test_every_bad_file_is_reported_with_a_reason(indexed):
    _, summary, bad = indexed
    reasons = {os.path.basename(s.path): s.reason for s in summary.skipped}
    for name, (_, words) in bad.items():
        assert name in reasons, (name, reasons)
        if words:
            assert words.lower() in reasons[name].lower(), (name, reasons[name])
    assert "dangling.txt" in reasons


def test_link_loops_and_duplicates_are_named_with_the_reason(indexed):
    _, summary, _ = indexed
    reasons = {s.path: s.reason for s in summary.skipped}
    assert "loop" in reasons["sub/loop"]  # named like the files, relative to the data folder
    # A duplicate is not a failure: listed apart, with the rule that chose.
    assert "sub/copy_of_2002_70.txt" not in reasons
    duplicates = {s.path: s.reason for s in summary.duplicates}
    assert duplicates["sub/copy_of_2002_70.txt"] == (
        f"duplicate of E/CN.4/RES/2002/70: kept {COMMISSION_SEED.name} "
        "(the PDF first (the original the UN published), then more paragraphs; on a tie, "
        "the one with subject tags, then the earlier file name)")


def test_unreadable_file_is_reported_unless_running_as_root(indexed):
    _, summary, _ = indexed
    reasons = {os.path.basename(s.path): s.reason for s in summary.skipped}
    if os.geteuid() == 0:
        # root reads anything: the file is read, and it is a copy of the Commission seed.
        duplicates = {os.path.basename(s.path): s.reason for s in summary.duplicates}
        assert "locked.txt" not in reasons
        assert "duplicate of E/CN.4/RES/2002/70" in duplicates["locked.txt"] or "locked.txt" not in duplicates
    else:
        assert "permission" in reasons["locked.txt"].lower()


def test_the_good_files_are_all_searchable(indexed):
    settings, summary, _ = indexed
    service = SearchService(settings)
    symbols = set(service.symbols())
    assert {"E/CN.4/RES/2004/68", "E/CN.4/RES/2002/70", "A/RES/64/163",
            "A/RES/64/901", "A/RES/64/902", "A/RES/64/903"} <= symbols
    for symbol in ("A/RES/64/901", "A/RES/64/902", "A/RES/64/903"):
        # Each encoding reads back to the same paragraphs as the UTF-8 original.
        assert [p.text for p in service.document(symbol).paragraphs] == \
               [p.text for p in service.document("A/RES/64/163").paragraphs]
    for symbol in ("E/CN.4/RES/2002/71", "E/CN.4/RES/2002/72"):
        document = service.document(symbol)
        assert (document.date, document.year) == (None, 2002)
        assert len(document.paragraphs) == len(service.document("E/CN.4/RES/2002/70").paragraphs)
    assert service.search(SearchRequest(query="impunity")).documents == 8
    assert summary.documents == 8


def test_a_later_run_loses_nothing(indexed, tmp_path):
    settings, _, _ = indexed
    before = SearchService(settings).search(SearchRequest(query="impunity")).total
    again = run_index(settings)
    assert again.up_to_date or again.files_indexed == 0
    assert SearchService(settings).search(SearchRequest(query="impunity")).total == before


@pytest.mark.slow
def test_the_cli_exit_code_says_files_were_skipped(tmp_path):
    data = copy_seeds(tmp_path / "data")
    command = [sys.executable, "-m", "searchapp.cli", "index", "--index", str(tmp_path / "idx"), "--format", "json",
               str(data)]
    clean = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr
    (data / "picture.txt").write_bytes(PNG)
    (data / "empty.txt").write_bytes(b"")
    dirty = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert dirty.returncode == 4
    report = json.loads(dirty.stdout)
    skipped = {os.path.basename(s["path"]): s["reason"] for s in report["skipped"]}
    assert set(skipped) == {"picture.txt", "empty.txt"}
    assert report["documents"] == 3
    assert "Traceback" not in dirty.stderr


def index_cli(home) -> subprocess.CompletedProcess:
    """`searchapp index` run in `home`: its data folder is home/data, its index home/index (an empty
    config.toml there, else searchapp would read the installed project's, whose data is the seeds)."""
    (home / "config.toml").touch()
    return subprocess.run([sys.executable, "-m", "searchapp.cli", "index", "--format", "json", "--index", "index"],
                          capture_output=True, text=True, timeout=60, cwd=home)


def skipped_of(run: subprocess.CompletedProcess) -> dict[str, str]:
    return {s["path"]: s["reason"] for s in json.loads(run.stdout)["skipped"]}


@pytest.mark.slow
def test_a_file_that_turns_bad_keeps_its_indexed_version(tmp_path):
    """A text overwritten by a half-finished copy, or a link whose disk is away, must not take its
    resolution out of the index: the earlier version stays and the report says so."""
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    before = SearchService(settings).search(SearchRequest(query="impunity")).total
    (data / COMMISSION_SEED.name).write_bytes(PNG)
    (data / "elsewhere.txt").write_text(GA_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (data / GA_SEED.name).unlink()
    os.symlink(data / "elsewhere.txt", data / GA_SEED.name)
    run_index(settings)  # the GA text now reached through a link (a duplicate: its file name is later)
    (data / "elsewhere.txt").unlink()
    summary = run_index(settings)
    reasons = {s.path: s.reason for s in summary.skipped}
    assert reasons[COMMISSION_SEED.name].startswith("a PNG image")
    assert reasons[COMMISSION_SEED.name].endswith("the version indexed earlier (E/CN.4/RES/2002/70) is kept")
    assert reasons[GA_SEED.name].startswith("broken link")
    assert reasons[GA_SEED.name].endswith("the version indexed earlier (A/RES/64/163) is kept")
    service = SearchService(settings)
    assert service.search(SearchRequest(query="impunity")).total == before
    assert set(service.symbols()) == {"E/CN.4/RES/2004/68", "E/CN.4/RES/2002/70", "A/RES/64/163"}
    # The next run still reports both (exit code 4) and still keeps them.
    again = index_cli(tmp_path)
    assert again.returncode == 4
    assert set(skipped_of(again)) == {COMMISSION_SEED.name, GA_SEED.name}
    assert json.loads(again.stdout)["documents"] == 3


def test_indexing_one_new_file_keeps_the_rest(tmp_path):
    data = copy_seeds(tmp_path / "data")
    settings = settings_for(tmp_path, data)
    run_index(settings)
    new = tmp_path / "inbox" / "A_RES_64_901.txt"
    new.parent.mkdir()
    new.write_text(GA_SEED.read_text(encoding="utf-8").replace("64/163", "64/901"), encoding="utf-8")
    summary = run_index(settings, [new])
    assert (summary.files_indexed, summary.files_removed, summary.documents) == (1, 0, 4)
    assert "A/RES/64/901" in SearchService(settings).symbols()
    # Removing a file only counts inside the paths a run was given.
    (data / COMMISSION_SEED.name).unlink()
    summary = run_index(settings, [data])
    assert (summary.files_removed, summary.documents) == (1, 3)
    assert "A/RES/64/901" in SearchService(settings).symbols()


@pytest.mark.slow
def test_skipped_files_are_reported_by_every_later_run(tmp_path):
    data = copy_seeds(tmp_path / "data")
    (data / "empty.txt").write_bytes(b"")
    assert index_cli(tmp_path).returncode == 4
    # Another file changes: the run does work, and the empty file is still skipped.
    (data / "undated.txt").write_text(COMMISSION_SEED.read_text(encoding="utf-8").replace("2002/70", "2002/71"),
                                      encoding="utf-8")
    changed = index_cli(tmp_path)
    assert json.loads(changed.stdout)["files_indexed"] == 1
    assert (changed.returncode, skipped_of(changed)) == (4, {"empty.txt": "empty file"})
    (data / "empty.txt").unlink()
    assert index_cli(tmp_path).returncode == 0


@pytest.mark.slow
def test_a_named_pipe_is_reported_not_read(tmp_path):
    """Reading a pipe (or /dev/zero behind a link) never ends: such files are skipped unread."""
    data = copy_seeds(tmp_path / "data")
    os.mkfifo(data / "pipe.txt")
    os.symlink("/dev/zero", data / "zeros.txt")
    run = index_cli(tmp_path)  # times out if it reads them
    assert run.returncode == 4
    assert skipped_of(run) == {"pipe.txt": "not a regular file (a pipe, socket or device); not read",
                               "zeros.txt": "not a regular file (a pipe, socket or device); not read"}
    assert json.loads(run.stdout)["documents"] == 3
