"""From a document to a citation: official links, Highwire meta tags, RIS, BibTeX and CSL-JSON.

Every function takes a `Reference` (plain data built from a DocumentView or a search Hit) and
returns text or plain data; nothing here reads the index. Sources of the formats:
- official document: https://undocs.org/<symbol> (the UN's resolver; "A/RES/78/1" stays as is),
- UN Digital Library search: https://digitallibrary.un.org/search?ln=en&p=<symbol>,
- Highwire Press meta tags (read by Zotero's "Embedded Metadata" translator, Google Scholar):
  citation_technical_report_number carries the symbol, citation_technical_report_institution
  the body, so Zotero files a resolution as a report numbered "A/RES/78/1",
- RIS (RefMan tags, type GOVDOC), BibTeX (@techreport), CSL-JSON (type "report").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

UNDOCS = "https://undocs.org/"
DIGITAL_LIBRARY = "https://digitallibrary.un.org/search?ln=en&p="
PUBLISHER = "United Nations"


@dataclass(frozen=True)
class Reference:
    """What a citation needs of one document. `date`: ISO "2023-12-19" or None; `page_url`: this
    application's page of the document (absolute when `server.public_url` is set, else a path)."""

    symbol: str
    title: str
    body: str
    date: str | None
    year: int | None
    session: int | None
    document_type: str
    page_url: str
    has_symbol: bool = True
    language: str = "en"

    @property
    def official_url(self) -> str | None:
        return official_url(self.symbol) if self.has_symbol else None

    @property
    def library_url(self) -> str | None:
        return library_url(self.symbol) if self.has_symbol else None

    @property
    def author(self) -> str:
        """The corporate author as library catalogues give it: "United Nations General Assembly"."""
        return f"{PUBLISHER} {self.body}" if self.body else PUBLISHER


def has_un_symbol(symbol: str) -> bool:
    """False for the stand-in key of a draft that prints no symbol: "no symbol (file 18-04038)"."""
    return not symbol.startswith("no symbol (")


def official_url(symbol: str) -> str | None:
    """https://undocs.org/A/RES/78/1; None for a text without a UN symbol."""
    return UNDOCS + quote(symbol, safe="/") if has_un_symbol(symbol) else None


def library_url(symbol: str) -> str | None:
    """The UN Digital Library's search for the symbol (its record, other languages, voting record)."""
    return DIGITAL_LIBRARY + quote_plus(symbol) if has_un_symbol(symbol) else None


def document_path(symbol: str, anchor: str = "") -> str:
    """This application's page of a document (web/urls.py document_url without a query):
    "/documents/A/RES/78/1#op6"."""
    return "/documents/" + quote(symbol, safe="/") + (f"#{anchor}" if anchor else "")


def absolute(public_url: str, path: str) -> str:
    """`path` ("/documents/A/RES/78/1#op6") under `server.public_url`; the path itself when unset."""
    return public_url.rstrip("/") + path if public_url else path


def _date_parts(reference: Reference) -> list[int] | None:
    if reference.date:
        return [int(part) for part in reference.date.split("-")]
    return [reference.year] if reference.year else None


def highwire_tags(reference: Reference) -> list[tuple[str, str]]:
    """(name, content) pairs for <meta name=... content=...> on the document page."""
    tags = [("citation_title", reference.title or reference.symbol), ("citation_author", reference.author),
            ("citation_publisher", PUBLISHER),
            ("citation_technical_report_institution", reference.author)]
    if reference.date:
        tags.append(("citation_publication_date", reference.date.replace("-", "/")))
        tags.append(("citation_date", reference.date.replace("-", "/")))
    elif reference.year:
        tags.append(("citation_publication_date", str(reference.year)))
    if reference.has_symbol:
        tags.append(("citation_technical_report_number", reference.symbol))
    tags.append(("citation_language", reference.language))
    if reference.page_url.startswith("http"):
        tags.append(("citation_public_url", reference.page_url))
    if reference.official_url:
        tags.append(("citation_fulltext_html_url", reference.official_url))
    return tags


def to_ris(references) -> str:
    """RIS records, one per reference, each ending "ER  - "; lines end CRLF as the format says."""
    lines: list[str] = []
    for ref in references:
        lines += ["TY  - GOVDOC", f"TI  - {_one_line(ref.title or ref.symbol)}", f"AU  - {ref.author}",
                  f"PB  - {PUBLISHER}"]
        if ref.year:
            lines.append(f"PY  - {ref.year}")
        if ref.date:
            lines.append(f"DA  - {ref.date.replace('-', '/')}")
        if ref.has_symbol:
            lines.append(f"M1  - {ref.symbol}")
        lines.append(f"M3  - {ref.document_type}")
        if ref.session:
            lines.append(f"VL  - session {ref.session}")
        lines.append(f"LA  - {ref.language}")
        lines += [f"UR  - {url}" for url in (ref.official_url, ref.page_url) if url and url.startswith("http")]
        lines += ["ER  - ", ""]
    return "\r\n".join(lines)


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_text(text: str) -> str:
    """Characters BibTeX/LaTeX read as commands escaped: "Rights & Duties" -> "Rights \\& Duties"."""
    def escape(match: re.Match) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)
    return _BIBTEX_SPECIAL.sub(escape, _one_line(text))


def bibtex_key(symbol: str) -> str:
    """"A/RES/78/1" -> "A_RES_78_1" (a key may hold letters, digits, _ - : . only)."""
    return re.sub(r"[^A-Za-z0-9:.-]+", "_", symbol).strip("_") or "document"


def to_bibtex(references) -> str:
    """@techreport entries; the corporate author and institution in double braces so that
    BibTeX does not read "United Nations General Assembly" as a person's name."""
    entries = []
    for ref in references:
        fields = [("title", "{" + _bibtex_text(ref.title or ref.symbol) + "}"),
                  ("author", "{" + _bibtex_text(ref.author) + "}"),
                  ("institution", "{" + _bibtex_text(ref.author) + "}"),
                  ("type", _bibtex_text(ref.document_type.capitalize()))]
        if ref.has_symbol:
            fields.append(("number", _bibtex_text(ref.symbol)))
        if ref.year:
            fields.append(("year", str(ref.year)))
        if ref.date:
            fields.append(("date", ref.date))
        if ref.official_url:
            fields.append(("url", ref.official_url))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@techreport{{{bibtex_key(ref.symbol)},\n{body}\n}}\n")
    return "\n".join(entries)


def to_csl_json(references) -> list[dict]:
    """CSL-JSON items (the format Zotero, Pandoc and citeproc read)."""
    items = []
    for ref in references:
        item = {"id": ref.symbol, "type": "report", "title": ref.title or ref.symbol,
                "author": [{"literal": ref.author}], "publisher": PUBLISHER, "genre": ref.document_type,
                "language": ref.language}
        if ref.has_symbol:
            item["number"] = ref.symbol
        parts = _date_parts(ref)
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if ref.official_url:
            item["URL"] = ref.official_url
        items.append(item)
    return items


def _one_line(text: str) -> str:
    return " ".join(text.split())
