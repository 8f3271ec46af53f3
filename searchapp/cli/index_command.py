"""`searchapp index`, apart from the other commands (cli/commands.py): running it imports the
indexer, not the search side's modules nor the printers of results (0.08 s of CPU at every
start, serial before the parse workers fork). Also `common_options`, which every command takes.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import click

from searchapp.config import Settings, load_settings

EXIT_SKIPPED = 4


def common_options(command):
    """--config and --index on every command; passes `settings` to the command."""

    @click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                  help="Settings file (default: $SEARCHAPP_CONFIG, else the nearest config.toml here or "
                       "above, else the installed project's).")
    @click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
                  help="Index folder (overrides config.toml's paths.index_dir).")
    @functools.wraps(command)
    def wrapper(config_path, index_dir, **kwargs):
        settings = load_settings(config_path).with_index(index_dir)
        return command(settings=settings, **kwargs)

    return wrapper


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Ignore the existing index and build it anew.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@common_options
def index(settings: Settings, paths, rebuild, quiet, fmt):
    """Index PATHS (files or folders; default: the data folder) incrementally and atomically."""
    from searchapp.indexing.run import run_index

    progress = None if quiet else ProgressLine()
    summary = run_index(settings, list(paths) or None, rebuild=rebuild, progress=progress)
    if progress:
        progress.finish()
    if fmt == "json":
        import json

        click.echo(json.dumps(summary.to_json(), indent=2))
    else:
        state = "up to date, nothing to do" if summary.up_to_date else f"done in {summary.seconds:.1f} s"
        click.echo(
            f"Index {settings.index_dir}: {state}\n"
            f"  files: {summary.files_seen} seen, {summary.files_indexed} indexed, "
            f"{summary.files_unchanged} unchanged, {summary.files_removed} removed, "
            f"{len(summary.skipped)} skipped\n"
            f"  documents: {summary.documents}, paragraphs: {summary.paragraphs}"
        )
        if summary.pages:
            click.echo(f"  PDF pages read: {summary.pages}")
        if summary.rewritten:
            click.echo(f"  index written afresh, not appended to: {summary.rewritten}")
        if summary.ignored:
            click.echo(f"  {summary.ignored_line()} (searchapp reads .txt, .pdf and .docx)")
        for duplicate in summary.duplicates:
            click.echo(f"  not indexed {duplicate.path}: {duplicate.reason}")
        for skipped in summary.skipped:
            click.echo(f"  skipped {skipped.path}: {skipped.reason}", err=True)
    if summary.skipped:
        sys.exit(EXIT_SKIPPED)


class ProgressLine:
    """A one-line progress display on stderr: phase, bar, count, paragraphs, files and PDF pages
    per second."""

    def __init__(self):
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False
        self.tty = sys.stderr.isatty()

    def __call__(self, phase: str, done: int, total: int, paragraphs: int, pages: int = 0) -> None:
        now = time.monotonic()
        if done < total and now - self.last < (0.1 if self.tty else 2.0):
            return
        self.last = now
        seconds = max(now - self.started, 1e-6)
        width = 30
        filled = int(width * done / max(total, 1))
        unit = "files" if phase == "parsing" else "documents"
        line = (f"{phase:9} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {unit}, "
                f"{paragraphs} paragraphs, {paragraphs / seconds:,.0f} paragraphs/s")
        if phase == "parsing":
            line += f", {done / seconds:,.1f} files/s"
        if pages:
            line += f", {pages} PDF pages, {pages / seconds:,.1f} pages/s"
        click.echo(("\r" if self.tty else "") + line, err=True, nl=not self.tty)
        self.shown = True
        if self.tty and done == total:
            click.echo("", err=True)
            self.started = time.monotonic()

    def finish(self) -> None:
        pass
