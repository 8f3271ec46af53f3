"""Load test: the real server on loopback, concurrent clients, a fixed number of requests.

    .venv/bin/python tools/load_test.py [--clients 20] [--requests 2000] [--index DIR] [--data DIR]
                                        [--workers N] [--soak-every N]

Starts `searchapp serve` on a free 127.0.0.1 port (building an index of --data first unless
--index names an existing one), drives the clients through a fixed mix of searches, facet
clicks, document views, API calls, concordances, timelines and exports, and prints throughput, p50/p95/p99 latency per
kind and the error count. Traffic never leaves the machine; the run is bounded in requests and
in time (--max-seconds) and stops by itself.

Warm-up, untimed: a server is timed only once it is ready. searchapp's gunicorn master accepts
connections before its workers have booted (each loads the word tables, about 2 s, and opens the
index at its first request), so the load test first asks `/healthz` in bursts until as many
distinct worker processes as it started have answered ("process" in the answer), then sends a
warm-up of 2 x --clients requests of the same mix (client seeds no timed run uses). Datasette
(--peer) gets the same: waited for until it answers, then the same warm-up of its mix. The
warm-up's requests are reported apart ("warm_up") and never counted in the timed numbers.
"""

from __future__ import annotations

import argparse
import functools
import http.client
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERIES = ["impunity", "human rights defenders", '"human rights defenders"', "defend*", "women",
           "freedom of expression", "terrorism", "sanctions", "peacekeeping", "non-governmental",
           "counterterrorism", "children armed conflict", "Israel", "climate", "torture"]
BODIES = ["General Assembly", "Security Council", "Commission on Human Rights"]
PROGRESS = {"done": 0}  # requests answered by the current run_load (read by tools/replicas.py)
WARM_UP_SEED = 1_000_000  # the warm-up's clients draw from seeds no timed run uses


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request_mix(rng: random.Random, symbols: list[str], bodies: list[str] = BODIES) -> tuple[str, str]:
    """(kind, path) of one request, drawn from a fixed mix."""
    roll = rng.random()
    query = rng.choice(QUERIES)
    if roll < 0.35:
        return "search", "/?" + urllib.parse.urlencode({"q": query})
    if roll < 0.55:
        params = [("q", query), ("body", rng.choice(bodies))]
        if rng.random() < 0.5:
            params += [("year_from", "1990"), ("year_to", "2025")]
        return "facet", "/?" + urllib.parse.urlencode(params)
    if roll < 0.62:
        return "api", "/api/search?" + urllib.parse.urlencode({"q": query, "page": rng.randint(1, 3)})
    if roll < 0.66:
        query = rng.choice(["impunity", "torture", '"human rights defenders"'])
        order = rng.choice(["document", "left", "right"])
        return "kwic", "/kwic?" + urllib.parse.urlencode({"q": query, "order": order})
    if roll < 0.70:
        return "timeline", "/api/timeline?" + urllib.parse.urlencode({"q": query})
    if roll < 0.85 and symbols:
        symbol = rng.choice(symbols)
        return "document", "/documents/" + urllib.parse.quote(symbol) + "?" + urllib.parse.urlencode({"q": query})
    if roll < 0.95:
        return "page", "/?" + urllib.parse.urlencode({"q": query, "page": 2, "sort": "newest"})
    return "export", "/export.csv?" + urllib.parse.urlencode({"q": rng.choice(["impunity", "torture"])})


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run_load(base: str, clients: int, total: int, max_seconds: float, symbols: list[str],
             bodies: list[str] = BODIES, first_seed: int = 0, mix=request_mix) -> dict:
    """Drive `clients` threads through `total` requests of `mix` (kind, path) against `base`."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    counter = iter(range(total))
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds
    PROGRESS["done"] = 0

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    return
            kind, path = mix(rng, symbols, bodies)
            started = time.monotonic()
            try:
                with urllib.request.urlopen(base + path, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except (OSError, http.client.HTTPException) as exc:  # refused, reset, cut short
                status = f"{type(exc).__name__}: {exc}"
            elapsed = time.monotonic() - started
            with lock:
                PROGRESS["done"] += 1
                latencies[kind].append(elapsed)
                if status != 200:
                    errors.append(f"{kind} {path}: {status}")

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(first_seed + i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    everything = [v for values in latencies.values() for v in values]
    report = {
        "clients": clients, "requests": len(everything), "seconds": round(wall, 2),
        "throughput_rps": round(len(everything) / wall, 1) if wall else 0.0,
        "errors": len(errors), "error_samples": errors[:5],
        "latency_ms": {kind: {"n": len(v), "p50": round(percentile(v, .5) * 1000, 1),
                              "p95": round(percentile(v, .95) * 1000, 1),
                              "p99": round(percentile(v, .99) * 1000, 1)}
                       for kind, v in sorted(latencies.items()) + [("all", everything)]},
        "latencies_s": everything, "kind_latencies_s": dict(latencies),
    }
    return report


def kind_table(by_kind: dict[str, list[float]]) -> dict[str, dict]:
    """Per request kind: {"n", "p50", "p95"} in ms, the kinds by their p95, slowest first."""
    rows = {kind: {"n": len(v), "p50": round(percentile(v, .5) * 1000, 1), "p95": round(percentile(v, .95) * 1000, 1)}
            for kind, v in by_kind.items()}
    return dict(sorted(rows.items(), key=lambda item: -item[1]["p95"]))


def _answering_process(base: str) -> int | None:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=30) as response:
            return json.loads(response.read()).get("process")
    except (OSError, ValueError, http.client.HTTPException):
        return None


def wait_for_workers(base: str, workers: int, max_seconds: float = 120, burst: int = 8) -> list[int]:
    """The process ids answering searchapp's /healthz, asked in concurrent bursts of `burst` until
    `workers` distinct ones have answered (each worker has booted). SystemExit after max_seconds."""
    seen: set[int] = set()
    deadline = time.monotonic() + max_seconds
    with ThreadPoolExecutor(burst) as pool:
        while len(seen) < workers:
            if time.monotonic() > deadline:
                raise SystemExit(f"only {len(seen)} of the server's {workers} workers answered /healthz "
                                 f"within {max_seconds:.0f} s")
            seen |= {pid for pid in pool.map(lambda _: _answering_process(base), range(burst)) if pid}
            if len(seen) < workers:
                time.sleep(0.2)
    return sorted(seen)


def warm_up(base: str, clients: int, symbols: list[str], bodies: list[str], mix=request_mix,
            max_seconds: float = 120) -> dict:
    """The untimed warm-up: 2 x `clients` requests of `mix` from `clients` clients (seeds from
    WARM_UP_SEED). {"requests", "seconds", "errors", "error_samples"}; its latencies are dropped."""
    run = run_load(base, clients, 2 * clients, max_seconds, symbols, bodies, WARM_UP_SEED, mix=mix)
    return {key: run[key] for key in ("requests", "seconds", "errors", "error_samples")}


def ready_searchapp(base: str, workers: int, clients: int, symbols: list[str], bodies: list[str]) -> dict:
    """Wait until each of the server's `workers` has answered, then warm it up: the warm-up report
    with "processes" (the worker ids seen)."""
    processes = wait_for_workers(base, workers)
    return {"processes": processes, **warm_up(base, clients, symbols, bodies)}


def alternating(servers: dict[str, tuple[str, object]], clients: int, requests: int, rounds: int,
                max_seconds: float, symbols: list[str], bodies: list[str]) -> dict:
    """Each server (name -> (base URL, its mix)) driven in turn, round by round, with the same
    client seeds in a round, so that each sees the same machine: per server its requests, summed
    seconds, throughput, p50/p95 over every request, errors and each round's throughput."""
    parts: dict[str, list[dict]] = {name: [] for name in servers}
    share = max(1, requests // rounds)
    for number in range(rounds):
        for name, (base, mix) in servers.items():
            parts[name].append(run_load(base, clients, share, max_seconds, symbols, bodies, number * clients,
                                        mix=mix))
            print(f"  round {number + 1}/{rounds} {name}: {parts[name][-1]['throughput_rps']} requests/s",
                  file=sys.stderr, flush=True)
    totals = {}
    for name, runs in parts.items():
        every = [v for run in runs for v in run["latencies_s"]]
        by_kind: dict[str, list[float]] = defaultdict(list)
        for run in runs:
            for kind, values in run["kind_latencies_s"].items():
                by_kind[kind] += values
        seconds = sum(run["seconds"] for run in runs)
        totals[name] = {"requests": len(every), "seconds": round(seconds, 2),
                        "throughput_rps": round(len(every) / seconds, 1) if seconds else 0.0,
                        "p50_ms": round(percentile(every, .5) * 1000, 1),
                        "p95_ms": round(percentile(every, .95) * 1000, 1),
                        "errors": sum(run["errors"] for run in runs),
                        "error_samples": [s for run in runs for s in run["error_samples"]][:5],
                        "rounds_rps": [run["throughput_rps"] for run in runs], "kinds": kind_table(by_kind)}
    return totals


def peer_mix():
    from datasette_peer import datasette_mix

    return functools.partial(datasette_mix, queries=QUERIES)


def against_peer(base: str, peer_base: str, args, symbols: list[str], bodies: list[str]) -> dict:
    """searchapp and the peer (both warmed up already) in alternating rounds of the same mix
    (same seeds); the ratios."""
    totals = alternating({"searchapp": (base, request_mix), "datasette": (peer_base, peer_mix())},
                         args.clients, args.requests, args.rounds, args.max_seconds, symbols, bodies)
    sa, ds = totals["searchapp"], totals["datasette"]
    totals["ratio"] = {"throughput": round(sa["throughput_rps"] / ds["throughput_rps"], 2) if ds["throughput_rps"]
                       else None, "p95": round(sa["p95_ms"] / ds["p95_ms"], 2) if ds["p95_ms"] else None}
    return totals


def print_warm_up(name: str, warm: dict) -> None:
    workers = f", {len(warm['processes'])} worker processes answered first" if "processes" in warm else ""
    print(f"warm-up of {name}{workers}: {warm['requests']} requests in {warm['seconds']} s, {warm['errors']} errors "
          "(not counted below)", flush=True)
    for sample in warm["error_samples"]:
        print(f"  warm-up error ({name}):", sample)


def print_kinds(rows: dict[str, dict]) -> None:
    """Per request kind, p50/p95 of each engine side by side (the first engine's slowest first)."""
    names = list(rows)
    print(f"{'kind':10} " + " ".join(f"{name + ' n':>14} {'p50 ms':>8} {'p95 ms':>8}" for name in names))
    for kind in rows[names[0]]["kinds"]:
        cells = [rows[name]["kinds"].get(kind, {"n": 0, "p50": "-", "p95": "-"}) for name in names]
        print(f"{kind:10} " + " ".join(f"{c['n']:14} {c['p50']:8} {c['p95']:8}" for c in cells))


def _compare(base: str, index_dir: Path, tmp: Path, args, symbols: list[str], bodies: list[str],
             warm: dict) -> int:
    from datasette_peer import build_database, start_datasette

    database = tmp / "corpus.db"
    started = time.monotonic()
    rows = build_database(index_dir, database)
    print(f"SQLite FTS5: {rows} paragraphs in {time.monotonic() - started:.1f} s", flush=True)
    port = free_port()
    peer = start_datasette(database, port, tmp / "datasette.log")
    try:
        peer_warm = warm_up(f"http://127.0.0.1:{port}", args.clients, symbols, bodies, mix=peer_mix())
        print_warm_up("datasette", peer_warm)
        totals = against_peer(base, f"http://127.0.0.1:{port}", args, symbols, bodies)
    finally:
        peer.terminate()
        peer.wait(timeout=30)
    print(f"{args.clients} clients, {args.rounds} alternating rounds")
    print(f"{'engine':10} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    for engine in ("searchapp", "datasette"):
        row = totals[engine]
        print(f"{engine:10} {row['requests']:8} {row['throughput_rps']:8} {row['p50_ms']:8} {row['p95_ms']:8} "
              f"{row['errors']:6}")
        for sample in row["error_samples"]:
            print(f"  error ({engine}):", sample)
    print(f"searchapp / datasette: throughput {totals['ratio']['throughput']}x, p95 {totals['ratio']['p95']}x")
    print_kinds({"searchapp": totals["searchapp"], "datasette": totals["datasette"]})
    totals["warm_up"] = {"searchapp": warm, "datasette": peer_warm}
    if args.json:
        args.json.write_text(json.dumps(totals, indent=2))
    return 1 if totals["searchapp"]["errors"] or warm["errors"] else 0


def memory_mb(pid: int, field: str = "VmRSS") -> dict[int, float]:
    """Resident memory (MB) of a process and its children (a gunicorn master and its workers).
    `field` "RssAnon": the part that is the process's own, without the pages of the index's
    memory-mapped files it has read (RssFile: the page cache, shared by the workers)."""
    found = {}
    for status in [Path(f"/proc/{pid}/status"), *Path("/proc").glob("[0-9]*/status")]:
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if status.parent.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            found[int(status.parent.name)] = int(fields.get(field, "0 kB").split()[0]) / 1024
    return found


def soak(base: str, pid: int, args, symbols: list[str], bodies: list[str]) -> dict:
    """--requests in rounds of --soak-every, new client seeds each round, each server process's
    resident memory after each round. The latency table printed after it is the last round's."""
    rounds, started = [], time.monotonic()
    totals = {"requests": 0, "errors": 0}
    samples: list[str] = []
    for number, done in enumerate(range(0, args.requests, args.soak_every)):
        left = args.max_seconds - (time.monotonic() - started)
        if left <= 0:
            break
        part = run_load(base, args.clients, min(args.soak_every, args.requests - done), left, symbols, bodies,
                        first_seed=number * args.clients)
        totals["requests"] += part["requests"]
        totals["errors"] += part["errors"]
        samples += part["error_samples"]
        memory, anonymous = memory_mb(pid), memory_mb(pid, "RssAnon")
        rss = {str(k): round(v, 1) for k, v in memory.items()}
        rounds.append({"after_requests": totals["requests"], "rss_mb": rss,
                       "anon_mb": {str(k): round(v, 1) for k, v in anonymous.items()}})
        print(f"after {totals['requests']:6} requests: " +
              ", ".join(f"pid {k} {v:.1f} MB (own {anonymous.get(k, 0):.1f})" for k, v in sorted(memory.items())),
              flush=True)
    wall = time.monotonic() - started
    return {**part, "clients": args.clients, "requests": totals["requests"], "errors": totals["errors"],
            "error_samples": samples[:5], "seconds": round(wall, 2),
            "throughput_rps": round(totals["requests"] / wall, 1) if wall else 0.0, "memory": rounds}


def start_server(index_dir: Path, port: int, log: Path, workers: int | None = None) -> subprocess.Popen:
    """The server, its messages going to `log`: a pipe nobody reads fills after some 1,400
    requests of waitress's queue warnings, and then the server stops in mid-write."""
    with open(log, "wb") as sink:
        extra = ["--workers", str(workers)] if workers is not None else []
        server = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(index_dir),
                                   "--port", str(port), *extra], stderr=sink, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("server exited: " + log.read_text(errors="replace")) from None
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not start within 60 s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--index", type=Path, help="an existing index (default: build one of --data)")
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--workers", type=int, help="server processes (default: one per usable core)")
    parser.add_argument("--peer", choices=["datasette"],
                        help="also build the paragraphs into SQLite FTS5, serve them with Datasette, and "
                             "alternate rounds of the same mix between the two")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds with --peer")
    parser.add_argument("--soak-every", type=int, metavar="N",
                        help="a soak run: --requests in rounds of N, printing each server process's memory")
    args = parser.parse_args(argv)
    if args.peer:
        from datasette_peer import datasette_command
        datasette_command()  # said before the index and the database are built
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index
        if index_dir is None:
            index_dir = Path(tmp) / "index"
            built = subprocess.run([sys.executable, "-m", "searchapp.cli", "index", str(args.data),
                                    "--index", str(index_dir), "--quiet"], capture_output=True, text=True)
            if built.returncode not in (0, 4):
                raise SystemExit("indexing failed: " + built.stderr)
        from searchapp.config import Settings
        from searchapp.search.request import SearchRequest
        from searchapp.search.service import SearchService

        service = SearchService(Settings(index_dir=index_dir))
        symbols = service.symbols()
        # Facet clicks tick bodies this index holds (another body is a 400 naming the known ones).
        held = [v.value for v in service.search(SearchRequest(per_page=1)).facets["body"].values]
        bodies = [b for b in BODIES if b in held] or held
        from searchapp.web.server import can_prefork, worker_count

        workers = worker_count(Settings(index_dir=index_dir), args.workers) if can_prefork() else 1
        port = free_port()
        server = start_server(index_dir, port, Path(tmp) / "server.log", workers if can_prefork() else None)
        try:
            warm = ready_searchapp(f"http://127.0.0.1:{port}", workers, args.clients, symbols, bodies)
            print_warm_up("searchapp", warm)
            if args.peer:
                return _compare(f"http://127.0.0.1:{port}", index_dir, Path(tmp), args, symbols, bodies, warm)
            if args.soak_every:
                report = soak(f"http://127.0.0.1:{port}", server.pid, args, symbols, bodies)
            else:
                report = run_load(f"http://127.0.0.1:{port}", args.clients, args.requests, args.max_seconds,
                                  symbols, bodies)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report["warm_up"] = warm
    print(f"{report['requests']} requests from {report['clients']} clients in {report['seconds']} s: "
          f"{report['throughput_rps']} requests/s, {report['errors']} errors")
    if args.soak_every:
        last = report["latency_ms"].get("all", {}).get("n", 0)
        print(f"latency of the last round only ({last} requests; the rounds before it are the memory lines above):")
    print(f"{'kind':10} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind, row in report["latency_ms"].items():
        print(f"{kind:10} {row['n']:6} {row['p50']:8} {row['p95']:8} {row['p99']:8}")
    for sample in report["error_samples"]:
        print("error:", sample)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 1 if report["errors"] or warm["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
