"""Row shapes of the exports, shared by the CLI and the web (one definition of each column list).

`base` is `server.public_url` ("https://resolutions.example.org", or "" for paths): anchor
URLs are this application's page of the paragraph, official URLs the UN's (undocs.org)."""

from __future__ import annotations

from searchapp.research.references import Reference, absolute, document_path, library_url, official_url
from searchapp.search.results import Hit, KwicLine

KWIC_CSV_COLUMNS = ("symbol", "year", "body", "paragraph", "left", "keyword", "right")
CSV_COLUMNS = ("symbol", "title", "body", "date", "year", "session", "document_type", "language",
               "paragraph_type", "paragraph_number", "anchor_url", "official_url", "mentions", "text")


def anchor_url(hit: Hit, base: str = "") -> str:
    return absolute(base, document_path(hit.symbol, hit.anchor))


def csv_row(hit: Hit, base: str = "") -> list:
    """One search hit as a CSV row in CSV_COLUMNS order."""
    return [hit.symbol, hit.title, hit.body, hit.date or "", hit.year or "", hit.session or "",
            hit.document_type, hit.language, hit.paragraph_type, hit.paragraph_number,
            anchor_url(hit, base), official_url(hit.symbol) or "", hit.mentions, hit.text]


def json_row(hit: Hit, base: str = "") -> dict:
    """One search hit in the JSON export."""
    return {"symbol": hit.symbol, "title": hit.title, "body": hit.body, "date": hit.date, "year": hit.year,
            "session": hit.session, "document_type": hit.document_type, "language": hit.language,
            "paragraph_type": hit.paragraph_type, "paragraph_number": hit.paragraph_number,
            "anchor_url": anchor_url(hit, base), "official_url": official_url(hit.symbol),
            "library_url": library_url(hit.symbol), "mentions": hit.mentions, "text": hit.text}


def kwic_csv_row(line: KwicLine) -> list:
    """One concordance line as a CSV row in KWIC_CSV_COLUMNS order."""
    return [line.symbol, line.year or "", line.body, line.anchor, line.left, line.keyword, line.right]


def reference_of(view, base: str = "") -> Reference:
    """A Reference of a DocumentView or a Hit (both carry symbol, title, body, date, year,
    session, document_type, language)."""
    return Reference(symbol=view.symbol, title=view.title, body=view.body, date=view.date, year=view.year,
                     session=view.session, document_type=view.document_type,
                     page_url=absolute(base, document_path(view.symbol)),
                     has_symbol=getattr(view, "has_symbol", True) and official_url(view.symbol) is not None,
                     language=view.language)


def document_references(hits, base: str = "") -> list[Reference]:
    """One Reference per document among `hits`, in the order their first hit comes."""
    seen: dict[str, Reference] = {}
    for hit in hits:
        if hit.symbol not in seen:
            seen[hit.symbol] = reference_of(hit, base)
    return list(seen.values())
