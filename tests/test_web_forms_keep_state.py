"""Every form of the search page carries the page's parameters it does not change (brief V, 1f):
a form submitted as a browser submits it, without touching a control, asks for the same search:
query, filters, sort, page size and the chart's scale (`scale=per1000` was lost by the sort form).
Read over HTTP (the Flask test client over the seed index); the forms are parsed from the HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

# Defaults a URL leaves out and a control may send: the same search either way.
DEFAULTS = {("sort", "relevance"), ("scale", "count"), ("per_page", "20")}


class Forms(HTMLParser):
    """Each form's action and what a browser would send for it untouched: hidden fields, filled
    inputs, ticked boxes and each select's chosen option."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "class": a.get("class") or a.get("id"), "sent": []})
        elif not self.forms or "name" not in a:
            if tag == "option" and self._select:
                self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "input" and (a.get("type") not in ("checkbox", "radio") or "checked" in a):
            self.forms[-1]["sent"].append((a["name"], a.get("value") or ""))
        elif tag == "textarea":
            self.forms[-1]["sent"].append((a["name"], ""))
        elif tag == "select":
            self._select, self._options = a["name"], []

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            chosen = [v for v, selected in self._options if selected] or [v for v, _ in self._options[:1]]
            self.forms[-1]["sent"].extend((self._select, v) for v in chosen)
            self._select = None


def search_of(pairs) -> set[tuple[str, str]]:
    """The search a list of parameters asks for: empty values, defaults and the page number left out."""
    return {(k, v) for k, v in pairs if v and (k, v) not in DEFAULTS and k != "page"}


def forms_of(client, url: str, status: int = 200) -> list[dict]:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    parser = Forms()
    parser.feed(response.get_data(as_text=True))
    return parser.forms


SEARCHES = [
    "/?q=impunity&scale=per1000&sort=newest&per_page=5&body=General+Assembly",
    "/?q=defenders&scale=per1000&type=operative&year_from=2003&page=2&per_page=5",
    "/?q=impunity&cites=A%2FRES%2F53%2F144&scale=per1000",
]


@pytest.mark.parametrize("url", SEARCHES)
def test_every_form_of_the_search_page_asks_for_the_same_search_untouched(client, url):
    forms = [f for f in forms_of(client, url) if f["action"] == "/"]
    assert {f["class"] for f in forms} >= {"searchbox", "filters", "sort"}
    wanted = search_of(parse_qsl(urlsplit(url).query))
    for form in forms:
        assert search_of(form["sent"]) == wanted, form["class"]


def test_changing_the_sort_keeps_the_chart_per_thousand(client):
    sort = next(f for f in forms_of(client, "/?q=impunity&scale=per1000") if f["class"] == "sort")
    sent = dict(sort["sent"]) | {"sort": "newest"}
    page = client.get("/", query_string=sent).get_data(as_text=True)
    assert 'aria-current="true">Per 1,000 paragraphs</a>' in page


def test_a_refused_query_keeps_the_filters_page_size_and_scale_in_the_search_box(client):
    url = '/?q=%22human+rights&scale=per1000&per_page=5&body=General+Assembly'
    box = next(f for f in forms_of(client, url, status=400) if f["class"] == "searchbox")
    assert search_of(box["sent"]) == {("q", '"human rights'), ("scale", "per1000"), ("per_page", "5"),
                                      ("body", "General Assembly")}


def test_a_did_you_mean_correction_keeps_the_filters_it_was_found_with(client):
    """'impunty' has no hit; 'impunity' is offered because it finds paragraphs of the General
    Assembly (A/RES/64/163 prints it three times): its link keeps body and page size."""
    page = client.get("/?q=impunty&body=GA&per_page=5").get_data(as_text=True)
    assert '<p class="didyoumean">Did you mean <a href="/?q=impunity&amp;body=General+Assembly&amp;per_page=5">' \
           'impunity</a>?</p>' in page


def test_the_concordance_forms_keep_its_page_size_order_and_width(client):
    """The options form sets order and width and keeps the rest; the search box keeps them all."""
    url = "/kwic?q=impunity&body=GA&per_page=5&order=left&width=40"
    forms = {f["class"]: f for f in forms_of(client, url) if f["action"] == "/kwic"}
    wanted = {("q", "impunity"), ("body", "General Assembly"), ("per_page", "5"), ("order", "left"), ("width", "40")}
    assert search_of(forms["kwic-options"]["sent"]) == wanted
    assert search_of(forms["searchbox"]["sent"]) == wanted
    default = {f["class"]: f for f in forms_of(client, "/kwic?q=impunity") if f["action"] == "/kwic"}
    assert search_of(default["kwic-options"]["sent"]) == {("q", "impunity"), ("order", "document"), ("width", "60")}
    assert search_of(default["searchbox"]["sent"]) == {("q", "impunity")}  # no per_page=100 added


class Links(HTMLParser):
    """Every <a href> of a page that asks the search page ("/?...") for another search."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (the link's class or rel, href)
        self._switch = False  # inside the chart's own scale switch (nav.chart-scale)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        href = a.get("href") or ""
        if tag == "nav":
            self._switch = a.get("class") == "chart-scale"
        elif tag == "a" and href.startswith("/?"):
            self.links.append(("scale-switch" if self._switch else a.get("class") or a.get("rel") or "", href))

    def handle_endtag(self, tag):
        if tag == "nav":
            self._switch = False


def search_links(client, url: str) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(client.get(url).get_data(as_text=True))
    return parser.links


def test_every_link_to_another_search_keeps_the_chart_per_thousand(client):
    """Removing a filter, clearing them, paging, a year bar, a did-you-mean correction: the chart
    stays per 1,000 paragraphs (they dropped `scale=per1000` before)."""
    pages = ["/?q=defenders&scale=per1000&per_page=2&body=General+Assembly&type=operative",
             "/?q=defenders&scale=per1000&per_page=2&page=2", "/?q=impunty&scale=per1000&body=GA"]
    links = [link for url in pages for link in search_links(client, url)]
    kinds = {kind for kind, _ in links}
    assert {"chip", "clear", "next", "prev", "year-bar"} <= kinds
    assert any("q=impunity" in href for _, href in links)  # the correction of "impunty"
    # The chart's own switch to counts is the one link that leaves the scale (the two pages with hits).
    dropped = [(kind, href) for kind, href in links if ("scale", "per1000") not in parse_qsl(urlsplit(href).query)]
    assert [kind for kind, _ in dropped] == ["scale-switch"] * 2
