"""The document page's paragraph rows, written in Python rather than in a template loop.

A document page is about 12% of the load test's CPU, and most of a page's time was Jinja's loop
over its paragraphs: a macro call per paragraph for the history/similar links and another for
its footnote marks, an escape per field, and five passes of `selectattr` over the paragraphs
to count and split them by part. The markup is the same the loop and the macros of
_paragraph.html wrote (tests/test_web_document_rows.py renders both and compares).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from searchapp.search.results import ParagraphView
from searchapp.web import urls

PARTS = ("resolution", "annex", "footnote")


def paragraph_parts(paragraphs: list[ParagraphView]) -> dict[str, list[ParagraphView]]:
    """The paragraphs by part ("resolution", "annex", "footnote"), each in printed order."""
    parts: dict[str, list[ParagraphView]] = {part: [] for part in PARTS}
    for paragraph in paragraphs:
        parts[paragraph.part].append(paragraph)
    return parts


def resolution_rows(symbol: str, paragraphs: list[ParagraphView]) -> Markup:
    """The <li> of each paragraph of the resolution proper (preambular and operative): its anchor
    link, history and similar links, highlighted text and footnote marks."""
    return Markup("".join(_row(symbol, p) for p in paragraphs))


def _row(symbol: str, paragraph: ParagraphView) -> str:
    anchor, where = escape(paragraph.anchor), escape(paragraph.where)
    return (f'\n    <li id="{anchor}" class="paragraph {escape(paragraph.kind)}">'
            f'\n      <a class="where" href="#{anchor}">{where}</a>{research_links(symbol, paragraph.anchor, where)}'
            f'\n      <p>{paragraph.highlight}{footnote_links(paragraph.footnotes)}</p>\n    </li>\n    ')


def research_links(symbol: str, anchor: str, where: str) -> str:
    """_paragraph.html's `research_links` macro: a paragraph's history and similar links
    (`where` already escaped)."""
    return (f'<span class="history-link"><a href="{escape(urls.history_url(symbol, anchor))}" '
            f'aria-label="History of {where} through the series">history</a> · '
            f'<a href="{escape(urls.similar_url(symbol, anchor))}" aria-label="Paragraphs worded like {where}">'
            'similar</a></span>')


def footnote_links(footnotes: tuple) -> str:
    """document.html's `footnote_links` macro: the paragraph's footnote marks ("1,2" linked)."""
    if not footnotes:
        return ""
    return ('<sup class="footnote-refs">' + ",".join(
        f'<a href="#fn{escape(n)}" aria-label="footnote {escape(n)}">{escape(n)}</a>' for n in footnotes) + "</sup>")
