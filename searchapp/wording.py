"""Counted nouns as a researcher reads them: "1 document", "3 documents" (CLI, web pages, export
comment rows)."""

from __future__ import annotations


def noun(count: int, singular: str, plural: str | None = None) -> str:
    """`singular` for a count of exactly 1, else `plural` (default: `singular` + "s")."""
    return singular if count == 1 else (plural or singular + "s")


def totals(paragraphs: int, documents: int, mentions: int, number=str) -> str:
    """A search's totals: "3 paragraphs in 1 document, 4 mentions"; `number` writes each count
    (str, or "{:,}".format for thousands separators)."""
    return (f"{number(paragraphs)} {noun(paragraphs, 'paragraph')} in {number(documents)} "
            f"{noun(documents, 'document')}, {number(mentions)} {noun(mentions, 'mention')}")
