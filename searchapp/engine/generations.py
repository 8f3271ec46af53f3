"""The on-disk layout that makes every rebuild atomic.

    index/
      CURRENT          name of the live generation, replaced atomically (os.replace)
      gen-000007/      a complete, never-modified-after-commit index: Whoosh files + sidecars
      .building-*/     a generation being built; discarded if the builder dies
      writer.lock      flock held by the one running indexer

Each generation lists the size of every file it holds (`sizes.json`, written at publish): a file
cut short later (a full disk during a copy, a bad restore) is found when the index opens, with
what to do, instead of as a failed query when a search first reads it.

A new generation starts as hard links to the live one's files (Whoosh never rewrites a file it
has committed), is updated, committed and only then named in CURRENT. A killed indexer therefore
leaves CURRENT pointing at the previous, complete generation.

Readers hold a shared flock on the folder of the generation they read (`hold_generation`, taken
when a Snapshot opens and released when it closes or is dropped); a publish removes old
generations only when it can take that lock exclusively, so a server answering from an older
generation (Whoosh opens some of its files only when first needed) never has it deleted under
it. A generation skipped that way is removed by a later publish, once its readers are gone.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from searchapp.exceptions import IndexBusy, IndexMissing

POINTER = "CURRENT"
SIZES = "sizes.json"
LOCK = "writer.lock"
PREFIX = "gen-"
BUILDING = ".building-"
KEEP_OLD = 1  # previous generations kept for readers that have not reopened yet


def current_generation(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when no index was ever committed."""
    try:
        name = (index_dir / POINTER).read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise IndexMissing(f"cannot read the index at {index_dir}: {exc.strerror}") from None
    path = index_dir / name
    if not name.startswith(PREFIX) or not path.is_dir():
        raise IndexMissing(
            f"the index at {index_dir} is damaged ({POINTER} names {name!r}, which is missing); "
            "run `searchapp index --rebuild` to build it again"
        )
    return path


def require_generation(index_dir: Path) -> Path:
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissing(
            f"no index at {index_dir}; run `searchapp index` to build one from your data folder"
        )
    return generation


@contextmanager
def writer_lock(index_dir: Path):
    """Hold the single-writer lock; a second indexer gets IndexBusy instead of waiting."""
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(index_dir / LOCK, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusy(
                f"another `searchapp index` is already updating {index_dir}; "
                "wait for it to finish and run again"
            ) from None
        _discard_partial_builds(index_dir)
        yield
    finally:
        handle.close()  # closing releases the flock; a killed process releases it too


def _discard_partial_builds(index_dir: Path) -> None:
    """Remove what a killed indexer left behind (safe: we hold the lock)."""
    for path in index_dir.glob(BUILDING + "*"):
        shutil.rmtree(path, ignore_errors=True)


def start_generation(index_dir: Path, base: Path | None) -> Path:
    """A fresh building folder, pre-filled with hard links to `base`'s files when given."""
    building = index_dir / f"{BUILDING}{os.getpid()}"
    building.mkdir()
    if base is not None:
        for path in base.iterdir():
            if path.is_file() and path.name != SIZES:  # written anew at publish
                try:
                    os.link(path, building / path.name)
                except OSError:  # a file system without hard links
                    shutil.copy2(path, building / path.name)
    return building


def publish_generation(index_dir: Path, building: Path) -> Path:
    """Name the built folder as the next generation and point CURRENT at it, atomically."""
    numbers = [int(p.name[len(PREFIX):]) for p in index_dir.glob(PREFIX + "*") if p.name[len(PREFIX):].isdigit()]
    final = index_dir / f"{PREFIX}{max(numbers, default=0) + 1:06d}"
    _write_sizes(building)
    _fsync_tree(building)
    building.rename(final)
    pointer_tmp = index_dir / (POINTER + ".tmp")
    with open(pointer_tmp, "w", encoding="ascii") as handle:
        handle.write(final.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / POINTER)
    _fsync_dir(index_dir)
    _remove_old_generations(index_dir, keep=final.name)
    return final


def _write_sizes(building: Path) -> None:
    sizes = {p.name: p.stat().st_size for p in sorted(building.iterdir()) if p.is_file() and p.name != SIZES}
    tmp = building / (SIZES + ".tmp")
    tmp.write_text(json.dumps(sizes), encoding="utf-8")
    os.replace(tmp, building / SIZES)  # never write through the hard link shared with the live generation


def check_sizes(generation: Path) -> None:
    """Raise IndexMissing if a file of the generation is missing or not the size it was written
    with (generations from before sizes.json are not checked)."""
    try:
        sizes = json.loads((generation / SIZES).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        raise IndexMissing(f"the index in {generation} is damaged ({SIZES}: {exc}); "
                           "run `searchapp index --rebuild`") from None
    for name, size in sizes.items():
        try:
            actual = (generation / name).stat().st_size
        except OSError:
            actual = None
        if actual != size:
            found = "missing" if actual is None else f"{actual:,} bytes, {size:,} when written"
            raise IndexMissing(f"the index in {generation} is damaged ({name} is {found}); "
                               "run `searchapp index --rebuild`")


def hold_generation(folder: Path) -> int:
    """A descriptor holding a shared lock on `folder` (a generation, or one being built): while
    it is open, no publish removes the folder. Close it with os.close. IndexMissing if the folder
    is gone (removed between reading CURRENT and opening it: the caller reads CURRENT again).

    The lock is on the directory itself, not on a file in it: a new generation starts as hard
    links to the live one's files, and a lock on a shared inode would hold both."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise IndexMissing(f"the index generation {folder} is gone ({exc.strerror}); try again") from None
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a publish is removing this very folder
    if os.fstat(fd).st_nlink == 0:  # it was removed while we waited
        os.close(fd)
        raise IndexMissing(f"the index generation {folder} was just replaced; try again")
    return fd


def _remove_old_generations(index_dir: Path, keep: str) -> None:
    older = sorted(p for p in index_dir.glob(PREFIX + "*") if p.name < keep)
    for path in older[: max(0, len(older) - KEEP_OLD)]:
        _remove_unless_read(path)


def _remove_unless_read(path: Path) -> bool:
    """Remove a generation no reader holds (see hold_generation); False if one still does."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a reader still has it open: a later publish removes it
        shutil.rmtree(path, ignore_errors=True)
        return True
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
