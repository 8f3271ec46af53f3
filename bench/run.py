"""Benchmark: searchapp against SQLite FTS5 and tantivy on the same generated corpus.

    .venv/bin/python bench/run.py [--sizes 10000,100000] [--reps 20] [--engines searchapp,fts5,tantivy]
                                  [--out bench/results/run.json] [--no-http]

For each size: generate the corpus (fixed seed, bench/corpus.py), build each engine's index in its
own subprocess (paragraphs/s, peak memory of that process and of its workers, size on disk), then
time, with the engines taking turns run by run so that each sees the same machine, the query mix
(p50/p95 over --reps repetitions after a first run, which is reported apart), the search page's
full request, streaming every hit of a frequent term as CSV (median of 5 runs), and, for
searchapp, the whole search page over HTTP from the real server. Prints a table with the ratios
searchapp/FTS5 and searchapp/tantivy and writes JSON. Timings only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import generate, read_jsonl, write_jsonl  # noqa: E402
from bench.engines import ENGINES  # noqa: E402

# The query mix: the same question in each engine's syntax. The other engines stem (Porter, Snowball):
# "develop" is a word family there (development, developing...), which searchapp answers with
# `family:develop`; its default matches inflections only (develop, develops, developed, developing).
QUERIES = {
    "frequent term": {"searchapp": "family:develop", "fts5": "develop", "tantivy": "develop"},
    "rare term": {"searchapp": "impunity", "fts5": "impunity", "tantivy": "impunity"},
    # Word families here too: a stem joins more forms than inflections do (on the corpus generated
    # since annexes and footnotes were parsed, `women peace security` found 1 paragraph, tantivy 2).
    "3-term AND": {"searchapp": "family:women family:peace family:security", "fts5": "women AND peace AND security",
                   "tantivy": "women AND peace AND security"},
    "phrase of frequent words": {"searchapp": '"human rights defenders"', "fts5": '"human rights defenders"',
                                 "tantivy": '"human rights defenders"'},
    # Pairs of rarer words: no shingle covers them, so searchapp reads their positions ("rare").
    "phrase: sexual violence": {"searchapp": '"sexual violence"', "fts5": '"sexual violence"',
                                "tantivy": '"sexual violence"'},
    "phrase: climate change": {"searchapp": '"climate change"', "fts5": '"climate change"',
                               "tantivy": '"climate change"'},
    "phrase: enforced disappearances": {"searchapp": '"enforced disappearances"',
                                        "fts5": '"enforced disappearances"',
                                        "tantivy": '"enforced disappearances"'},
    "prefix": {"searchapp": "defend*", "fts5": "defend*", "tantivy": "defend*"},
    "term + body + years": {"searchapp": "rights", "fts5": "rights", "tantivy": "rights",
                            "bodies": ["General Assembly"], "year_from": 1990, "year_to": 2010},
}
PAGE_QUERIES = ["human rights", "impunity", '"human rights defenders"']
PAGE_SPECS = {"human rights": {"searchapp": "human rights", "fts5": "human AND rights", "tantivy": "human AND rights"},
              "impunity": QUERIES["rare term"], '"human rights defenders"': QUERIES["phrase of frequent words"]}
STREAM_QUERY = QUERIES["frequent term"]
STREAM_RUNS = 5
SETTLE_QUERY = {"searchapp": "resolution", "fts5": "resolution", "tantivy": "resolution"}


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"p50_ms": round(1000 * statistics.median(ordered), 2),
            "p95_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2)}


def timed(function, reps: int) -> tuple[dict, object]:
    """p50/p95 over `reps` runs after a first one, reported apart (`first_ms`)."""
    stats, answers = timed_side_by_side({"one": function}, reps)
    return stats["one"], answers["one"]


def timed_side_by_side(functions: dict, reps: int) -> tuple[dict, dict]:
    """Each function's p50/p95 over `reps` runs, the engines taking turns run by run: this
    machine's speed drifts by up to 2x over minutes with its neighbours' load, and in turns every
    engine sees the same drift. The first run of each is reported apart (`first_ms`): it pays for
    what the engine caches per query (searchapp keeps decoded postings of frequent terms)."""
    answers, first, samples = {}, {}, {name: [] for name in functions}
    for name, function in functions.items():
        started = time.perf_counter()
        answers[name] = function()  # the answer, for the hit-count comparison
        first[name] = time.perf_counter() - started
    for _ in range(reps):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            samples[name].append(time.perf_counter() - started)
    return {name: {**percentiles(samples[name]), "first_ms": round(1000 * first[name], 2)}
            for name in functions}, answers


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build_in_subprocess(engine: str, corpus: Path, folder: Path) -> dict:
    """Build in a child process so its peak memory is the engine's own."""
    process = subprocess.Popen([sys.executable, __file__, "--build", engine, "--corpus", str(corpus),
                                "--dir", str(folder)], stdout=subprocess.PIPE)
    output = process.stdout.read()
    if process.wait() != 0:
        raise SystemExit(f"building {engine} failed (status {process.returncode})")
    result = json.loads(output)
    result["index_mb"] = round(folder_size(folder) / 2**20, 1)
    return result


def build_here(engine: str, corpus: Path, folder: Path) -> None:
    documents = list(read_jsonl(corpus)) if engine != "searchapp" else read_jsonl(corpus)
    paragraphs = 0

    def counted():
        nonlocal paragraphs
        for document in documents:
            paragraphs += len(document.paragraphs)
            yield document

    started = time.perf_counter()
    ENGINES[engine]().build(folder, counted())
    seconds = time.perf_counter() - started
    print(json.dumps({"build_seconds": round(seconds, 2), "paragraphs": paragraphs,
                      "paragraphs_per_s": round(paragraphs / seconds), "peak_memory_mb": peak_memory_mb(),
                      "peak_worker_memory_mb": round(
                          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}))


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM starts afresh at exec, unlike ru_maxrss, which
    a child inherits from the parent it was forked from). Worker processes an engine forks are
    not included here; `peak_worker_memory_mb` is the largest of them (ru_maxrss of the children:
    searchapp's two indexing workers each hold half a batch of paragraphs)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_pages(folder: Path, reps: int) -> dict:
    """The search page end to end from the real server (waitress), per page query."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(folder / "index"),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        results = {}
        for query in PAGE_QUERIES:
            url = f"http://127.0.0.1:{port}/?" + urllib.parse.urlencode({"q": query})
            stats, _ = timed(lambda url=url: urllib.request.urlopen(url, timeout=60).read(), reps)
            results[query] = stats
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def stream_rates(engines: dict, runs: int) -> dict:
    """Every hit of the frequent term as CSV, `runs` times per engine, in turns: one run takes a
    second or two, so a single sample is at the mercy of the machine's neighbours; the median is
    what is compared, the first (nothing cached by the query yet) is kept beside it."""
    rates: dict = {name: [] for name in engines}
    rows: dict = {}
    for _ in range(runs):
        for name, engine in engines.items():
            started = time.perf_counter()
            rows[name] = engine.stream(STREAM_QUERY, io.StringIO())
            rates[name].append(rows[name] / (time.perf_counter() - started))
    return {name: {"rows": rows[name], "runs": runs, "hits_per_s": round(statistics.median(rates[name])),
                   "first_hits_per_s": round(rates[name][0])} for name in engines}


def measure(folders: dict[str, Path], reps: int, with_http: bool) -> dict:
    """The query mix, pages and CSV stream over every built engine, side by side."""
    engines, out = {}, {}
    for name, folder in folders.items():
        engine = engines[name] = ENGINES[name]()
        started = time.perf_counter()
        engine.open(folder)
        out[name] = {"open_ms": round(1000 * (time.perf_counter() - started), 1), "queries": {}, "hits": {},
                     "page": {}}
        started = time.perf_counter()
        engine.query(SETTLE_QUERY)  # what any first search loads (metadata arrays, schema)
        out[name]["settle_ms"] = round(1000 * (time.perf_counter() - started), 1)
    for query, spec in QUERIES.items():
        stats, answers = timed_side_by_side(
            {name: (lambda e=engine, spec=spec: e.query(spec)) for name, engine in engines.items()}, reps)
        for name in engines:
            out[name]["queries"][query], out[name]["hits"][query] = stats[name], answers[name]
    for query in PAGE_QUERIES:
        stats, answers = timed_side_by_side(
            {name: (lambda e=engine, spec=PAGE_SPECS[query]: e.page(spec)) for name, engine in engines.items()},
            reps)
        for name in engines:
            out[name]["page"][query], out[name]["hits"]["page: " + query] = stats[name], answers[name]
    for name, stream in stream_rates(engines, STREAM_RUNS).items():
        out[name]["stream"] = stream
    if with_http and "searchapp" in folders:
        out["searchapp"]["http_page"] = http_pages(folders["searchapp"], reps)
    return out


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), None)
    versions = {}
    for package in ("whoosh-reloaded", "tantivy", "nltk", "numpy", "Flask"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    import sqlite3
    versions["sqlite"] = sqlite3.sqlite_version
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": memory, "python": platform.python_version(),
            "packages": versions}


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def print_table(size: int, results: dict) -> None:
    engines = list(results)
    print(f"\n== {size:,} paragraphs ==")
    header = f"{'measure':<34}" + "".join(f"{e:>14}" for e in engines)
    extra = [e for e in ("fts5", "tantivy") if e in results and "searchapp" in results]
    header += "".join(f"{'sa/' + e:>12}" for e in extra)
    print(header)

    def row(label: str, values: list[float], unit: str = "") -> None:
        line = f"{label:<34}" + "".join(f"{v:>14,.1f}" if isinstance(v, (int, float)) else f"{'-':>14}" for v in values)
        if "searchapp" in results:
            mine = values[engines.index("searchapp")]
            line += "".join(f"{ratio(mine, values[engines.index(e)]):>12}" for e in extra)
        print(line + unit)

    row("index paragraphs/s", [results[e]["build"]["paragraphs_per_s"] for e in engines])
    row("index size MB", [results[e]["build"]["index_mb"] for e in engines])
    row("peak memory MB (build)", [results[e]["build"]["peak_memory_mb"] for e in engines])
    row("open index ms", [results[e]["open_ms"] for e in engines])
    row("first query after open ms", [results[e]["settle_ms"] for e in engines])
    row("peak memory MB (build worker)", [results[e]["build"].get("peak_worker_memory_mb", 0) for e in engines])
    for name in QUERIES:
        row(f"{name} p50 ms", [results[e]["queries"][name]["p50_ms"] for e in engines])
        row(f"{name} p95 ms", [results[e]["queries"][name]["p95_ms"] for e in engines])
        row(f"{name} first run ms", [results[e]["queries"][name]["first_ms"] for e in engines])
    for name in PAGE_QUERIES:
        row(f"page {name} p95 ms", [results[e]["page"][name]["p95_ms"] for e in engines])
    row("CSV stream hits/s (median of runs)", [results[e]["stream"]["hits_per_s"] for e in engines])
    row("CSV stream hits/s (first run)", [results[e]["stream"]["first_hits_per_s"] for e in engines])
    if "searchapp" in results and "http_page" in results["searchapp"]:
        for name, stats in results["searchapp"]["http_page"].items():
            timing = f"p50 {stats['p50_ms']} ms, p95 {stats['p95_ms']} ms"
            print(f"{'HTTP page ' + name:<34}{timing:>28}")
    print("hit counts: " + "; ".join(
        f"{name}: " + "/".join(str(results[e]["hits"][name]) for e in engines) for name in results[engines[0]]["hits"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--engines", default="searchapp,fts5,tantivy")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "run.json")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--no-http", action="store_true", help="Skip the HTTP page measurement.")
    parser.add_argument("--keep", type=Path, help="Build under this folder and keep the indexes.")
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_here(args.build, args.corpus, args.dir)
        return
    engines = [e for e in args.engines.split(",") if e]
    if "tantivy" in engines:
        try:
            import tantivy  # noqa: F401
        except ImportError:
            print("tantivy is not installed (pip install -e '.[bench]'): skipped", file=sys.stderr)
            engines.remove("tantivy")
    report = {"machine": machine(), "seed": args.seed, "reps": args.reps, "queries": QUERIES,
              "page_queries": PAGE_SPECS, "stream_query": STREAM_QUERY, "sizes": {}}
    base = args.keep or Path(tempfile.mkdtemp(prefix="searchapp-bench-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            work = base / str(size)
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            corpus = work / "corpus.jsonl"
            started = time.perf_counter()
            paragraphs = write_jsonl(generate(size, args.seed), corpus)
            print(f"{size:,}: corpus of {paragraphs:,} paragraphs in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
            results, folders = {}, {}
            for engine in engines:
                folder = folders[engine] = work / engine
                folder.mkdir()
                results[engine] = {"build": build_in_subprocess(engine, corpus, folder)}
                print(f"  {engine}: built {results[engine]['build']}", file=sys.stderr)
            for engine, measured in measure(folders, args.reps, not args.no_http).items():
                results[engine].update(measured)
            report["sizes"][str(size)] = results
            print_table(size, results)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"\nJSON: {args.out}")


if __name__ == "__main__":
    main()
