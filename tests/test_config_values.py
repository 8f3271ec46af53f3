"""config.toml values a researcher may mistype: each is one clear message naming the key (exit 1,
and the server refuses to start), never a traceback and never a limit that breaks every search."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import free_port

EXE = [sys.executable, "-m", "searchapp.cli"]

BAD_VALUES = {
    # section, key, TOML value -> the range the message states
    "non-numeric page size": ("limits", "max_per_page", '"many"', "from 20 to 100,000"),
    "page size zero": ("limits", "max_per_page", "0", "from 20 to 100,000"),
    "page size below the default page": ("limits", "max_per_page", "5", "from 20 to 100,000"),
    "negative query length": ("limits", "max_query_length", "-1", "from 1 to 1,000,000"),
    "fractional expansions": ("limits", "max_expansions", "2.5", "from 1 to 10,000,000"),
    "export limit true": ("limits", "max_export", "true", "from 1 to 1,000,000,000"),
    "page limit zero": ("limits", "max_page", "0", "from 1 to 10,000,000"),
    "port out of range": ("server", "port", "70000", "from 1 to 65,535"),
    "threads zero": ("server", "threads", "0", "from 1 to 1,000"),
    "threads as words": ("server", "threads", '"eight"', "from 1 to 1,000"),
    "negative workers": ("server", "workers", "-2", "from 0 to 256"),
    "unknown stemmer": ("analysis", "stemmer", '"klingon"', "must be one of arabic, danish"),
    "stemmer a number": ("analysis", "stemmer", "3", "must be a non-empty text in quotes"),
    "index folder a number": ("paths", "index_dir", "7", "must be a non-empty text in quotes"),
}


def bad_config(tmp_path: Path, section: str, key: str, value: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"[{section}]\n{key} = {value}\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_bad_value_is_one_message_naming_the_key(tmp_path, case):
    section, key, value, expected = BAD_VALUES[case]
    config = bad_config(tmp_path, section, key, value)
    result = subprocess.run([*EXE, "search", "rights", "--config", str(config)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert f"[{section}] {key} " in result.stderr and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.slow
@pytest.mark.parametrize("case", ["page size zero", "port out of range", "non-numeric page size"])
def test_the_server_refuses_to_start_with_a_bad_value(tmp_path, case):
    section, key, value, expected = BAD_VALUES[case]
    config = bad_config(tmp_path, section, key, value)
    result = subprocess.run([*EXE, "serve", "--config", str(config), "--port", str(free_port())],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and f"[{section}] {key} " in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr and "Serving" not in result.stderr


@pytest.mark.slow
def test_a_section_written_as_a_value_names_the_section(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("limits = 3\n", encoding="utf-8")
    result = subprocess.run([*EXE, "search", "rights", "--config", str(config)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 1 and "limits must be a section" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_good_values_still_load_including_a_port_in_quotes(tmp_path):
    from searchapp.config import load_settings

    config = tmp_path / "config.toml"
    config.write_text('[server]\nport = "8090"\nthreads = 4\n[limits]\nmax_per_page = 20\n[analysis]\n'
                      'stemmer = "french"\n', encoding="utf-8")
    settings = load_settings(config)
    assert (settings.port, settings.threads, settings.limits.max_per_page, settings.stemmer) == \
        (8090, 4, 20, "french")
