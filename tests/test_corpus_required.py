"""Tests that need ../shared/corpus fail loudly in CI when it is missing (a CI run that skipped
them would prove nothing about the corpus); on a developer's machine they skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

TESTS = Path(__file__).resolve().parent


def run_without_corpus(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    """pytest over a checkout with this conftest and one corpus test, with no ../shared beside it."""
    checkout = tmp_path / "checkout"
    (checkout / "tests").mkdir(parents=True)
    shutil.copy(TESTS / "conftest.py", checkout / "tests" / "conftest.py")
    # The markers conftest applies, registered as pyproject.toml does (else: an unknown-mark warning).
    (checkout / "pytest.ini").write_text("[pytest]\nmarkers =\n    slow: slow\n    browser: browser\n",
                                         encoding="utf-8")
    (checkout / "tests" / "test_needs_corpus.py").write_text(
        "from conftest import require_corpus\n\n\n"
        "def test_reads_the_corpus():\n    assert require_corpus().is_dir()\n\n\n"
        "def test_by_fixture(shared_corpus):\n    assert shared_corpus.is_dir()\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                           str(checkout / "tests")], capture_output=True, text=True, cwd=checkout, env=env,
                          timeout=300, check=False)


def test_in_ci_a_missing_corpus_fails_naming_its_path(tmp_path):
    result = run_without_corpus(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 error" in result.stdout  # the fixture fails as an error
    assert f"the shared corpus is not beside the checkout ({tmp_path / 'shared' / 'corpus'})" in result.stdout


def test_outside_ci_a_missing_corpus_skips(tmp_path):
    result = run_without_corpus(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout
    assert "2 skipped" in result.stdout and "shared corpus is not beside the checkout" in result.stdout
