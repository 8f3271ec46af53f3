"""Row shapes of the CSV exports, shared by the CLI and the web (one definition of each column list)."""

from __future__ import annotations

from searchapp.search.results import Hit, KwicLine

KWIC_CSV_COLUMNS = ("symbol", "year", "body", "paragraph", "left", "keyword", "right")
CSV_COLUMNS = ("symbol", "body", "year", "session", "document_type", "language", "paragraph_type",
               "paragraph_number", "mentions", "text")


def csv_row(hit: Hit) -> list:
    """One search hit as a CSV row in CSV_COLUMNS order."""
    return [hit.symbol, hit.body, hit.year or "", hit.session or "", hit.document_type, hit.language,
            hit.paragraph_type, hit.paragraph_number, hit.mentions, hit.text]


def kwic_csv_row(line: KwicLine) -> list:
    """One concordance line as a CSV row in KWIC_CSV_COLUMNS order."""
    return [line.symbol, line.year or "", line.body, line.anchor, line.left, line.keyword, line.right]
