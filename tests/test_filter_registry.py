"""One filter registry (issue 13 §3): every layer reads search/filters.py, so a filter can no
longer be missed by one of them, and a new facet is one entry."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from searchapp.models import BODIES
from searchapp.search import filters
from searchapp.search.filter_base import Parameter
from searchapp.search.filter_kinds import DocumentFieldFilter
from searchapp.search.request import SearchRequest

DECLARATION = "A/RES/53/144"  # the Declaration on human rights defenders, cited by all three seeds


class FormReader(HTMLParser):
    """What a browser submits from <form id="filters">: hidden fields, ticked boxes, filled boxes."""

    def __init__(self):
        super().__init__()
        self.inside, self.fields, self.chips = False, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == "filters"
        elif tag == "a" and "chip" in (attrs.get("class") or "").split():
            self.chips.append((attrs.get("aria-label"), attrs["href"]))
        elif tag == "input" and self.inside and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "checkbox" and "checked" not in attrs:
                return
            if attrs.get("value"):
                self.fields.append((attrs["name"], attrs["value"]))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def read_page(url: str) -> tuple[str, FormReader]:
    with urlopen(url, timeout=60) as response:
        html = response.read().decode("utf-8")
    reader = FormReader()
    reader.feed(html)
    return html, reader


def paragraphs_citing(seed_service, pattern: str) -> set[tuple[str, str]]:
    """(symbol, anchor) of every seed paragraph whose text matches `pattern`: the texts themselves."""
    found = set()
    for symbol in seed_service.symbols():
        for paragraph in seed_service.document(symbol).paragraphs:
            if re.search(pattern, paragraph.text):
                found.add((symbol, paragraph.anchor))
    return found


@pytest.mark.slow
def test_the_cites_filter_is_said_back_chipped_and_kept_by_apply_filters(server, seed_service):
    # Each seed's first paragraph recalls "resolution 53/144 of 9 December 1998"; no other does.
    expected = paragraphs_citing(seed_service, r"\b53/144\b")
    assert len(expected) == 3
    html, page = read_page(server + "/?" + urlencode({"cites": DECLARATION}))
    assert f"<strong>{len(expected)}</strong> paragraphs in <strong>3</strong> documents" in html
    assert f"Showing all paragraphs where the paragraph cites {DECLARATION}." in html
    assert "Showing all paragraphs." not in html
    assert page.chips == [(f"Remove filter Cites: {DECLARATION}", "/")]
    assert ("cites", DECLARATION) in page.fields
    # "Apply filters" submits the form: the answer is still the three citing paragraphs.
    applied, _ = read_page(server + "/?" + urlencode(page.fields))
    assert f"<strong>{len(expected)}</strong> paragraphs" in applied
    assert f"where the paragraph cites {DECLARATION}" in applied
    api = _json(server + "/api/search?" + urlencode({"cites": DECLARATION, "per_page": 100}))
    assert {(h["symbol"], h["anchor"]) for h in api["hits"]} == expected
    assert api["filters"] == {"cites": [DECLARATION]}


def _json(url: str) -> dict:
    import json

    with urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def test_a_query_field_keeps_what_the_url_filter_keeps(seed_service):
    """`body:"General Assembly"` and `?body=General+Assembly` are one mask, for every facet value."""
    every = seed_service.search(SearchRequest(per_page=1))
    for entry in filters.facets():
        if entry.query_field is None or entry.control != "checkboxes":
            continue
        for value in every.facets[entry.name].values:
            by_url = seed_service.search(
                SearchRequest(per_page=1).with_value(entry.name, entry.toggled(None, value.value)))
            by_query = seed_service.search(SearchRequest(query=f'{entry.query_field}:"{value.value}"', per_page=1))
            assert by_url.total == by_query.total == value.count, (entry.name, value.value)


def test_years_have_one_limit_in_url_cli_and_query(seed_service, client):
    assert client.get("/?year_from=1899").status_code == 400
    assert "between 1900 and 2100" in client.get("/api/search?year_to=2101").get_json()["error"]["message"]
    assert seed_service.search(SearchRequest(query="year:[2003 TO 2009]")).total == \
        seed_service.search(SearchRequest(year_from=2003, year_to=2009)).total


MEETING = DocumentFieldFilter(
    "meeting", "Meeting", Parameter("meeting", "meetings", "--meeting", "Meeting that adopted it (repeatable)."),
    field="meeting", query_field="meeting")


@pytest.fixture
def meeting_facet():
    filters.register(MEETING)
    yield MEETING
    filters.unregister("meeting")


def test_a_registered_facet_appears_in_the_api_the_form_and_the_chips(meeting_facet, client):
    # E/CN.4/RES/2002/70 ends "56th meeting"; it has 13 preambular and 11 operative paragraphs.
    api = client.get("/api/search?meeting=56th+meeting").get_json()
    assert api["total"] == 24
    assert api["filters"] == {"meeting": ["56th meeting"]}
    assert {v["value"]: v["count"] for v in api["facets"]["meeting"]} == {
        "56th meeting": 24, "57th meeting": 32, "65th plenary meeting": 30}
    html = client.get("/?meeting=56th+meeting").get_data(as_text=True)
    page = FormReader()
    page.feed(html)
    assert ("meeting", "56th meeting") in page.fields  # a ticked box in the filter form
    assert '<legend>Meeting</legend>' in html
    assert page.chips == [("Remove filter Meeting: 56th meeting", "/")]
    assert "where meeting is 56th meeting" in html
    assert client.get("/api/search?q=meeting:%2257th+meeting%22").get_json()["total"] == 32


@pytest.mark.slow
def test_a_registered_facet_appears_in_cli_help(seed_settings):
    program = textwrap.dedent("""
        import sys
        from searchapp.search import filters
        from searchapp.search.filter_base import Parameter
        from searchapp.search.filter_kinds import DocumentFieldFilter
        filters.register(DocumentFieldFilter("meeting", "Meeting",
            Parameter("meeting", "meetings", "--meeting", "Meeting that adopted it (repeatable)."),
            field="meeting", query_field="meeting"))
        from searchapp.cli import main
        main(sys.argv[1:])
    """)
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", program, *args], capture_output=True,
                              text=True, timeout=120, check=False)
    for command in ("search", "timeline", "kwic"):
        assert re.search(r"--meeting TEXT\s+Meeting that adopted it \(repeatable\)\.", run(command, "--help").stdout)
    assert "meeting: fields" in " ".join(run("search", "--help").stdout.split())  # click wraps the help
    found = run("search", "", "--meeting", "57th meeting", "--format", "json", "--index", str(seed_settings.index_dir))
    assert found.returncode == 0, found.stderr
    assert '"total": 32' in found.stdout


def test_every_filter_round_trips_through_the_url():
    request = SearchRequest(query="impunity", bodies=("General Assembly",), year_from=2000, sessions=(64,),
                            types=("operative",), tags=("IMPUNITY",), cites=(DECLARATION,),
                            symbols=("A/RES/64/163",), document_types=("draft resolution",),
                            committees=("Third Committee",), agenda_items=("71 (b)",), languages=("fr",),
                            sponsors=("Trinidad and Tobago",), parts=("annex",), verbs=("Strongly condemns",),
                            addressees=("Secretary-General", "States"))
    assert {name for name, _ in request.filters} == {f.name for f in filters.FILTERS}
    from searchapp.config import Limits
    from searchapp.search.request import request_from_params, request_to_params

    pairs = request_to_params(request)
    assert request_from_params(lambda name: [v for k, v in pairs if k == name], Limits()) == request


def test_a_chosen_value_with_no_hits_stays_listed_and_ticked(server):
    # The General Assembly seed is of session 64; session 58 is the Commission's 2002/70.
    query = "/?q=impunity&body=General+Assembly&session=58"
    api = _json(server + "/api" + query.replace("/?", "/search?"))
    assert api["total"] == 0
    assert {"value": "58", "count": 0, "selected": True} in api["facets"]["session"]
    _, page = read_page(server + query)
    assert ("session", "58") in page.fields and ("body", "General Assembly") in page.fields
    # "Apply filters" keeps session 58 (before, the form lost it and the search widened).
    _, applied = read_page(server + "/?" + urlencode(page.fields))
    assert ("session", "58") in applied.fields


def test_facet_values_keep_their_order_when_other_filters_change(client):
    # "states": the two Commission texts use it more than the Assembly's, but from 2004 on (one
    # Commission text left) the Assembly's uses it more: ordered by count, the list would flip.
    orders = []
    for extra in ("", "&year_from=2004", "&type=operative", "&tag=IMPUNITY"):
        facets = client.get("/api/search?q=states" + extra).get_json()["facets"]
        orders.append([v["value"] for v in facets["body"]])
        assert [v["value"] for v in facets["paragraph_type"]] == [
            k for k in ("preambular", "operative") if k in [v["value"] for v in facets["paragraph_type"]]]
        years = [int(v["value"]) for v in facets["year"]]
        assert years == sorted(years, reverse=True)
    assert orders[0] == orders[1] == ["Commission on Human Rights", "General Assembly"]
    for order in orders:
        assert order == [b for b in BODIES if b in order]
