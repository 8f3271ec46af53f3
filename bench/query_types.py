"""Each query type of the benchmark's mix (bench/run.py QUERIES, PAGE_QUERIES), timed in-process
over an index that already exists, with the code of any checkout: to compare two commits.

    .venv/bin/python bench/query_types.py --tree CHECKOUT --index INDEX_DIR [--reps 200] [--type NAME]
    .venv/bin/python bench/query_types.py --tree CHECKOUT --build CORPUS.jsonl --index INDEX_DIR
    .venv/bin/python bench/query_types.py --compare OLD_CHECKOUT:OLD_INDEX NEW_CHECKOUT:NEW_INDEX [--rounds 3]

CHECKOUT's own `bench/engines.py` (SearchappEngine) and `bench/run.py` query mix are imported, so
an older commit answers the mix in its own syntax (before `family:`, `develop` was a word family by
default; now `family:develop` is); query types its mix lacks are taken from this checkout's.
`--build` indexes a corpus written by bench/corpus.py with that
checkout's indexer (`write_jsonl(generate(1500, 20261123), path)`). Prints one JSON line per query
type: the median processor time (`time.process_time`: what a busy machine's other processes do
not add to) and the median and p95 wall time of `--reps` runs after one first run, in ms, and
the hit count. `--compare` runs the two in turns (old, new, old, new ...: `--rounds` of each, a
process per run) and prints per query type the median over rounds of each one's processor-time
median, their ratio and both hit counts: one run alone says little on a shared machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="The checkout whose code answers.")
    parser.add_argument("--index", type=Path, help="Folder holding `index/` (as bench/run.py).")
    parser.add_argument("--build", type=Path, help="Index this corpus (JSON lines) first.")
    parser.add_argument("--compare", nargs=2, metavar="CHECKOUT:INDEX", help="Two checkouts, in turns.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--type", action="append", help="Only this query type (repeatable).")
    args = parser.parse_args()
    if args.compare:
        compare([tuple(Path(p) for p in pair.split(":", 1)) for pair in args.compare], args)
        return
    if not (args.tree and args.index):
        parser.error("--tree and --index are needed (or --compare)")
    sys.path.insert(0, str(args.tree.resolve()))
    from bench.corpus import read_jsonl
    from bench.engines import SearchappEngine
    from bench.run import PAGE_SPECS, QUERIES

    # Query types the checkout's mix lacks (an older commit's), in this checkout's syntax.
    own = importlib.util.spec_from_file_location("own_run", Path(__file__).with_name("run.py"))
    own_run = importlib.util.module_from_spec(own)
    own.loader.exec_module(own_run)
    QUERIES = {**QUERIES, **{k: v for k, v in own_run.QUERIES.items() if k not in QUERIES}}
    engine = SearchappEngine()
    if args.build:
        args.index.mkdir(parents=True, exist_ok=True)
        engine.build(args.index, read_jsonl(args.build))
        return
    engine.open(args.index)
    mix = {name: (engine.query, spec) for name, spec in QUERIES.items()}
    mix.update({f"page: {name}": (engine.page, spec) for name, spec in PAGE_SPECS.items()})
    for name, (run, spec) in mix.items():
        if args.type and name not in args.type:
            continue
        started = time.perf_counter()
        hits = run(spec)
        first = time.perf_counter() - started
        wall, cpu = [], []
        for _ in range(args.reps):
            started, started_cpu = time.perf_counter(), time.process_time()
            run(spec)
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
        wall.sort()
        print(json.dumps({"type": name, "query": spec["searchapp"], "hits": hits,
                          "cpu_median_ms": round(1000 * statistics.median(cpu), 3),
                          "median_ms": round(1000 * statistics.median(wall), 3),
                          "p95_ms": round(1000 * wall[int(0.95 * (len(wall) - 1))], 3),
                          "first_ms": round(1000 * first, 3)}), flush=True)

def compare(pairs: list[tuple[Path, Path]], args) -> None:
    """The two (checkout, index) pairs in turns, `args.rounds` runs each; prints the table."""
    medians: list[dict[str, list[float]]] = [{}, {}]
    hits: list[dict[str, int]] = [{}, {}]
    for _ in range(args.rounds):
        for side, (tree, index) in enumerate(pairs):
            command = [sys.executable, __file__, "--tree", str(tree), "--index", str(index), "--reps", str(args.reps)]
            command += [f"--type={name}" for name in args.type or ()]
            run = subprocess.run(command, capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONPATH": str(tree.resolve())})
            for line in run.stdout.splitlines():
                row = json.loads(line)
                medians[side].setdefault(row["type"], []).append(row["cpu_median_ms"])
                hits[side][row["type"]] = row["hits"]
    print(f"{'query type':<36}{'old ms':>9}{'new ms':>9}{'new/old':>9}   hits old/new")
    for name in medians[1]:
        new = statistics.median(medians[1][name])
        old = statistics.median(medians[0][name]) if name in medians[0] else float("nan")
        print(f"{name:<36}{old:>9.3f}{new:>9.3f}{new / old:>9.2f}   {hits[0].get(name)}/{hits[1][name]}")


if __name__ == "__main__":
    main()
