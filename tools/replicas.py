"""Replicas behind a load balancer: two `searchapp serve` processes on copies of one index, behind
Debian's haproxy, on loopback only.

    .venv/bin/python tools/replicas.py [--data DIR] [--more DIR] [--clients 8] [--requests 600]

The index is a folder of immutable generations plus CURRENT, which names the live one, so
scaling out is copying it: this script builds an index of --data, copies it to two replica
folders with `rsync`, serves each with its own `searchapp serve`, and puts haproxy in front
(round robin, health checks on `/healthz`, failed requests retried on the other replica). Then:

1. a load run through haproxy during which one replica is killed (SIGKILL) half-way: every
   client request must still succeed (haproxy retries it on the other replica);
2. the killed replica is started again, --more is indexed into the primary index (a new
   generation) and `rsync`ed to both replicas, generation folders first and CURRENT last (rsync
   writes a file under a temporary name and renames it, so a replica switches in one step);
   both replicas then report the new generation on /healthz, without a restart.

Everything is started and stopped here, bounded in requests (--requests) and time
(--max-seconds); nothing listens beyond 127.0.0.1. Prints one JSON report; exit 1 if a request
failed or a replica did not pick up the new generation.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from load_test import BODIES, PROGRESS, free_port, run_load  # noqa: E402

CLI = [sys.executable, "-m", "searchapp.cli"]
HAPROXY_CONFIG = """\
global
    maxconn 512

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A request that fails on one replica (refused, reset, empty answer, 5xx) is sent again to
    # the other one, up to 3 times: a replica dying mid-run costs no client request.
    retries 3
    option redispatch 1
    retry-on all-retryable-errors

frontend searchapp
    bind 127.0.0.1:{port}
    default_backend replicas

backend replicas
    balance roundrobin
    # A replica is out after two failed checks 0.3 s apart and back after two good ones; a busy
    # replica is slow, not down: a check may take up to 10 s.
    option httpchk GET /healthz
    http-check expect status 200
    timeout check 10s
{servers}
"""


def haproxy_config(port: int, replicas: list[int]) -> str:
    servers = "\n".join(f"    server replica{i} 127.0.0.1:{p} check inter 300ms fall 2 rise 2"
                        for i, p in enumerate(replicas))
    return HAPROXY_CONFIG.format(port=port, servers=servers)


def wait_for(url: str, seconds: float = 60, process: subprocess.Popen | None = None) -> dict:
    """/healthz of a server once it answers 200."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
                raise SystemExit(f"{url} did not answer /healthz within {seconds:.0f} s") from None
            time.sleep(0.2)


def sync(primary: Path, replica: Path) -> None:
    """Copy the primary index to a replica: every generation folder first, CURRENT last."""
    replica.mkdir(parents=True, exist_ok=True)
    subprocess.run(["rsync", "-a", "--exclude", "CURRENT", "--exclude", "writer.lock",
                    f"{primary}/", f"{replica}/"], check=True, timeout=300)
    subprocess.run(["rsync", "-a", f"{primary}/CURRENT", f"{replica}/CURRENT"], check=True, timeout=60)


class Replica:
    """One `searchapp serve` (a single worker process) on its own copy of the index."""

    def __init__(self, index: Path, log: Path):
        self.index, self.log = index, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as sink:
            self.process = subprocess.Popen([*CLI, "serve", "--index", str(self.index), "--port", str(self.port),
                                             "--workers", "1"], stdout=subprocess.DEVNULL, stderr=sink)
        wait_for(self.url, process=self.process)

    def kill(self, how: signal.Signals = signal.SIGKILL) -> None:
        """SIGTERM: the replica stops taking connections and finishes the requests it holds (a
        restart, a deploy). SIGKILL, to its worker and master: it dies mid-request."""
        assert self.process is not None
        if how == signal.SIGKILL:
            for child in _children(self.process.pid):
                try:
                    os.kill(child, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.process.send_signal(how)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def _children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def run(data: Path, more: Path | None, clients: int, requests: int, max_seconds: float, home: Path,
        stop_signal: signal.Signals = signal.SIGTERM) -> dict:
    if shutil.which("haproxy") is None or shutil.which("rsync") is None:
        raise SystemExit("needs Debian's haproxy and rsync (apt-get install haproxy rsync; scripts/test.sh does)")
    primary = home / "primary"
    built = subprocess.run([*CLI, "index", "-q", "--index", str(primary), str(data)], capture_output=True,
                           text=True, timeout=max_seconds)
    if built.returncode not in (0, 4):
        raise SystemExit("indexing failed: " + built.stderr)
    replicas = []
    for name in ("a", "b"):
        sync(primary, home / name / "index")
        replicas.append(Replica(home / name / "index", home / f"{name}.log"))
    port = free_port()
    config = home / "haproxy.cfg"
    config.write_text(haproxy_config(port, [r.port for r in replicas]))
    balancer: subprocess.Popen | None = None
    report: dict = {}
    try:
        for replica in replicas:
            replica.start()
        with open(home / "haproxy.log", "wb") as sink:
            balancer = subprocess.Popen(["haproxy", "-db", "-f", str(config)], stdout=sink, stderr=sink)
        url = f"http://127.0.0.1:{port}"
        report["before"] = wait_for(url, process=balancer)

        from searchapp.config import Settings
        from searchapp.search.request import SearchRequest
        from searchapp.search.service import SearchService
        service = SearchService(Settings(index_dir=primary))
        symbols = service.symbols()
        held = [v.value for v in service.search(SearchRequest(per_page=1)).facets["body"].values]
        bodies = [b for b in BODIES if b in held] or held
        outcome: dict = {}

        def load() -> None:
            outcome.update(run_load(url, clients, requests, max_seconds, symbols, bodies))
        runner = threading.Thread(target=load)
        runner.start()
        # Kill replica b once about half of the requests should be done (or at the latest after
        # a third of the time bound).
        deadline = time.monotonic() + max_seconds / 3
        while runner.is_alive() and time.monotonic() < deadline and PROGRESS["done"] < requests // 2:
            time.sleep(0.1)
        report["stopped_after_requests"], report["signal"] = PROGRESS["done"], stop_signal.name
        replicas[1].kill(stop_signal)
        runner.join()
        report["load"] = {k: outcome[k] for k in ("requests", "errors", "error_samples", "throughput_rps")}

        replicas[1].start()
        if more is not None:
            added = subprocess.run([*CLI, "index", "-q", "--index", str(primary), str(data), str(more)],
                                   capture_output=True, text=True, timeout=max_seconds)
            if added.returncode not in (0, 4):
                raise SystemExit("indexing the new files failed: " + added.stderr)
        for replica in replicas:
            sync(primary, replica.index)
        expected = (primary / "CURRENT").read_text().strip()
        report["after"] = {r.url: _health(r.url) for r in replicas}
        report["new_generation"] = expected
        report["picked_up"] = all(h["generation"] == expected for h in report["after"].values())
    finally:
        if balancer is not None:
            balancer.terminate()
            balancer.wait(timeout=20)
        for replica in replicas:
            replica.stop()
    return report


def _health(url: str) -> dict:
    with urllib.request.urlopen(url + "/healthz", timeout=10) as response:
        return json.loads(response.read())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the files of the first index")
    parser.add_argument("--more", type=Path, help="files added for the second generation")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--max-seconds", type=float, default=180)
    parser.add_argument("--signal", choices=["TERM", "KILL"], default="KILL",
                        help="how replica b is stopped mid-run: TERM (graceful) or KILL (dies mid-request)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="searchapp-replicas-") as tmp:
        report = run(args.data, args.more, args.clients, args.requests, args.max_seconds, Path(tmp),
                     signal.Signals["SIG" + args.signal])
    print(json.dumps(report, indent=2))
    return 0 if report["load"]["errors"] == 0 and report["picked_up"] else 1


if __name__ == "__main__":
    sys.exit(main())
