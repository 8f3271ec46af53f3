"""`searchapp serve`: the app under a production WSGI server (never Flask's debugger).

Where gunicorn can run (Linux and other POSIX systems), a gunicorn master pre-forks worker
processes, one per core by default (`--workers N`, config `server.workers`), each answering with
`server.threads` threads (gunicorn's gthread worker). A Python process computes on one core at a
time, so this is what lets a server use every core. Every worker opens the index itself, shares
the generation's files with the others through the page cache (read-only memory maps), and
follows new generations as it answers, like a single process does (engine.IndexHandle): a
publish is one atomic rename of CURRENT, so no request sees half of one.

Where gunicorn cannot run (Windows: no fork, no fcntl), waitress serves from one process with
threads, as before.
"""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Callable
from typing import Any

import waitress

from searchapp.config import Settings, usable_cores
from searchapp.engine import heap
from searchapp.exceptions import SearchAppError
from searchapp.text.analysis import bound_word_caches, family_stem, stem
from searchapp.web import create_app

# Words each per-word analysis cache of a server process holds (text/analysis.py): the frequent
# words of the pages it highlights stay, and memory settles within its first few hundred requests
# instead of growing towards the corpus's vocabulary (about 2 MB a thousand words over the caches).
SERVING_WORD_CACHE = 10_000


def worker_count(settings: Settings, workers: int | None = None) -> int:
    """Worker processes to start: `--workers`, else `server.workers`; 0 means one per usable core."""
    count = settings.workers if workers is None else workers
    return count or usable_cores()


def can_prefork() -> bool:
    """Whether gunicorn can run here (it needs fork and fcntl: POSIX only)."""
    try:
        import fcntl  # noqa: F401

        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def serve(settings: Settings, host: str, port: int, workers: int | None = None,
          ready: Callable[[], None] = lambda: None) -> None:
    """Serve until stopped (SIGTERM or Ctrl-C); `describe` says how. `ready()` is called once the
    port is listening. SearchAppError (exit 1) when the port is taken: "port 8080 is in use; ..."."""
    check_port(host, port)
    if can_prefork():
        _serve_gunicorn(settings, host, port, worker_count(settings, workers), ready)
    else:
        _serve_waitress(settings, host, port, ready)


def check_port(host: str, port: int) -> None:
    """SearchAppError when another program listens on host:port (bound as the servers bind it,
    with SO_REUSEADDR, so a port left in TIME_WAIT by a stopped server still counts as free)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise SearchAppError(f"cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise SearchAppError(f"port {port} is in use; pick another with --port") from None
            raise SearchAppError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def describe(settings: Settings, workers: int | None = None) -> str:
    """How `serve` will run, for the start-up line: "gunicorn, 2 worker processes x 8 threads"."""
    if can_prefork():
        count = worker_count(settings, workers)
        return f"gunicorn, {count} worker process{'es' if count != 1 else ''} x {settings.threads} threads"
    return f"waitress, 1 process x {settings.threads} threads"


def load_word_tables() -> None:
    """Load LemmInflect's dictionary and NLTK's Snowball now, before the first request: the
    analysis imports them at the first word (so that `searchapp --help` does not wait for them),
    which would make each worker's first search about two seconds slower."""
    stem("rights")
    family_stem("rights")


def _serve_waitress(settings: Settings, host: str, port: int, ready: Callable[[], None]) -> None:
    # Under load waitress logs one "Task queue depth" warning per queued request: noise, not news.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    bound_word_caches(SERVING_WORD_CACHE)
    load_word_tables()
    heap.enable()  # the long-lived heap frozen after each generation opened: engine/heap.py
    server = waitress.create_server(create_app(settings), host=host, port=port, threads=settings.threads,
                                    ident="searchapp", clear_untrusted_proxy_headers=True)
    ready()  # create_server has bound and is listening
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _serve_gunicorn(settings: Settings, host: str, port: int, workers: int,
                    ready: Callable[[], None]) -> None:
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        """gunicorn configured from our settings, not from its command line or a config file."""

        def load_config(self) -> None:
            for key, value in _gunicorn_options(settings, host, port, workers).items():
                self.cfg.set(key, value)
            self.cfg.set("when_ready", lambda arbiter: ready())  # the master has bound the port

        def load(self) -> Any:
            from searchapp.web import one_write

            one_write.install()  # a response's head leaves with its body: see one_write.py
            bound_word_caches(SERVING_WORD_CACHE)
            load_word_tables()
            heap.enable()  # the long-lived heap frozen after each generation opened: engine/heap.py
            return create_app(settings)  # in each worker, after the fork: its own index handle

    Application().run()


def _gunicorn_options(settings: Settings, host: str, port: int, workers: int) -> dict[str, Any]:
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        "bind": [address],
        "workers": workers,
        "worker_class": "gthread",
        "threads": settings.threads,
        "proc_name": "searchapp",
        "preload_app": False,
        "timeout": 120,  # a worker silent this long is replaced (a CSV export of the corpus: ~5 s)
        "graceful_timeout": 10,  # on SIGTERM, requests in flight get this long to finish
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
    }
