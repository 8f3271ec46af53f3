"""Brings the index up to date with the input files: incremental, atomic, and honest about skips.

Each run compares content hashes with the last generation's `files.json`: unchanged files cost
nothing, changed and removed ones are replaced, new ones added (appended as new segments, or,
past index_rewrite.py's limits, written afresh with what is kept). Unreadable or unparsable files are
reported with the reason and skipped; everything else still lands. The new generation becomes
visible only after its commit (searchapp/engine/generations.py), so a failed or killed run leaves
the previous index searchable.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import gc
import itertools
import json
import multiprocessing
import shutil
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from searchapp.config import Settings, usable_cores
from searchapp.engine import (
    GenerationWriter,
    Snapshot,
    check_appendable,
    current_generation,
    publish_generation,
    start_generation,
    writer_lock,
)
from searchapp.engine.writing import BATCH_PARAGRAPHS, paragraph_fields
from searchapp.exceptions import BadInputFile, IndexMissing, IndexUnusable
from searchapp.indexing.duplicates import (
    kept_as_indexed,
    requeue_duplicates,
    requeue_incumbents,
    resolve_duplicates,
)
from searchapp.indexing.inputs import (
    find_input_files,
    skip_file,
    source_name,
    survey,
    within,
)
from searchapp.indexing.relations_build import RelationsBuilder
from searchapp.indexing.rewrite import Carried, kept_documents, rewrite_reason
from searchapp.indexing.summary import IndexSummary, Skipped
from searchapp.models import Document
from searchapp.research.operative import paragraph_labels
from searchapp.text.analysers import AnalysisSettings, analysis_for

FILES_RECORD = "files.json"
PARALLEL_THRESHOLD = 20_000  # paragraphs; below this a second process costs more than it saves


# progress(phase, done, total, paragraphs so far, PDF pages so far): phase is "parsing" (files)
# or "indexing" (documents); the CLI turns it into a progress line with files, pages and
# paragraphs per second.
Progress = Callable[[str, int, int, int, int], None]
# Files are parsed in parallel, one process per core, when there are at least this many (a
# process costs ~0.2 s to start; one PDF page ~0.02 s to lay out, one text file a few ms): each
# PDF or Word file on its own, texts TEXT_BATCH at a time.
PARALLEL_FILES = 4
# How long a terminated parse worker may take to exit before it is killed (a hang guard).
WORKER_STOP_SECONDS = 5.0
TEXT_BATCH = 32


def run_index(settings: Settings, paths: list[Path] | None = None, *, rebuild: bool = False,
              progress: Progress | None = None) -> IndexSummary:
    """Index `paths` (default: the data folder) into settings.index_dir."""
    started = time.monotonic()
    summary = IndexSummary()
    data_dir = settings.data_dir
    roots = paths or [data_dir]
    ignored: Counter = Counter()
    inputs = find_input_files(roots, summary.skipped, ignored)
    summary.ignored = dict(ignored)
    for skip in summary.skipped:  # unreadable folders and link loops, named like the files
        skip.path = source_name(Path(skip.path), data_dir)
    with writer_lock(settings.index_dir), _collector_paused():
        live = current_generation(settings.index_dir)
        if live is not None and not rebuild:
            # A run must not build on a file cut short, on paragraphs analysed otherwise or on
            # a schema that no longer unpickles: it says to rebuild.
            check_appendable(live, settings.analysis)
        previous = {} if (live is None or rebuild) else _read_files_record(live)
        current, to_parse, path_of = survey(inputs, previous, data_dir, summary)
        # `searchapp index new.txt` adds a file: what lies outside the given paths stays indexed.
        in_scope = functools.partial(within, roots=roots, data_dir=data_dir)
        for name, rec in previous.items():
            if name not in current and not in_scope(name):
                current[name] = rec
        removed = [name for name in previous if name not in current]
        summary.files_removed = len(removed)
        if not to_parse and not removed and live is not None:
            summary.up_to_date = True
            _fill_totals(summary, current)
            _carry_skips(summary, current, in_scope)
            summary.seconds = time.monotonic() - started
            return summary
        decided = requeue_duplicates(current, to_parse, path_of, summary)
        # While other processes parse, this one loads the analysis the writer needs (LemmInflect's
        # dictionary, 0.3 s): else it would load it alone between parsing and writing.
        meanwhile = functools.partial(analysis_for, settings.analysis)
        parsed, kept, rows = _parse_all(to_parse, current, previous, summary, progress, meanwhile)
        first = len(to_parse)
        requeued, incumbents = requeue_incumbents(parsed, current, to_parse, path_of, data_dir, summary)
        decided |= requeued
        if len(to_parse) > first:  # the copies already indexed compete again, read afresh
            pages = summary.pages
            again, kept_again, rows_again = _parse_all(to_parse[first:], current, previous, summary, progress)
            parsed += again
            kept |= kept_again
            rows.update(rows_again)
            summary.pages += pages
        winners, evicted = resolve_duplicates(parsed, current, summary, decided)
        kept |= kept_as_indexed(winners, incumbents, None if rebuild else live, summary)
        paragraphs = sum(len(d.paragraphs) for d in winners)
        dropped = {name for name in removed + [n for n, _ in to_parse if n not in kept] + evicted
                   if name in previous}
        with _live_snapshot(None if rebuild else live) as snapshot:
            summary.rewritten = (rewrite_reason(snapshot, dropped, paragraphs) or "") if snapshot else ""
            rewrite = bool(summary.rewritten)
            carried = kept_documents(snapshot, dropped) if rewrite else Carried()
            building = start_generation(settings.index_dir, None if (rebuild or rewrite) else live)
            try:
                _write_generation(building, carried, winners, set() if rewrite else dropped, progress,
                                  settings.analysis, rows)
                _write_files_record(building, current)
                publish_generation(settings.index_dir, building)
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                raise
        summary.files_indexed = len(winners)
        summary.paragraphs_added = paragraphs
        # Freed now, not after the collection that ends the pause has looked at each of their
        # objects (the corpus' 54,265 paragraphs: that collection took 0.093 s of CPU with them,
        # 0.060 s without; 0.026 s with the modules' objects frozen too: _collector_paused).
        del parsed, winners, rows
        _fill_totals(summary, current)
        _carry_skips(summary, current, in_scope)
        summary.seconds = time.monotonic() - started
        return summary


@contextlib.contextmanager
def _live_snapshot(live: Path | None):
    """The live generation opened for reading, or None (no index yet, or one too damaged to
    open: then the run appends as it always did, and a rebuild is the cure). One that cannot be
    read as it was written (IndexUnusable: its schema no longer unpickles) is refused: appending
    to it would fail half-way or mix two formats."""
    try:
        snapshot = Snapshot(live) if live is not None else None
    except IndexUnusable:
        raise
    except IndexMissing:
        snapshot = None
    try:
        yield snapshot
    finally:
        if snapshot is not None:
            snapshot.close()


def _write_generation(building: Path, carried: Carried, winners: list[Document], dropped: set[str],
                      progress: Progress | None, analysis: AnalysisSettings,
                      rows: dict[str, list[dict]] | None = None) -> None:
    """Remove `dropped` sources from the building generation, add the documents carried over
    from the live one and then the new `winners`, commit, and write relations.json. `rows`:
    the paragraph_fields of some winners, by source, made while parsing (taken from it)."""
    rows = rows if rows is not None else {}
    paragraphs = carried.paragraphs + sum(len(d.paragraphs) for d in winners)
    # The winners stay in memory until the run ends: the series rule reads their texts there.
    relations = RelationsBuilder(texts={document.symbol: document for document in winners})
    procs = min(2, usable_cores()) if paragraphs >= PARALLEL_THRESHOLD else 1
    writer = GenerationWriter(building, analysis=analysis, procs=procs, rows_consumer=relations,
                              labeller=paragraph_labels)
    try:
        for name in sorted(dropped):
            writer.remove_source(name)
        total = carried.count + len(winners)
        added = 0
        for done, document in enumerate(itertools.chain(carried.documents, winners), 1):
            relations.add(document)
            writer.add(document, rows.pop(document.source, None) if done > carried.count else None)
            added += len(document.paragraphs)
            if progress:
                progress("indexing", done, total, added, 0)
        writer.commit()
        relations.write(building)
    except BaseException:
        writer.cancel()
        raise


def _parse_all(to_parse, current, previous, summary, progress, meanwhile: Callable[[], object] | None = None
               ) -> tuple[list[Document], set[str], dict[str, list[dict]]]:
    """The parsed documents, the names whose earlier version stays because the new one failed,
    and the writer's rows of the documents' paragraphs, by source, up to BATCH_PARAGRAPHS of
    them (the writer holds as many at once; it makes the others itself). Files are parsed in
    parallel across the cores (`_parsed_as_done`), `meanwhile` run here then; the rows are made
    here as the documents come back, while the workers parse the next ones, not after. The
    documents and the skipped files are taken in the order of `to_parse`."""
    outcomes: list[tuple[Document | None, str]] = [(None, "")] * len(to_parse)
    rows: dict[str, list[dict]] = {}
    paragraphs = pages = 0
    for done, (i, outcome) in enumerate(_parsed_as_done(to_parse, meanwhile), 1):
        outcomes[i] = outcome
        document = outcome[0]
        if document is not None:
            name = to_parse[i][0]
            document.source = name
            if paragraphs + len(document.paragraphs) <= BATCH_PARAGRAPHS:
                rows[name] = [paragraph_fields(document, paragraph) for paragraph in document.paragraphs]
            paragraphs += len(document.paragraphs)
            pages += document.pages or 0
        if progress:  # every file, refused ones too: the last call says all are done
            progress("parsing", done, len(to_parse), paragraphs, pages)
    documents, kept = [], set()
    for (name, _), (document, reason) in zip(to_parse, outcomes):
        if document is not None:
            documents.append(document)
        elif skip_file(name, reason, previous, current, summary):
            kept.add(name)
        else:
            current[name]["skipped"] = reason
    summary.pages = pages
    return documents, kept, rows


def _parse_one(path: Path) -> tuple[Document | None, str]:
    """(document, "") or (None, the reason it was refused): plain data a worker can send back."""
    from searchapp.parsing import (
        parse_file,  # here, so build_from_documents needs no parser
    )

    try:
        return parse_file(path), ""
    except BadInputFile as exc:
        return None, exc.reason


def _parsed_as_done(to_parse: list[tuple[str, Path]], meanwhile: Callable[[], object] | None = None):
    """(i, the _parse_one outcome of to_parse[i]) for each file, as they are done (in order when
    parsed here), parsed across the cores: each PDF or Word file on its own (seconds each),
    texts in batches of TEXT_BATCH (a few ms each, so one at a time would cost more in messages
    than in parsing). The shared corpus's 1,722 texts take about 3.6 s of CPU in one process
    (6.2 s before the per-document regexes and the footnote-marker scan got cheaper); no worker
    loads py3langid's model (0.5 s) unless a text's function words do not plainly say English.

    `meanwhile`, if given, runs in a thread of this process while the workers parse (started
    once they are forked, joined before the last outcome is yielded: no thread outlives the
    pool, so the writer's later fork copies none); its errors are left for a later call to
    raise. Parsed in this process, nothing runs beside: it is not called."""
    workers = min(usable_cores(), len(to_parse))
    if len(to_parse) < PARALLEL_FILES or workers < 2:
        yield from ((i, _parse_one(path)) for i, (_, path) in enumerate(to_parse))
        return
    binary = [i for i, (_, path) in enumerate(to_parse) if path.suffix.lower() in (".pdf", ".docx")]
    # Biggest first: the last batches are then the quickest, and neither worker waits long for
    # the other at the end (on the corpus the last batch of 32 texts in the order given ended
    # 0.18 s after the other worker's, biggest first 0.05 s).
    texts = sorted((i for i, (_, path) in enumerate(to_parse) if path.suffix.lower() not in (".pdf", ".docx")),
                   key=lambda i: _file_size(to_parse[i][1]), reverse=True)
    batches = [[i] for i in binary] + [texts[k:k + TEXT_BATCH] for k in range(0, len(texts), TEXT_BATCH)]
    # Ctrl-C reaches the whole process group: the workers leave it to this process, which stops
    # them (without this each printed a traceback, and one hit while idle left the pool broken).
    others = set(multiprocessing.active_children())  # processes started before, not the pool's
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, initializer=signal.signal,
                                                  initargs=(signal.SIGINT, signal.SIG_IGN))
    side = None
    try:
        which = {pool.submit(_parse_batch, [to_parse[i][1] for i in batch]): batch for batch in batches}
        side = _Meanwhile(meanwhile) if meanwhile is not None else None
        for left, future in enumerate(concurrent.futures.as_completed(which), 1 - len(which)):
            outcomes = future.result()
            if side is not None and left == 0:
                side.join()  # before the last outcomes
            yield from zip(which[future], outcomes)
    except BaseException:  # Ctrl-C, an error, or the caller gone (GeneratorExit)
        _stop_workers(pool, others)
        raise
    finally:
        if side is not None:
            side.join()
    pool.shutdown()


def _stop_workers(pool: concurrent.futures.ProcessPoolExecutor, others: set) -> None:
    """Stop `pool` now: its queued files dropped, its workers (this process's children but
    `others`) terminated mid-file. Leaving a `with ProcessPoolExecutor` block waits for every
    queued file instead: one Ctrl-C at the first of ga-pdfs' 145 PDFs took 14.3 s to exit
    (0.12 s now), and a second Ctrl-C in that wait left the process and both workers hanging,
    holding the index lock (issue 18)."""
    # The executor names its workers only in a private attribute, and has no way to stop one
    # busy with a file: they are this process's children started since it was made.
    processes = [child for child in multiprocessing.active_children() if child not in others]
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:  # all signalled before any is waited for: another Ctrl-C may cut the wait
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError):
            process.join(WORKER_STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join(WORKER_STOP_SECONDS)


class _Meanwhile:
    """A call run in a daemon thread; `join` waits for it. An exception is dropped: the caller
    makes the same call again later, where it raises as it would have."""

    def __init__(self, call: Callable[[], object]) -> None:
        self._thread = threading.Thread(target=self._run, args=(call,), name="searchapp-meanwhile", daemon=True)
        self._thread.start()

    @staticmethod
    def _run(call: Callable[[], object]) -> None:
        with contextlib.suppress(Exception):
            call()

    def join(self) -> None:
        self._thread.join()


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since the survey: its parse says so
        return 0


def _parse_batch(paths: list[Path]) -> list[tuple[Document | None, str]]:
    return [_parse_one(path) for path in paths]


def _fill_totals(summary: IndexSummary, current: dict) -> None:
    summary.documents = sum(1 for rec in current.values() if rec.get("symbol"))
    summary.paragraphs = sum(rec.get("paragraphs", 0) for rec in current.values())


def _carry_skips(summary: IndexSummary, current: dict, in_scope: Callable[[str], bool]) -> None:
    """Files of this run's folders skipped earlier and unchanged since are still skipped: say so.
    Duplicates are not: the run that chose between the copies said which one it kept."""
    known = {s.path for s in summary.skipped} | {s.path for s in summary.duplicates}
    for name, rec in current.items():
        if rec.get("skipped") and name not in known and in_scope(name) \
                and not str(rec["skipped"]).startswith("duplicate of"):
            summary.skipped.append(Skipped(name, rec["skipped"]))


def _read_files_record(generation: Path) -> dict:
    try:
        return json.loads((generation / FILES_RECORD).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _write_files_record(building: Path, current: dict) -> None:
    path = building / FILES_RECORD
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(current, ensure_ascii=False, indent=0), encoding="utf-8")
    tmp.replace(path)  # never write through the hard link shared with the live generation


def build_from_documents(settings: Settings, documents: Iterable[Document], *, procs: int = 2) -> IndexSummary:
    """A full, atomic build from Document objects (benchmarks and tests of generated corpora)."""
    started = time.monotonic()
    summary = IndexSummary()
    with writer_lock(settings.index_dir), _collector_paused():
        building = start_generation(settings.index_dir, None)
        try:
            relations = RelationsBuilder()
            writer = GenerationWriter(building, analysis=settings.analysis, procs=procs, rows_consumer=relations,
                                      labeller=paragraph_labels)
            try:
                for document in documents:
                    relations.add(document)
                    writer.add(document)
                    summary.documents += 1
                writer.commit()
                relations.write(building)
            except BaseException:
                writer.cancel()
                raise
            _write_files_record(building, {})
            publish_generation(settings.index_dir, building)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
    summary.paragraphs = summary.paragraphs_added = writer.paragraphs_added
    summary.seconds = time.monotonic() - started
    return summary


@contextlib.contextmanager
def _collector_paused():
    """Indexing keeps hundreds of thousands of rows alive and makes millions of short-lived,
    acyclic objects; the cyclic collector kept rescanning them and cost a seventh of a build
    (100k paragraphs: 35.1 s with it, 30.2 s without). Reference counting still frees all of
    it; one collection at the end takes the rare cycle. Forked writers inherit the pause.
    That collection looks only at objects made during the run: those from before (the modules,
    ~190,000 objects, 0.05 s to traverse) are set aside meanwhile (gc.freeze), unless the caller
    froze some itself."""
    was_enabled = gc.isenabled()
    freeze = gc.get_freeze_count() == 0
    gc.disable()
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()
        if freeze:
            gc.unfreeze()
