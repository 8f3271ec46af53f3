"""The README documents every command, option and setting, and starts with the two commands."""

import re
from pathlib import Path

import click
import pytest

from searchapp.cli import cli
from searchapp.config import KNOWN_KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"```\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert first_block == ["bash scripts/run.sh", "bash scripts/test.sh"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in ci


@pytest.mark.parametrize("name", cli.list_commands(None))
def test_every_command_and_option_is_in_the_readme(name):
    command = cli.get_command(None, name)
    assert f"searchapp {name}" in README
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), f"{name}: {param.opts} not documented"
    assert command.help, f"{name} has no help text"


@pytest.mark.parametrize("section, key", [(s, k) for s, keys in KNOWN_KEYS.items() for k in sorted(keys)])
def test_every_setting_is_documented(section, key):
    assert f"`{section}.{key}`" in README
