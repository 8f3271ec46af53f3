"""The README's opening takes a newcomer from a clone to searching their own folder (issue 17):
its "Search your own folder" commands are run here exactly as written, on a folder of the seeds."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest
from conftest import copy_seeds, running_server

pytestmark = pytest.mark.slow  # builds an index and starts a server
README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def own_folder_commands() -> list[str]:
    section = README.split("**2. Search your own folder.**")[1].split("The shared corpus beside")[0]
    return [line for block in re.findall(r"```\n(.*?)```", section, re.S) for line in block.splitlines()
            if line.startswith(".venv/bin/searchapp ")]


def as_run_here(command: str, home: Path) -> list[str]:
    words = shlex.split(command.replace("~/", f"{home}/"))
    return [sys.executable, "-m", "searchapp.cli", *words[1:]]


def test_the_readme_names_index_serve_search_show_and_kwic_for_your_own_folder():
    names = [shlex.split(command)[1] for command in own_folder_commands()]
    assert names == ["index", "serve", "search", "show", "kwic"]


def test_the_readme_commands_index_and_search_your_own_folder_as_written(tmp_path):
    # Sub-folders are read too: one seed goes one level down.
    texts = copy_seeds(tmp_path / "un-texts")
    (texts / "chr").mkdir()
    next(texts.glob("001_*.txt")).rename(texts / "chr" / "2002-70.txt")
    answers = {}
    for command in own_folder_commands():
        argv = as_run_here(command, tmp_path)
        if argv[3] == "serve":
            continue  # served below, on a free port
        done = subprocess.run(argv, capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, (command, done.stderr)
        answers[argv[3]] = done.stdout + done.stderr
    assert "3 seen, 3 indexed" in answers["index"] and "documents: 3" in answers["index"]
    # "human rights defenders" is a phrase of all three seeds (their titles and texts).
    assert re.match(r"\d+ paragraphs in 3 documents", answers["search"])
    assert answers["show"].startswith("A/RES/64/163  General Assembly  2009-12-18")
    assert re.match(r"\d+ occurrences in \d+ paragraphs", answers["kwic"])
    with running_server(tmp_path / "un-index") as url:
        landing = urlopen(url + "/").read().decode("utf-8")
    assert "<h1>What this index holds</h1>" in landing and "<strong>3</strong> documents" in landing
