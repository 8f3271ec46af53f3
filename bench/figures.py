"""Printing a benchmark's figures: shares ("1,273/1,329 (95.8%)"), one line per group or engine,
and the machine's load beside a timing (bench/similar.py, bench/titles.py)."""

from __future__ import annotations

import os


def share(part: int, whole: int) -> str:
    """"1,273/1,329 (95.8%)"; "0/0" when there is nothing to count."""
    return f"{part:,}/{whole:,} ({100 * part / whole:.1f}%)" if whole else "0/0"


def figure_line(label: str, counts: list[tuple[str, int]], whole: int, tail: str = "") -> str:
    """"label: name part/whole (p%), name part/whole (p%)tail": each count as a share of `whole`."""
    return f"{label}: " + ", ".join(f"{name} {share(part, whole)}" for name, part in counts) + tail


def print_figures(rows: list[tuple[str, list[tuple[str, int]], int, str]]) -> None:
    """One figure_line per (label, counts, whole, tail), labels aligned."""
    width = max((len(label) for label, *_ in rows), default=0)
    for label, counts, whole, tail in rows:
        print(figure_line(label.rjust(width), counts, whole, tail))


def machine_load() -> str:
    """"load average 0.62 (1 min), 1.27 (5 min) on 2 cores": what else ran beside a timing."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"
