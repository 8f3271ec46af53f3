"""A server worker's long-lived heap kept out of Python's full garbage collections.

An open generation is hundreds of thousands of long-lived objects (the document table's
records, the symbol index, Whoosh's readers, the caches). CPython's full (generation 2)
collection walks every one of them each time it runs: about 70 ms in a worker over the corpus,
with every thread of the worker stopped, a few times per thousand requests. `gc.freeze()` moves
every object alive at that moment into a permanent generation that no collection walks.

Freezing once is not enough: a frozen snapshot of a replaced generation is never collected if
it sits in a reference cycle, so its folder lock (generations.hold_generation) would stay held
and no publish could remove it. So a worker settles its heap some requests after each
generation it opens (its first included: by then the warm-up has filled the caches), not at
the open: `HeapSettler.opened()` unfreezes at once, and `tick()` (every request) later collects
everything and freezes again, once the snapshot it replaced is gone. While a long request (an
export) still holds the old one, the settle waits and tries again later; after
SETTLE_ATTEMPTS it freezes anyway (the old snapshot then goes at the next generation's settle).

Only `searchapp serve` turns this on (`enable()`); a command-line search never settles.
"""

from __future__ import annotations

import gc
import threading
import weakref

SETTLE_AFTER = 200  # requests after a generation is opened (the warm-up) before the heap is frozen
SETTLE_ATTEMPTS = 5  # settles postponed because the replaced snapshot is still in use, at most

_enabled = False


def enable(on: bool = True) -> None:
    """Settle the heap after each generation this process opens (server workers only)."""
    global _enabled
    _enabled = on


def settle() -> None:
    """Collect everything (frozen objects included), then freeze what is left alive."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class HeapSettler:
    """Counts requests after a generation is opened and settles the heap when due; one per
    IndexHandle. Does nothing unless `enable()` was called before the open."""

    def __init__(self) -> None:
        self._due: int | None = None  # requests left before the next settle
        self._replaced: weakref.ref | None = None  # the snapshot the open replaced
        self._attempts = 0
        self._lock = threading.Lock()
        self.settles = 0  # done so far (for tests and measurements)

    def opened(self, replaced: object | None) -> None:
        """A new generation is open; `replaced` is the snapshot it replaces (None at the first).
        The heap is unfrozen now, so that the replaced snapshot is collectable from here on."""
        if not _enabled:
            return
        with self._lock:
            gc.unfreeze()
            self._replaced = weakref.ref(replaced) if replaced is not None else None
            self._attempts = 0
            self._due = SETTLE_AFTER

    def tick(self) -> None:
        """One request: settles the heap when due (a full collection, ~70 ms over the corpus)."""
        due = self._due
        if due is None:
            return
        if due > 0:
            self._due = due - 1  # racy between threads: a settle a few requests late is harmless
            return
        with self._lock:
            if self._due != 0:
                return
            gc.collect()  # everything is unfrozen since opened(): the replaced snapshot goes if unused
            if self._replaced is not None and self._replaced() is not None and self._attempts < SETTLE_ATTEMPTS:
                self._attempts += 1  # a request still answers from it: try again later
                self._due = SETTLE_AFTER
                return
            self._replaced = None
            self._due = None
            gc.freeze()
            self.settles += 1
