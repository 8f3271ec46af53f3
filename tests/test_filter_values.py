"""Filter values as researchers type them (issues 17 and 19): body abbreviations in any case
everywhere a body is given, and a value the index does not hold named with the ones it does."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from searchapp.exceptions import BadParameter, BadQuery
from searchapp.search.request import SearchRequest

# The seeds: two Commission texts (2002/70 session 58, 2004/68 session 60) and the Assembly's
# 64/163 (session 64); "impunity" is in 6 Commission paragraphs and 3 Assembly ones.
SEED_BODIES = "Commission on Human Rights, General Assembly"


def get(url: str) -> tuple[int, str]:
    try:
        with urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.mark.parametrize("typed", ["GA", "ga", "General Assembly", "general assembly"])
def test_a_body_is_accepted_by_its_abbreviation_in_any_case(server, typed):
    status, body = get(server + "/api/search?" + urlencode({"q": "impunity", "body": typed}))
    assert status == 200
    data = json.loads(body)
    assert data["total"] == 3 and data["filters"] == {"body": ["General Assembly"]}
    assert {"value": "General Assembly", "count": 3, "selected": True} in data["facets"]["body"]
    status, page = get(server + "/?" + urlencode({"q": "impunity", "body": typed}))
    assert "where body is General Assembly" in page and "Remove filter Body: General Assembly" in page
    status, body = get(server + "/api/search?" + urlencode({"q": f"impunity body:{typed.split()[0]}"
                                                            if " " not in typed else f'impunity body:"{typed}"'}))
    assert json.loads(body)["total"] == 3


def test_every_abbreviation_in_a_query(seed_service):
    assert seed_service.search(SearchRequest(query="impunity body:chr")).total == 6
    assert seed_service.search(SearchRequest(query="impunity", bodies=("CHR", "GA"))).total == 9


@pytest.mark.parametrize("params, named", [
    ({"body": "Human Rights Council"}, "unknown body 'Human Rights Council'"),
    ({"body": "HRC"}, "unknown body 'HRC' (Human Rights Council)"),
    ({"body": "XYZ"}, "unknown body 'XYZ'"),
    ({"session": "99"}, "unknown session '99'; this index holds: 58, 60, 64"),
    ({"tag": "IMPUNTY"}, "unknown tag 'IMPUNTY'"),
    ({"symbol": "A/RES/1/1"}, "unknown document 'A/RES/1/1'"),
])
def test_a_value_the_index_does_not_hold_is_named_with_the_known_ones(server, params, named):
    status, body = get(server + "/api/search?" + urlencode({"q": "impunity", **params}))
    assert status == 400
    message = json.loads(body)["error"]["message"]
    assert named in message
    if "body" in params:
        assert message.endswith(f"this index holds: {SEED_BODIES}")
    if "tag" in params:
        assert "IMPUNITY" in message  # the seeds' 14 tags are listed
    status, page = get(server + "/?" + urlencode({"q": "impunity", **params}))
    assert status == 400 and named.replace("'", "&#39;") in page


@pytest.mark.slow
def test_the_cli_names_an_unknown_body_and_accepts_abbreviations(seed_settings):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "searchapp.cli", "search", "impunity", *args,
                               "--index", str(seed_settings.index_dir)], capture_output=True, text=True,
                              timeout=120, check=False)

    wrong = run("--body", "XYZ")
    assert wrong.returncode == 1
    assert f"unknown body 'XYZ'; abbreviations: GA, SC, HRC, CHR, ECOSOC; this index holds: {SEED_BODIES}" \
        in wrong.stderr
    right = run("--body", "ga", "--format", "json")
    assert right.returncode == 0 and json.loads(right.stdout)["total"] == 3


def test_an_unknown_value_in_a_query_field_is_a_query_error(seed_service):
    with pytest.raises(BadQuery, match="unknown body 'XYZ'"):
        seed_service.search(SearchRequest(query="impunity body:XYZ"))
    with pytest.raises(BadParameter, match="unknown session '99'"):
        seed_service.timeline(SearchRequest(query="impunity", sessions=(99,)))


def test_a_long_list_offers_the_closest_values(corpus_service):
    tags = corpus_service.search(SearchRequest(per_page=1)).facets["tags"].values
    assert len(tags) > 20
    with pytest.raises(BadParameter) as error:
        corpus_service.search(SearchRequest(tags=("IMPUNTY",)))
    assert f"the closest of the {len(tags)} in this index: IMPUNITY," in error.value.message


def test_a_document_filter_takes_any_form_of_its_symbol(seed_service):
    result = seed_service.search(SearchRequest(symbols=("64/163",), per_page=100))
    # A/RES/64/163: 14 preambular and 16 operative paragraphs (test_parser_seeds).
    assert result.total == 30 and result.request.value("symbol") == ("A/RES/64/163",)
