"""The first hour of a new user on the command line (issue 17): a busy port, where the settings
come from, what the messages say. Every test runs the real `searchapp` command in a subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEED_FILES, free_port, start_server_process, stop_server_process

CLI = [sys.executable, "-m", "searchapp.cli"]


@pytest.mark.slow  # starts a server
def test_serve_on_a_busy_port_says_so_and_exits_1_without_claiming_to_serve(seed_settings):
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        port = other_program.getsockname()[1]
        done = subprocess.run([*CLI, "serve", "--index", str(seed_settings.index_dir), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"port {port} is in use; pick another with --port" in done.stderr
    assert "Serving" not in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # starts a server
def test_serve_says_serving_only_once_the_port_answers(seed_settings):
    port = free_port()
    process = start_server_process([*CLI, "serve", "--index", str(seed_settings.index_dir), "--port", str(port),
                                    "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith(f"Serving searchapp on http://127.0.0.1:{port}/"), line
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # listening already
    finally:
        stop_server_process(process)
        process.stderr.close()


@pytest.mark.slow  # starts a server
def test_serve_without_an_index_warns_on_the_console_that_pages_answer_503(tmp_path):
    port = free_port()
    missing = tmp_path / "no-index-yet"
    process = start_server_process([*CLI, "serve", "--index", str(missing), "--port", str(port), "--workers", "1"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        assert process.stderr.readline().startswith(f"Serving searchapp on http://127.0.0.1:{port}/")
        warning = process.stderr.readline()
        assert warning.startswith(f"warning: no index at {missing} yet: build one with `searchapp index`"), warning
        assert "answers 503" in warning and "without a restart" in warning
    finally:
        stop_server_process(process)
        process.stderr.close()


def info(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "info", *args], capture_output=True, text=True, timeout=60, cwd=cwd,
                          env={**os.environ, **(env or {})})


def line_of(output: str, label: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(label + ":")).split(":", 1)[1].strip()


def test_info_run_from_a_subfolder_reads_the_nearest_config_above_and_names_the_index(seed_settings, tmp_path):
    """A project folder whose config.toml names the seed index; `info` run two folders below finds
    it, and says what the generation's format.json says was built when, and the three seed files."""
    project = tmp_path / "project"
    (project / "notes" / "2026").mkdir(parents=True)
    index_dir = seed_settings.index_dir
    (project / "config.toml").write_text(f'[paths]\nindex_dir = "{index_dir}"\n', encoding="utf-8")
    done = info(cwd=project / "notes" / "2026")
    assert done.returncode == 0, done.stderr
    generation = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    record = json.loads((index_dir / generation / "format.json").read_text(encoding="utf-8"))
    assert line_of(done.stdout, "config") == str(project / "config.toml")
    assert line_of(done.stdout, "index") == str(index_dir)
    assert line_of(done.stdout, "generation") == generation
    assert line_of(done.stdout, "built") == record["built"]
    assert line_of(done.stdout, "documents") == str(len(SEED_FILES)) == "3"
    assert int(line_of(done.stdout, "paragraphs").replace(",", "")) > len(SEED_FILES)
    assert line_of(done.stdout, "format").startswith(f"version {record['format_version']}, ")


def test_searchapp_config_variable_wins_over_the_folder_and_config_wins_over_both(tmp_path):
    here, named, given = tmp_path / "here", tmp_path / "named.toml", tmp_path / "given.toml"
    here.mkdir()
    for path, index in ((here / "config.toml", "index-here"), (named, "index-named"), (given, "index-given")):
        path.write_text(f'[paths]\nindex_dir = "{index}"\n', encoding="utf-8")
    assert line_of(info(cwd=here).stdout, "index") == str(here / "index-here")
    by_variable = info(cwd=here, env={"SEARCHAPP_CONFIG": str(named)})
    assert line_of(by_variable.stdout, "config") == str(named)
    assert line_of(by_variable.stdout, "index") == str(tmp_path / "index-named")
    by_option = info("--config", str(given), cwd=here, env={"SEARCHAPP_CONFIG": str(named)})
    assert line_of(by_option.stdout, "index") == str(tmp_path / "index-given")
    assert by_option.returncode == 2  # no index there yet: said after where it was looked for
    assert "Traceback" not in by_option.stderr


def test_outside_any_project_the_installed_projects_config_is_used(tmp_path):
    done = info(cwd=tmp_path)
    assert line_of(done.stdout, "config") == str(REPO / "config.toml")
    assert line_of(done.stdout, "index") == str(REPO / "index")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def test_the_command_list_gives_every_command_a_whole_sentence():
    listing = cli("--help").stdout.split("Commands:", 1)[1].splitlines()
    described = dict(line.split(None, 1) for line in listing if line.strip())
    assert described["show"] == "Print one resolution with all its paragraphs."
    assert {"index", "search", "show", "cite", "timeline", "kwic", "diff", "cites", "info", "serve"} <= set(described)
    for name, text in described.items():
        assert text.endswith(".") and not text.endswith("..."), f"{name}: {text!r}"


def test_kwic_says_it_stopped_at_the_limit(seed_settings):
    """The seeds say "impunity" 11 times in paragraphs (grep: 4 + 4 + 3 lower-case; the upper-case
    one is a subject tag, not a paragraph)."""
    done = cli("kwic", "impunity", "--limit", "4", "--index", str(seed_settings.index_dir))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("11 occurrences")
    assert len([line for line in lines if "[impunity]" in line.lower()]) == 4
    assert lines[-1] == "Stopped after 4 of 11 lines; --limit 0 prints all."
    every = cli("kwic", "impunity", "--limit", "0", "--index", str(seed_settings.index_dir)).stdout
    assert "Stopped" not in every and len(every.splitlines()) == 1 + 11
    as_csv = cli("kwic", "impunity", "--limit", "4", "--format", "csv", "--index", str(seed_settings.index_dir))
    assert "Stopped after 4 of 11 lines" in as_csv.stderr and "Stopped" not in as_csv.stdout


def test_a_page_past_the_last_says_so_and_names_the_last(seed_settings):
    """9 seed paragraphs mention impunity (grep), 2 a page: 5 pages."""
    done = cli("search", "impunity", "--per-page", "2", "--page", "50", "--index", str(seed_settings.index_dir))
    assert done.returncode == 0, done.stderr
    assert "Page 50 is past the last page (5): see it with --page 5." in done.stdout
    assert "No paragraphs match" not in done.stdout


def test_timeline_collapses_runs_of_empty_years_unless_asked_for_every_year(seed_settings):
    """The seeds are dated 2002, 2004 (Commission on Human Rights) and 2009 (General Assembly),
    each with 3 paragraphs on impunity: 2003 alone stays a line, 2005-2008 become one."""
    lines = cli("timeline", "impunity", "--index", str(seed_settings.index_dir)).stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["2002", "2003", "2004", "2005-2008", "2009"]
    assert lines[3] == "2005-2008  no paragraphs (4 years)"
    every = cli("timeline", "impunity", "--every-year", "--index", str(seed_settings.index_dir)).stdout
    assert [line.split()[0] for line in every.splitlines()] == [str(year) for year in range(2002, 2010)]


def test_kwic_order_document_follows_the_paragraph_sort(seed_settings):
    """--sort chooses the paragraphs' order, --order document keeps it for the lines: the seeds'
    2009 resolution (A/RES/64/163) comes first by newest, the 2002 one (E/CN.4/RES/2002/...) by oldest."""
    def first_symbol(sort: str) -> str:
        done = cli("kwic", "impunity", "--sort", sort, "--order", "document", "--index", str(seed_settings.index_dir))
        return done.stdout.splitlines()[1].split()[-2]

    assert first_symbol("newest") == "A/RES/64/163"
    assert first_symbol("oldest").startswith("E/CN.4/RES/2002/")
    assert "document: the lines in the paragraphs' --sort order" in " ".join(cli("kwic", "--help").stdout.split())


def test_version_points_to_info():
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].startswith("searchapp ")
    assert "`searchapp info` names the settings file and index" in done.stdout
