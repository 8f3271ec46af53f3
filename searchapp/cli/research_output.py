"""Plain-text printing of the agreed-language finder and of a clause history (`searchapp similar`,
`searchapp history`); word differences as `searchapp diff` prints them: [-deleted-] {+inserted+}."""

from __future__ import annotations

import click

from searchapp.research.history import ABSENT, FIRST, UNCHANGED, ClauseHistory
from searchapp.research.worddiff import DELETE, INSERT, Segment
from searchapp.search.finder import SimilarResult
from searchapp.search.results import filters_json

WORDING_NOTE = ("(\"wording 87% the same\": the mean of two shares of the paragraphs' words, numbers and small "
                "words such as \"the\" and \"of\" aside: the words kept in the same order, and the shorter "
                "one's words found in the other)")


def marked(diff: list[Segment]) -> str:
    return " ".join(f"[-{text}-]" if op == DELETE else f"{{+{text}+}}" if op == INSERT else text
                    for op, text in diff)


def print_similar(result: SimilarResult) -> None:
    """A heading naming what was looked for, then each paragraph found: where, similarity, and
    its words against the given text ([-words of the given text it lacks-] {+its own words+})."""
    if result.source:
        p = result.source.paragraph
        what = f"{result.source.symbol} {p.anchor} ({result.source.year or 'undated'})"
    else:
        what = "the text given"
    scope = ", documents adopted before it" if result.earlier else ""
    filters = "".join(f", {name} {_value(value)}" for name, value in filters_json(result.request).items())
    click.echo(f"Paragraphs worded like {what}{scope}{filters}: {len(result.results)} listed, "
               f"{result.candidates} compared")
    if result.results:
        click.echo(WORDING_NOTE)
    else:
        click.echo("No paragraph of another document is worded like it (wording 30% the same or more).")
    for rank, found in enumerate(result.results, 1):
        click.echo(f"\n{rank}. {found.symbol} {found.anchor} ({found.date or found.year or 'undated'}, "
                   f"{found.body}): {found.wording}" + (" [same series]" if found.in_series else ""))
        click.echo(f"   {marked(found.diff)}")


def _value(value) -> str:
    """A filter's JSON value as read: ["General Assembly"] -> "General Assembly", a year range
    {"from": 2000, "to": null} -> "2000-"."""
    if isinstance(value, dict):
        return f"{value.get('from') or ''}-{value.get('to') or ''}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def print_history(history: ClauseHistory) -> None:
    """One block per text of the series, oldest first: the version and its changes, or absent."""
    present = history.present
    click.echo(f"{history.symbol} {history.anchor} through its series"
               + (f" \u201c{history.series_title}\u201d" if history.series_title else " (in no series)")
               + f": in {len(present)} of {len(history.steps)} texts")
    if history.absent_years:
        click.echo("Absent in: " + ", ".join(map(str, history.absent_years)))
    if history.drafts_left_out:
        click.echo(f"Drafts left out: {', '.join(history.drafts_left_out)} (a draft is the text before its "
                   "adoption, mostly in the same words: each change would show twice; --drafts follows them too)")
    elif history.drafts_included:
        click.echo("Drafts included (--drafts)")
    for step in history.steps:
        where = f"{step.symbol} ({step.date or step.year or 'undated'})"
        if step.status == ABSENT:
            click.echo(f"\n{where}: absent")
            continue
        p = step.paragraph
        assert p is not None
        chosen = " [this paragraph]" if step.chosen else ""
        again = ", again after texts without it" if step.after_gap else ""
        wording = f", {step.wording} as the version before" if step.wording and step.status != UNCHANGED else ""
        click.echo(f"\n{where} {p.anchor}: {step.status}{wording}{again}{chosen}")
        if step.status == FIRST:
            click.echo(f"   {p.text}")
        else:
            click.echo(f"   {marked(step.diff)}")
