"""Which input files a run reads, and what changed since the last one.

Files are named as the user sees them, relative to the data folder (links not resolved, so a
broken link is named, not its target). Content hashes (sha1) decide what must be parsed again.
A file that cannot be read is reported with the reason; if an earlier version of it is indexed,
that version stays.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from searchapp.exceptions import SearchAppError
from searchapp.indexing.summary import IndexSummary, Skipped

# The longest resolution in the corpus is under 1 MB of text; a file this large is something else
# (a whole dump, a mis-named archive) and would make one giant "document".
MAX_FILE_BYTES = 16 * 1024 * 1024
# What a folder scan reads (searchapp/parsing/formats.py has a reader for each).
READ_SUFFIXES = (".txt", ".pdf", ".docx")


def source_name(path: Path, data_dir: Path) -> str:
    """The file as the user sees it (links not resolved, so a broken link is named, not its target)."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(os.path.abspath(data_dir)))
    except ValueError:
        return str(absolute)


def find_input_files(paths: Iterable[Path], skipped: list[Skipped],
                     ignored: Counter | None = None) -> list[Path]:
    """Every .txt, .pdf and .docx file under the given files/folders, following folder links once
    (no loops); a file named directly is always tried. Files of the folders with another extension
    are counted in `ignored` by extension (".xlsx", "(none)"), to be listed, not silently dropped."""
    found: list[Path] = []
    for root in paths:
        if root.is_file():
            found.append(root)
            continue
        if not root.exists():
            raise SearchAppError(f"input path not found: {root}")
        visited: set[str] = set()
        for folder, dirs, files in os.walk(root, followlinks=True, onerror=lambda e: skipped.append(
                Skipped(str(e.filename), f"cannot read folder: {e.strerror}"))):
            real = os.path.realpath(folder)
            if real in visited:
                skipped.append(Skipped(folder, "folder link loop; not followed again"))
                dirs[:] = []
                continue
            visited.add(real)
            dirs.sort()
            for name in sorted(files):
                suffix = Path(name).suffix.lower()
                if suffix in READ_SUFFIXES:
                    found.append(Path(folder) / name)
                elif ignored is not None:
                    ignored[suffix or "(none)"] += 1
    return found


def fingerprint(path: Path) -> str:
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def survey(inputs: list[Path], previous: dict, data_dir: Path,
           summary: IndexSummary) -> tuple[dict[str, dict], list[tuple[str, Path]], dict[str, Path]]:
    """Each readable file's record (unchanged ones from `previous`), the files to parse, and
    where each name lives; files that cannot be read are reported."""
    current: dict[str, dict] = {}
    to_parse: list[tuple[str, Path]] = []
    path_of: dict[str, Path] = {}
    for path in inputs:
        name = source_name(path, data_dir)
        try:
            problem = not_readable(path)
            digest = None if problem else fingerprint(path)
        except OSError as exc:
            problem = f"cannot read file: {exc.strerror}"
        if problem:
            skip_file(name, problem, previous, current, summary)
            continue
        summary.files_seen += 1
        path_of[name] = path
        old = previous.get(name)
        if old and old["sha1"] == digest:
            current[name] = old
            summary.files_unchanged += 1
        else:
            current[name] = {"sha1": digest, "symbol": None, "paragraphs": 0}
            to_parse.append((name, path))
    return current, to_parse, path_of


def not_readable(path: Path) -> str | None:
    """Why a file is not read at all: a broken link, a pipe or device (reading one never ends),
    or a size no resolution has."""
    try:
        status = path.stat()
    except OSError as exc:
        if path.is_symlink():  # a link to a missing file, or a loop of links
            return f"broken link to {os.readlink(path)}: {exc.strerror}"
        raise
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a pipe, socket or device); not read"
    if status.st_size > MAX_FILE_BYTES:
        return (f"file too large ({status.st_size / 2**20:.1f} MB; "
                f"the limit is {MAX_FILE_BYTES // 2**20} MB)")
    return None


def skip_file(name: str, reason: str, previous: dict, current: dict, summary: IndexSummary) -> bool:
    """Report a bad file. If an earlier version of it is indexed, that version stays (a file
    half-copied or locked for a moment must not empty the index); returns whether it stayed."""
    earlier = previous.get(name)
    kept = bool(earlier and earlier.get("symbol"))
    if kept and earlier is not None:
        current[name] = earlier
        reason += f"; the version indexed earlier ({earlier['symbol']}) is kept"
    summary.skipped.append(Skipped(name, reason))
    return kept


def within(name: str, roots: list[Path], data_dir: Path) -> bool:
    """Whether the indexed file `name` lies in one of the files/folders given to this run."""
    path = Path(os.path.abspath(data_dir / name))
    for root in roots:
        root = Path(os.path.abspath(root))
        if path == root or root in path.parents:
            return True
    return False
