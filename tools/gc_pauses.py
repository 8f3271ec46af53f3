"""Garbage-collection pauses in one server worker under the load test's mix.

    .venv/bin/python tools/gc_pauses.py --index DIR [--requests 2000] [--clients 20] [--no-freeze] [--gen0 N]

Starts `searchapp serve --workers 1` over an existing index with a `gc.callbacks` hook that
appends each collection (its generation and duration) to a file, waits for the worker and warms
it up (tools/load_test.py), drives --requests of the load test's mix, and prints per 1,000 timed
requests the collections of each generation and their pauses, and the run's requests/s and p95.
`--gen0 N` sets the worker's generation 0 threshold.
`--no-freeze` turns engine/heap.py's settle off: the server as it was before it, for turns of
before and after on the same machine. Loopback only, bounded in requests and time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_test  # noqa: E402

HOOK = """
import gc, os, sys, time
log, freeze, young = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
if young:
    gc.set_threshold(young, *gc.get_threshold()[1:])
if not freeze:
    import searchapp.engine.heap as heap
    heap.enable = lambda on=True: None
state = {}
def record(phase, info):
    if phase == "start":
        state["t"] = time.perf_counter()
        return
    ms = (time.perf_counter() - state["t"]) * 1000
    with open(os.path.join(log, f"{os.getpid()}.jsonl"), "a") as out:
        out.write('{"at": %f, "gen": %d, "ms": %.3f}\\n' % (time.time(), info["generation"], ms))
gc.callbacks.append(record)
sys.argv = ["searchapp", *sys.argv[4:]]
from searchapp.cli import main
main()
"""


def collections(log: Path, pid: int, start: float, end: float) -> list[dict]:
    path = log / f"{pid}.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    return [r for r in rows if start <= r["at"] <= end]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--no-freeze", action="store_true")
    parser.add_argument("--gen0", type=int, default=0, metavar="N",
                        help="generation 0 threshold for the worker (default: Python's, 700)")
    args = parser.parse_args(argv)
    from searchapp.config import Settings
    from searchapp.search.request import SearchRequest
    from searchapp.search.service import SearchService

    service = SearchService(Settings(index_dir=args.index))
    symbols = service.symbols()
    held = [v.value for v in service.search(SearchRequest(per_page=1)).facets["body"].values]
    bodies = [b for b in load_test.BODIES if b in held] or held
    with tempfile.TemporaryDirectory() as tmp:
        log, port = Path(tmp), load_test.free_port()
        with open(log / "server.log", "wb") as sink:
            freeze = "0" if args.no_freeze else "1"
            server = subprocess.Popen([sys.executable, "-c", HOOK, str(log), freeze, str(args.gen0), "serve",
                                       "--index", str(args.index), "--port", str(port), "--workers", "1"],
                                      stderr=sink, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while load_test._answering_process(base) is None:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("server did not start: " + (log / "server.log").read_text(errors="replace"))
                time.sleep(0.3)
            warm = load_test.ready_searchapp(base, 1, args.clients, symbols, bodies)
            # a few hundred more untimed requests: the settle (heap.SETTLE_AFTER requests after the open)
            load_test.run_load(base, args.clients, 300, args.max_seconds, symbols, bodies, first_seed=2_000_000)
            start = time.time()
            report = load_test.run_load(base, args.clients, args.requests, args.max_seconds, symbols, bodies)
            end = time.time()
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows = collections(log, warm["processes"][0], start, end)
    per = 1000 / max(1, report["requests"])
    full, middle, young = ([r["ms"] for r in rows if r["gen"] == gen] for gen in (2, 1, 0))
    mode = ("no freeze" if args.no_freeze else "freeze") + (f", gen 0 threshold {args.gen0}" if args.gen0 else "")
    print(f"{mode}: {report['requests']} requests, {report['clients']} clients, "
          f"{report['throughput_rps']} requests/s, p50 {report['latency_ms']['all']['p50']} ms, "
          f"p95 {report['latency_ms']['all']['p95']} ms, {report['errors']} errors")
    print(f"  per 1,000 requests: {len(full) * per:.1f} full (gen 2) collections, {sum(full) * per:.0f} ms in them "
          f"(each {min(full, default=0):.0f}-{max(full, default=0):.0f} ms); {len(middle) * per:.1f} gen 1, "
          f"{sum(middle) * per:.0f} ms; {len(young) * per:.0f} gen 0, {sum(young) * per:.0f} ms")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
