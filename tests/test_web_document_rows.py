"""The document page's paragraph rows (web/document_rows.py) are written in Python for speed;
they must be exactly what document.html's loop wrote with _paragraph.html's research_links macro
(rendered here through the app's own templates, so a change to that macro shows up here),
escaping and footnote marks included."""

from __future__ import annotations

from searchapp.search.results import ParagraphView
from searchapp.web import create_app, urls
from searchapp.web.document_rows import paragraph_parts, resolution_rows

# The loop document.html held before resolution_rows, verbatim (between <ol class="paragraphs"> and </ol>),
# with the footnote_links macro it defined.
TEMPLATE_LOOP = (
    """{% macro footnote_links(p) %}{% if p.footnotes %}<sup class="footnote-refs">{% for n in p.footnotes %}"""
    """<a href="#fn{{ n }}" aria-label="footnote {{ n }}">{{ n }}</a>{% if not loop.last %},{% endif %}{% endfor %}"""
    """</sup>{% endif %}{% endmacro %}"""
    """{% from "_paragraph.html" import research_links with context %}"""
    """{% for p in document.paragraphs if p.part == "resolution" %}
    <li id="{{ p.anchor }}" class="paragraph {{ p.kind }}">
      <a class="where" href="#{{ p.anchor }}">{{ p.where }}</a>{{ research_links(document.symbol, p.anchor, p.where) }}
      <p>{{ p.highlight|safe }}{{ footnote_links(p) }}</p>
    </li>
    {% endfor %}""")


def template_loop(settings, document) -> str:
    app = create_app(settings)
    with app.app_context():
        return app.jinja_env.from_string(TEMPLATE_LOOP).render(document=document, urls=urls)


def test_rows_are_the_template_loop_markup_for_every_seed_document_with_a_query(seed_settings, seed_service):
    pages = [seed_service.document_page(symbol, "human rights") for symbol in seed_service.symbols()]
    assert sum(len(page.document.paragraphs) for page in pages) > 50
    assert any("<mark>" in p.highlight for page in pages for p in page.document.paragraphs)
    for page in pages:
        document = page.document
        parts = paragraph_parts(document.paragraphs)
        assert str(resolution_rows(document.symbol, parts["resolution"])) == template_loop(seed_settings, document)


def test_rows_escape_every_field_and_link_each_footnote(seed_settings):
    class Document:
        symbol = 'A/RES/1 "&" <2>'
        paragraphs = [
            ParagraphView(kind="operative", number=3, anchor='op3"<x>', position=1, opening="", text="",
                          highlight="Calls upon <mark>States</mark> &amp; others", footnotes=(1, 12)),
            ParagraphView(kind="preambular", number=1, anchor="pp1", position=0, opening="", text="",
                          highlight="Recalling"),
            ParagraphView(kind="annex", number=1, anchor="annex-p1", position=2, opening="", text="",
                          highlight="Annexed", part="annex"),
        ]
    parts = paragraph_parts(Document.paragraphs)
    assert [len(parts[part]) for part in ("resolution", "annex", "footnote")] == [2, 1, 0]
    written = str(resolution_rows(Document.symbol, parts["resolution"]))
    assert written == template_loop(seed_settings, Document)
    assert 'id="op3&#34;&lt;x&gt;"' in written and "<mark>States</mark>" in written
    assert '<a href="#fn12" aria-label="footnote 12">12</a>' in written and "Annexed" not in written
