"""Property-based requests through the real Flask app (test client) on a seed index: random query
strings and parameter combinations never give a 500, and every answer is well formed."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

PIECES = st.sampled_from(['"', "(", ")", "*", "?", "AND", "OR", "NOT", "-", ":", "body:", "tag:", "year:",
                          "year:[2000 TO", "exact:", "symbol:", "impunity", "defend*", "human rights",
                          "\u2011", "\u00a0", "é", "\x00", "\x07", "[", "]", "{", "}", "~2", "^3", "/", "\\",
                          "2004/68", "A/RES/64/163", "<script>", "&amp;", "%", " "])
QUERIES = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=8).map(" ".join),
                    st.lists(PIECES, max_size=8).map("".join))
VALUES = st.one_of(st.text(max_size=12), st.integers(-5, 5000).map(str),
                   st.sampled_from(["General Assembly", "operative", "preambular", "newest", "IMPUNITY",
                                    "2002", "60", "left", "right", "A/RES/53/144", ""]))
NAMES = st.sampled_from(["q", "body", "year_from", "year_to", "session", "type", "tag", "cites", "sort",
                         "page", "per_page", "width", "order", "unknown"])
PARAMS = st.lists(st.tuples(NAMES, VALUES), max_size=8)
PATHS = ["/", "/api/search", "/api/timeline", "/api/kwic", "/kwic", "/kwic.csv", "/export.csv", "/export.json"]


def check(response, path: str) -> None:
    assert response.status_code in (200, 302, 400, 404), (path, response.status_code)
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    if path.startswith("/api/") or (path.startswith("/export.") and response.status_code != 200):
        data = json.loads(body)
        if response.status_code == 200:
            assert "query" in data
            if path == "/api/search":
                assert {"total", "hits", "facets", "suggestions"} <= set(data)
        else:
            assert set(data["error"]) == {"status", "message"} and data["error"]["status"] == response.status_code
    elif path == "/export.json" and response.status_code == 200:
        assert isinstance(json.loads(body)["rows"], list)
    elif path.endswith(".csv"):
        assert body.startswith("\ufeffsymbol,") if response.status_code == 200 else json.loads(body)["error"]
    elif response.status_code != 302:
        assert response.mimetype == "text/html"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, path=st.sampled_from(PATHS))
def test_any_query_string(client, query, path):
    check(client.get(path, query_string={"q": query}), path)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=PARAMS, path=st.sampled_from(PATHS))
def test_any_parameter_combination(client, params, path):
    check(client.get(path, query_string=params), path)
