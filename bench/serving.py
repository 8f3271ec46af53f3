"""Serving a research team (issue 18), every README row from one run.

    .venv/bin/python bench/serving.py [--corpus ../shared/corpus] [--clients 20] [--requests 2000]
                                      [--rounds 4] [--reps 200] [--generated N] [--out FILE] [--quick]
                                      [--only phrases [--index DIR]] [--only build]

1. Building: the corpus's text files (ga-resolutions, unsc-resolutions, ga-with-tags,
   unsc-drafts) indexed afresh by `searchapp index`, parse included, on one core (one process)
   and on two; its PDFs (ga-pdfs, ga-drafts-pdfs) alone on two; then the whole corpus, which is
   the index served below. Wall seconds, CPU seconds, paragraphs/s (and PDF pages/s).
2. Index size: the served generation's folder, and the bytes of the fields phrases are read
   from (`rare`: positions of the uncommon words; `shingles`), as a share of the rest.
3. Phrases: count + top 20 in process (no facets, no highlights), searchapp against SQLite FTS5
   (porter) over the same paragraphs, taking turns run by run: p50/p95 over --reps runs, the first
   run apart, hit counts side by side. `--generated N` adds the same rows on a generated corpus
   of N paragraphs (bench/corpus.py; 100000 is the issue's size: a run of minutes).
4. Serving: `searchapp serve` with 2 workers and with 1 worker, and Datasette over the FTS5 copy
   (tools/datasette_peer.py: five facets, suggestions off, pages of 20), driven with the load
   test's mix (tools/load_test.py) by --clients clients in --rounds alternating rounds (the same
   seeds for each server in a round), --requests per server in all. Each server is timed only once
   ready: searchapp once each of its workers has answered /healthz, Datasette once it answers,
   then each gets the load test's untimed warm-up (2 x --clients requests of its mix). p50/p95 per
   request kind too, to show what sets the p95.

Prints the README's markdown tables and writes JSON (--out). `--quick` is the test suite's form:
the seeds and a few corpus files, a handful of requests. Loopback only; every process it starts
is stopped before it returns. Timings only: nothing is asserted here.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from datasette_peer import build_database, datasette_command, datasette_mix, start_datasette  # noqa: E402
from load_test import BODIES, QUERIES, alternating, free_port, ready_searchapp, request_mix, start_server, warm_up  # noqa: E402

from bench.run import machine, timed_side_by_side  # noqa: E402

TEXT_FOLDERS = ["ga-resolutions", "unsc-resolutions", "ga-with-tags", "unsc-drafts"]
PDF_FOLDERS = ["ga-pdfs", "ga-drafts-pdfs"]
# Pairs of rarer words that no shingle covers (read from `rare` positions), and one of frequent
# words for comparison (a shingle lookup).
PHRASES = ['"sexual violence"', '"climate change"', '"enforced disappearances"', '"human rights defenders"']
CLI = [sys.executable, "-m", "searchapp.cli"]


def build(paths: list[Path], index: Path, cores: int) -> dict:
    """A fresh `searchapp index` of `paths` into `index`, pinned to the first `cores` usable
    cores (parsing and writing take one process per usable core): wall and CPU seconds, rates."""
    usable = sorted(os.sched_getaffinity(0))[:cores]
    shutil.rmtree(index, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*CLI, "index", "--rebuild", "--quiet", "--format", "json", "--index", str(index),
                           *map(str, paths)], capture_output=True, text=True,
                          preexec_fn=lambda: os.sched_setaffinity(0, usable))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 4):
        raise SystemExit(f"indexing failed ({done.returncode}): {done.stderr[-2000:]}")
    summary = json.loads(done.stdout)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cores": len(usable), "files": summary["files_seen"], "documents": summary["documents"],
            "paragraphs": summary["paragraphs"], "pages": summary["pages"], "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1), "paragraphs_per_s": round(summary["paragraphs"] / seconds),
            "pages_per_s": round(summary["pages"] / seconds, 1) if summary["pages"] else None}


def index_sizes(index: Path) -> dict:
    from searchapp.engine import current_generation
    from searchapp.engine.sizes import field_bytes, folder_bytes

    generation = current_generation(index)
    fields, total = field_bytes(generation), folder_bytes(generation)
    rare, shingles = fields.get("rare", 0), fields.get("shingles", 0)
    return {"generation_mb": round(total / 2**20, 1), "fields_mb": {k: round(v / 2**20, 1) for k, v in fields.items()},
            "rare_growth_pct": round(100 * rare / (total - rare), 1),
            "phrase_fields_pct": round(100 * (rare + shingles) / total, 1)}


class Fts5Phrases:
    """Count + top 20 by rank with their text, over tools/datasette_peer.py's FTS5 table."""

    def __init__(self, database: Path):
        self.db = sqlite3.connect(database, check_same_thread=False)

    def query(self, phrase: str) -> int:
        total = self.db.execute("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?",
                                (phrase,)).fetchone()[0]
        self.db.execute("SELECT p.id, p.text FROM paragraphs_fts f JOIN paragraphs p ON p.id = f.rowid "
                        "WHERE paragraphs_fts MATCH ? ORDER BY rank LIMIT 20", (phrase,)).fetchall()
        return total


def phrase_rows(index: Path, database: Path, reps: int) -> dict:
    from searchapp.config import Settings
    from searchapp.search.request import SearchRequest
    from searchapp.search.service import SearchService

    service = SearchService(Settings(index_dir=index))
    fts5 = Fts5Phrases(database)
    service.search(SearchRequest(query="resolution"), facets=False, highlight=False)  # metadata arrays loaded
    rows = {}
    for phrase in PHRASES:
        request = SearchRequest(query=phrase)
        stats, hits = timed_side_by_side({
            "searchapp": lambda r=request: service.search(r, facets=False, highlight=False).total,
            "fts5": lambda p=phrase: fts5.query(p)}, reps)
        rows[phrase] = {name: {**stats[name], "hits": hits[name]} for name in stats}
    return rows


def generated_phrase_rows(size: int, reps: int, work: Path) -> dict:
    """The phrase rows on bench/corpus.py's generated corpus of `size` paragraphs (engines of
    bench/engines.py, each built in its own process as bench/run.py does)."""
    from bench.corpus import generate, write_jsonl
    from bench.engines import ENGINES
    from bench.run import build_in_subprocess

    corpus = work / f"generated-{size}.jsonl"
    write_jsonl(generate(size), corpus)
    engines = {}
    for name in ("searchapp", "fts5"):
        folder = work / f"generated-{size}-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        build_in_subprocess(name, corpus, folder)
        engines[name] = ENGINES[name]()
        engines[name].open(folder)
        engines[name].query({name: "resolution"})  # as on the corpus: what opening loads, loaded
    rows = {}
    for phrase in PHRASES:
        spec = {"searchapp": phrase, "fts5": phrase}
        timers = {name: (lambda e=e, spec=spec: e.query(spec)) for name, e in engines.items()}
        stats, hits = timed_side_by_side(timers, reps)
        rows[phrase] = {name: {**stats[name], "hits": hits[name]} for name in stats}
    return rows


def serving(index: Path, database: Path, work: Path, args) -> dict:
    """searchapp with 2 workers, searchapp with 1 worker and Datasette, in alternating rounds."""
    from searchapp.config import Settings
    from searchapp.search.request import SearchRequest
    from searchapp.search.service import SearchService

    service = SearchService(Settings(index_dir=index))
    symbols = service.symbols()
    held = [v.value for v in service.search(SearchRequest(per_page=1)).facets["body"].values]
    bodies = [b for b in BODIES if b in held] or held
    servers, bases = {}, {}
    try:
        for name, workers in (("searchapp, 2 workers", 2), ("searchapp, 1 worker", 1)):
            port = free_port()
            servers[name] = start_server(index, port, work / f"serve-{workers}.log", workers)
            bases[name] = (f"http://127.0.0.1:{port}", request_mix)
        port = free_port()
        servers["Datasette + FTS5"] = start_datasette(database, port, work / "datasette.log")
        bases["Datasette + FTS5"] = (f"http://127.0.0.1:{port}", functools.partial(datasette_mix, queries=QUERIES))
        warm = {}
        for name, (base, mix) in bases.items():
            workers = servers_workers(name)
            warm[name] = ready_searchapp(base, workers, args.clients, symbols, bodies) if workers else \
                warm_up(base, args.clients, symbols, bodies, mix=mix)
            print(f"  warm-up {name}: {warm[name]['requests']} requests, {warm[name]['errors']} errors",
                  file=sys.stderr, flush=True)
        totals = alternating(bases, args.clients, args.requests, args.rounds, args.max_seconds, symbols, bodies)
        for name, row in totals.items():
            row["warm_up"] = warm[name]
        return totals
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=30)


def servers_workers(name: str) -> int:
    """The worker processes of a server of `serving` (0: not searchapp)."""
    return {"searchapp, 2 workers": 2, "searchapp, 1 worker": 1}.get(name, 0)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def markdown(report: dict) -> str:
    """The README's tables."""
    out = []
    served, load = report["served"], report["serving"]
    datasette = f"Datasette {report['versions'].get('datasette', '?')} + FTS5"
    out += [f"Serving the corpus ({served['documents']:,} documents, {served['paragraphs']:,} paragraphs), "
            f"{report['clients']} clients, the load test's mix, {report['rounds']} alternating rounds:", "",
            "| server | requests | requests/s | p50 ms | p95 ms | errors |", "|---|---:|---:|---:|---:|---:|"]
    for name, row in load.items():
        label = datasette if name == "Datasette + FTS5" else name
        out.append(f"| {label} | {row['requests']:,} | {row['throughput_rps']:,} | {row['p50_ms']:,} | "
                   f"{row['p95_ms']:,} | {row['errors']} |")
    two, one, peer = load["searchapp, 2 workers"], load["searchapp, 1 worker"], load["Datasette + FTS5"]
    out += ["", f"searchapp (2 workers) / Datasette: {_ratio(two['throughput_rps'], peer['throughput_rps'])} the "
            f"throughput, {_ratio(two['p95_ms'], peer['p95_ms'])} the p95; 2 workers / 1 worker: "
            f"{_ratio(two['throughput_rps'], one['throughput_rps'])} the throughput.", ""]
    out += kind_rows(load)
    for title, rows in [("the corpus", report["phrases"])] + \
            [(f"a generated corpus of {int(size):,} paragraphs", rows)
             for size, rows in report.get("generated", {}).items()]:
        out += phrase_table(title, rows, report["reps"])
    out += [size_line(report["sizes"]), ""] + build_table(report["builds"])
    out += ["", f"The benchmark took {report['seconds']:.0f} s ({report['machine']['cores']} cores, "
            f"{report['machine']['cpu']}, load average {report['load_before']} before it)."]
    return "\n".join(out)


def kind_rows(load: dict) -> list[str]:
    """p50 / p95 ms per request kind and server (what sets the p95), kinds by searchapp's p95."""
    names = list(load)
    out = ["What sets the p95: each request kind's p50 / p95 ms (n: the first server's requests of that kind; "
           "the others get about as many, drawn from the same seeds)", "",
           "| kind | n | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    for kind, row in load[names[0]].get("kinds", {}).items():
        cells = [load[name].get("kinds", {}).get(kind) for name in names]
        out.append(f"| {kind} | {row['n']:,} | " + " | ".join(f"{c['p50']} / {c['p95']}" if c else "-" for c in cells)
                   + " |")
    return out + [""]


def build_table(builds: dict) -> list[str]:
    out = ["| building (`searchapp index --rebuild`, parse included) | cores | files | paragraphs | seconds | "
           "CPU s | paragraphs/s | PDF pages/s |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, row in builds.items():
        out.append(f"| {name} | {row['cores']} | {row['files']:,} | {row['paragraphs']:,} | {row['seconds']} | "
                   f"{row['cpu_seconds']} | {row['paragraphs_per_s']:,} | {row['pages_per_s'] or ''} |")
    return out


def builds(texts: list[Path], pdfs: list[Path], work: Path) -> dict:
    """The building rows: the text files on one core and on two, the PDFs on two, then the whole
    corpus on two (its index, work / "index", is the one served)."""
    found = {}
    for cores in (1, 2):
        found[f"text files, {cores} core{'s' if cores > 1 else ''}"] = build(texts, work / "texts-index", cores)
        print(f"built: {found}", file=sys.stderr, flush=True)
    found["PDF files, 2 cores"] = build(pdfs, work / "pdf-index", 2)
    found["whole corpus (texts and PDFs), 2 cores"] = build(texts + pdfs, work / "index", 2)
    print(f"built: {found}", file=sys.stderr, flush=True)
    return found


def phrase_table(title: str, rows: dict, reps: int) -> list[str]:
    out = [f"Phrases on {title}, count + top 20 in process, {reps} runs each (first run apart):", "",
           "| phrase | hits searchapp / FTS5 | searchapp p50 / p95 (first) ms | FTS5 p50 / p95 (first) ms "
           "| p95 searchapp / FTS5 |", "|---|---:|---:|---:|---:|"]
    for phrase, row in rows.items():
        sa, ft = row["searchapp"], row["fts5"]
        out.append(f"| `{phrase}` | {sa['hits']:,} / {ft['hits']:,} | {sa['p50_ms']} / {sa['p95_ms']} "
                   f"({sa['first_ms']}) | {ft['p50_ms']} / {ft['p95_ms']} ({ft['first_ms']}) | "
                   f"{_ratio(sa['p95_ms'], ft['p95_ms'])} |")
    return out + [""]


def size_line(sizes: dict) -> str:
    return (f"Index size: the served generation {sizes['generation_mb']} MB; positions of the uncommon words "
            f"(`rare`, for phrases no shingle covers) {sizes['fields_mb'].get('rare', 0)} MB, "
            f"+{sizes['rare_growth_pct']}% over the rest; with the shingles, phrases take "
            f"{sizes['phrase_fields_pct']}% of the index.")


def inputs(args, work: Path) -> tuple[list[Path], list[Path]]:
    """(text folders, PDF folders): the corpus's, or for --quick copies of a few of their files."""
    if not args.quick:
        missing = [name for name in TEXT_FOLDERS + PDF_FOLDERS if not (args.corpus / name).is_dir()]
        if missing:
            raise SystemExit(f"{args.corpus} lacks {', '.join(missing)}: --corpus names the shared corpus")
        return [args.corpus / name for name in TEXT_FOLDERS], [args.corpus / name for name in PDF_FOLDERS]
    texts, pdfs = work / "quick" / "texts", work / "quick" / "pdfs"
    for folder in (texts, pdfs):
        folder.mkdir(parents=True)
    picks = [REPO / "data" / "*.txt", args.corpus / "ga-resolutions" / "A_RES_78_2*.txt",
             args.corpus / "unsc-resolutions" / "S_RES_0*.txt"]
    for pattern in picks:
        for path in sorted(pattern.parent.glob(pattern.name))[:30]:
            shutil.copy(path, texts / path.name)
    for path in sorted((args.corpus / "ga-pdfs").glob("*.pdf"))[:2]:
        shutil.copy(path, pdfs / path.name)
    if len(list(texts.iterdir())) < 40 or len(list(pdfs.iterdir())) < 2:
        raise SystemExit(f"{args.corpus} lacks the texts and PDFs --quick copies: --corpus names the shared corpus")
    return [texts], [pdfs]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="requests per server, over all rounds")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--reps", type=int, default=200,
                        help="runs of each phrase per engine (in turns): the p95 of 20 was the 19th time, moved "
                        "by two runs a neighbouring process interrupted")
    parser.add_argument("--max-seconds", type=float, default=300, help="time bound of one round")
    parser.add_argument("--generated", type=int, action="append", default=[], metavar="N",
                        help="also the phrase rows on a generated corpus of N paragraphs (repeatable)")
    parser.add_argument("--out", type=Path, help="where the JSON goes (default bench/results/serving.json, "
                        "with --quick serving-quick.json: a quick run never overwrites a full one)")
    parser.add_argument("--quick", action="store_true", help="the test suite's form: a few files and requests")
    parser.add_argument("--only", choices=["phrases", "build"],
                        help="phrases: only the phrase rows (and the index size), over --index or a fresh "
                        "index of --corpus; build: only the building rows (no serving, no phrases)")
    parser.add_argument("--index", type=Path, help="with --only phrases: an existing index to measure")
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.requests, args.rounds, args.reps = 4, 60, 2, 3
    if args.out is None:
        args.out = REPO / "bench" / "results" / ("serving-quick.json" if args.quick else "serving.json")
    if args.only == "build":
        return build_only(args)
    if args.only:
        return phrases_only(args)
    datasette_command()  # the serving rows need Datasette: said before minutes of building
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="searchapp-serving-") as tmp:
        work = Path(tmp)
        texts, pdfs = inputs(args, work)
        built = builds(texts, pdfs, work)
        index = work / "index"
        database = work / "corpus.db"
        copied = build_database(index, database)
        report = {"machine": machine(), "load_before": round(load_before, 1), "clients": args.clients,
                  "rounds": args.rounds, "requests_per_server": args.requests, "reps": args.reps,
                  "versions": {p: metadata.version(p) for p in ("datasette", "gunicorn") if _installed(p)},
                  "builds": built, "served": built["whole corpus (texts and PDFs), 2 cores"],
                  "fts5_paragraphs": copied, "sizes": index_sizes(index),
                  "phrases": phrase_rows(index, database, args.reps)}
        report["generated"] = {str(size): generated_phrase_rows(size, args.reps, work) for size in args.generated}
        report["serving"] = serving(index, database, work, args)
    report["seconds"] = round(time.perf_counter() - started, 1)
    text = markdown(report)
    report["markdown"] = text
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(text)
    print(f"\nJSON: {args.out}")
    return 1 if any(row["errors"] for row in report["serving"].values()) else 0


def phrases_only(args) -> int:
    """`--only phrases`: the phrase rows (corpus and --generated) and the index size, printed as
    markdown; the index is --index as it is, or the whole corpus indexed afresh."""
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="searchapp-phrases-") as tmp:
        work = Path(tmp)
        index = args.index
        if index is None:
            texts, pdfs = inputs(args, work)
            index = work / "index"
            build(texts + pdfs, index, 2)
        database = work / "corpus.db"
        build_database(index, database)
        report = {"reps": args.reps, "phrases": phrase_rows(index, database, args.reps), "sizes": index_sizes(index)}
        report["generated"] = {str(size): generated_phrase_rows(size, args.reps, work) for size in args.generated}
    out = []
    for title, rows in [("the corpus", report["phrases"])] + \
            [(f"a generated corpus of {int(size):,} paragraphs", rows) for size, rows in report["generated"].items()]:
        out += phrase_table(title, rows, args.reps)
    sizes = report["sizes"]
    out += [size_line(sizes), "", f"{time.perf_counter() - started:.0f} s ({machine()['cores']} cores, "
            f"load average {load_before:.1f} before it, {os.getloadavg()[0]:.1f} after)."]
    print("\n".join(out))
    return 0


def build_only(args) -> int:
    """`--only build`: the building rows alone, printed as markdown with the CPU seconds and the
    load average before and after (on a shared machine, wall seconds mean little without them)."""
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="searchapp-build-") as tmp:
        work = Path(tmp)
        texts, pdfs = inputs(args, work)
        found = builds(texts, pdfs, work)
    where = machine()
    print("\n".join(build_table(found) + ["", f"{time.perf_counter() - started:.0f} s ({where['cores']} cores, "
                     f"{where['cpu']}, load average {load_before:.1f} before it, {os.getloadavg()[0]:.1f} after)."]))
    return 0


def _installed(package: str) -> bool:
    try:
        metadata.version(package)
    except metadata.PackageNotFoundError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
