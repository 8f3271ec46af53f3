"""`searchapp --help` and `searchapp --version` start without the search engine (brief V, part 1c):
the commands, Whoosh, NumPy, NLTK and LemmInflect are imported when a command runs, not before.
Which modules a start imports is read from Python's own `-X importtime` report of a real
subprocess; the milliseconds are the benchmark's business (see the commit), not a test's."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import SEED_FILES
from nltk.stem.snowball import SnowballStemmer

from searchapp.cli import SHORT_HELP, cli
from searchapp.config import STEMMER_LANGUAGES
from searchapp.text.analysers import DEFAULT_ANALYSIS, AnalysisSettings, analysis_for

HEAVY = ("whoosh", "numpy", "nltk", "lemminflect", "flask", "searchapp.engine", "searchapp.search",
         "searchapp.cli.commands")


def imported_modules(*python_args: str) -> set[str]:
    """The modules a real `python -X importtime ARGS` imports, read from its report on stderr."""
    run = subprocess.run([sys.executable, "-X", "importtime", *python_args], capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", run.stderr, re.M)}


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("-h",)])
def test_help_and_version_import_no_search_engine(args):
    modules = imported_modules("-m", "searchapp.cli", *args)
    assert "click" in modules  # the report was read
    assert heavy(modules) == []


def test_a_command_still_brings_its_engine_with_it():
    assert {"searchapp.cli.commands", "whoosh"} <= imported_modules("-m", "searchapp.cli", "search", "--help")


def test_an_index_run_imports_the_indexer_but_not_the_search_side(tmp_path):
    modules = imported_modules("-m", "searchapp.cli", "index", "--quiet", "--index", str(tmp_path / "index"),
                               *map(str, SEED_FILES[:3]))
    assert {"searchapp.cli.index_command", "searchapp.indexing.run", "whoosh"} <= modules
    assert sorted(m for m in modules if m == "searchapp.cli.commands" or m == "searchapp.exports"
                  or m.startswith(("searchapp.search.", "searchapp.cli.output"))) == []


def test_reading_the_settings_imports_no_language_library():
    modules = imported_modules("-c", "import searchapp.config")
    assert "searchapp.config" in modules
    assert [m for m in modules if m.split(".")[0] in ("nltk", "lemminflect")] == []


def test_every_command_is_listed_with_its_short_help():
    from searchapp.cli.commands import COMMANDS

    assert sorted(SHORT_HELP) == sorted(COMMANDS) == cli.list_commands(None)
    assert cli.get_command(None, "kwic").short_help == "Concordance: each occurrence in its context."
    assert cli.get_command(None, "nosuch") is None


def test_the_written_out_stemmer_languages_are_nltks():
    assert STEMMER_LANGUAGES == SnowballStemmer.languages


def test_the_default_analysis_is_the_one_analysis_for_checks():
    checked = analysis_for(AnalysisSettings())
    assert DEFAULT_ANALYSIS == checked
    words = ("rights", "defenders", "detaining", "nationalities", "women", "shall")
    assert [DEFAULT_ANALYSIS.stem(w) for w in words] == [checked.stem(w) for w in words] == [
        "right", "defender", "detain", "nationality", "woman", "shall"]
