"""The `searchapp` command: index, search, show, cite, timeline, kwic, diff, cites, similar, history,
info, serve.

Exit codes: 0 success (also for zero hits), 1 bad usage or bad query, 2 no index yet,
3 another indexer is running; 4 when indexing skipped some files (the rest was indexed).
Messages go to stderr without a traceback.

The commands live in cli/commands.py (`index` in cli/index_command.py), imported only when one is
run or its --help is asked for:
they bring the search engine, Whoosh, NumPy, NLTK and LemmInflect (a second or more), which
`searchapp --help` and `searchapp --version` do not need.
"""

from __future__ import annotations

import sys

import click

from searchapp.exceptions import SearchAppError

# The command list of `searchapp --help` (sorted by name, as click lists); click would cut each docstring at its
# first full stop ("Print one resolution (e.g.") or at 45 characters.
SHORT_HELP = {
    "index": "Index files or folders (default: the data folder).",
    "search": "Search paragraphs, with filters and facets.",
    "show": "Print one resolution with all its paragraphs.",
    "cite": "A reference of one resolution (RIS, BibTeX, CSL-JSON).",
    "timeline": "Paragraphs and mentions per year, by body.",
    "kwic": "Concordance: each occurrence in its context.",
    "diff": "What changed against another text of the series.",
    "cites": "What a resolution cites and what cites it.",
    "similar": "Agreed language: paragraphs worded like a text.",
    "history": "One paragraph through every text of its series.",
    "info": "Settings file and index used, build date, counts.",
    "serve": "Serve the web UI and JSON API.",
}


class CommandGroup(click.Group):
    """The `searchapp` group: lists SHORT_HELP's commands without importing them (click's own
    list would load every command to read its help) and loads cli/commands.py at the first
    command named (cli/index_command.py alone for `index`)."""

    def list_commands(self, ctx: click.Context | None) -> list[str]:
        return sorted(SHORT_HELP)

    def get_command(self, ctx: click.Context | None, cmd_name: str) -> click.Command | None:
        if cmd_name not in SHORT_HELP:
            return None
        if cmd_name == "index":  # the indexer alone: not the search side nor its printers
            from searchapp.cli.index_command import index as command
        else:
            from searchapp.cli.commands import COMMANDS

            command = COMMANDS[cmd_name]
        command.short_help = SHORT_HELP[cmd_name]
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, SHORT_HELP[name]) for name in self.list_commands(ctx)])


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="searchapp", message="%(prog)s %(version)s\n"
                      "(`searchapp info` names the settings file and index used, its build date and counts)")
def cli():
    """Search United Nations resolutions paragraph by paragraph."""


def main(argv=None) -> None:
    try:
        cli.main(args=argv, prog_name="searchapp", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        exc.show()
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(1)
    except SearchAppError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)
