"""URL/CLI parameters -> SearchRequest: validation and round trips."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchapp.config import Limits
from searchapp.exceptions import BadParameter
from searchapp.search.request import (
    SearchRequest,
    request_from_params,
    request_to_params,
)

LIMITS = Limits()


def params(pairs):
    def get_list(name):
        return [v for k, v in pairs if k == name]
    return get_list


def test_repeated_filters_become_or_lists_and_blank_values_are_ignored():
    request = request_from_params(params([
        ("q", "impunity"), ("body", "General Assembly"), ("body", "Security Council"),
        ("body", "General Assembly"), ("year_from", ""), ("year_to", "2009"), ("type", "operative"),
        ("unknown", "x"),
    ]), LIMITS)
    assert request.bodies == ("General Assembly", "Security Council")
    assert request.year_from is None and request.year_to == 2009
    assert request.types == ("operative",)


@pytest.mark.parametrize("pairs, message", [
    ([("page", "0")], "page must be between 1"),
    ([("page", "abc")], "page must be a whole number"),
    ([("per_page", "1000")], "per_page must be between 1 and 100"),
    ([("sort", "random")], "unknown sort 'random'; choose one of: relevance, newest, oldest, document"),
    ([("type", "annex")], "unknown paragraph type 'annex'"),
    ([("year_from", "2010"), ("year_to", "2000")], "year_from (2010) is after year_to (2000)"),
    ([("q", "x" * 1001)], "the query is 1001 characters long; the limit is 1000"),
])
def test_bad_parameters_name_the_problem(pairs, message):
    with pytest.raises(BadParameter) as info:
        request_from_params(params(pairs), LIMITS)
    assert message in info.value.message


requests = st.builds(
    SearchRequest,
    query=st.text(max_size=40).map(str.strip),
    bodies=st.lists(st.sampled_from(["General Assembly", "Security Council"]), unique=True).map(tuple),
    year_from=st.none() | st.integers(1946, 1990),
    year_to=st.none() | st.integers(1991, 2025),
    sessions=st.lists(st.integers(1, 80), unique=True, max_size=3).map(tuple),
    types=st.lists(st.sampled_from(["preambular", "operative"]), unique=True).map(tuple),
    tags=st.lists(st.sampled_from(["IMPUNITY", "HUMAN RIGHTS"]), unique=True).map(tuple),
    sort=st.sampled_from(["relevance", "newest", "oldest", "document"]),
    page=st.integers(1, 1000),
    per_page=st.integers(1, 100),
)


@given(requests)
def test_url_parameters_reproduce_the_request(request):
    pairs = request_to_params(request, keep_page=True)
    assert request_from_params(params(pairs), LIMITS) == request


@given(requests, st.booleans())
def test_search_links_encode_the_parameters_as_urlencode_does(request, keep_page):
    """search_url remembers each encoded name=value pair; the links must not change for it."""
    from urllib.parse import parse_qsl, urlencode

    from searchapp.web.urls import search_url

    pairs = request_to_params(request, keep_page=keep_page)
    url = search_url(request, keep_page=keep_page)
    assert url == "/" + ("?" + urlencode(pairs) if pairs else "")
    assert parse_qsl(url.partition("?")[2], keep_blank_values=True) == pairs


@given(requests, st.sampled_from(["year", "body", "session", "paragraph_type", "tags"]),
       st.lists(st.sampled_from(["1990", "2001", "General Assembly", "Security Council", "3", "operative",
                                 "preambular", "IMPUNITY"]), max_size=4))
def test_toggle_links_are_the_search_with_that_value_toggled(request, facet, values):
    """toggle_urls encodes the parameters around the facet's once; each link must be exactly the
    search with that value toggled, on page 1, as search_url writes it."""
    from searchapp.search import filters as registry
    from searchapp.web.urls import search_url, toggle_url, toggle_urls

    entry = registry.named(facet)
    values = [v for v in values if facet not in ("year", "session") or v.isdigit()]
    expected = [search_url(request.with_value(facet, entry.toggled(request.value(facet), v))) for v in values]
    assert toggle_urls(request, facet, values) == expected
    assert [toggle_url(request, facet, v) for v in values] == expected
