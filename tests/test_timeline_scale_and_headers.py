"""A search you can cite (issue 16 §6): the mentions-over-time chart per 1,000 paragraphs of each
year and body, and the header rows of the KWIC and timeline CSVs (query, filters, totals, index).

Golden values are counted here from the indexed texts of the three seeds: mentions with a
regular expression, paragraphs from each document's page, year and body from its record."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

from searchapp.search.request import SearchRequest

IMPUNITY = re.compile(r"\bimpunity\b", re.I)


def cli(settings, *args) -> str:
    done = subprocess.run([sys.executable, "-m", "searchapp.cli", *args, "--index", str(settings.index_dir)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def counted_by_year_and_body(service, kinds=("preambular", "operative", "annex", "footnote")):
    """{(year, body): (indexed paragraphs of those kinds, paragraphs mentioning impunity, mentions)}."""
    found: dict[tuple[int, str], list[int]] = {}
    for symbol in service.symbols():
        view = service.document(symbol)
        cell = found.setdefault((view.year, view.body), [0, 0, 0])
        for paragraph in view.paragraphs:
            if paragraph.kind in kinds:
                mentions = len(IMPUNITY.findall(paragraph.text))
                cell[0] += 1
                cell[1] += bool(mentions)
                cell[2] += mentions
    return {key: tuple(value) for key, value in found.items()}


def test_per_thousand_is_mentions_times_1000_over_the_paragraphs_of_that_year_and_body(seed_service, client):
    expected = counted_by_year_and_body(seed_service)
    assert len(expected) == 3  # 2002 and 2004 Commission, 2009 Assembly: one seed each
    api = client.get("/api/timeline?q=impunity&scale=per1000").get_json()
    assert api["scale"] == "per1000"
    rows = {(y["year"], body): figures for y in api["years"] for body, figures in y["by_body"].items()}
    assert set(rows) == set(expected)
    for key, (indexed, paragraphs, mentions) in expected.items():
        assert rows[key]["indexed_paragraphs"] == indexed and indexed > 0, key
        assert rows[key]["paragraphs"] == paragraphs and rows[key]["mentions"] == mentions, key
        assert rows[key]["mentions_per_1000"] == round(mentions * 1000 / indexed, 2), key
        assert rows[key]["paragraphs_per_1000"] == round(paragraphs * 1000 / indexed, 2), key
    # Without the scale the API answers as before: counts only.
    plain = client.get("/api/timeline?q=impunity").get_json()
    assert plain["scale"] == "count" and "mentions_per_1000" not in plain["years"][0]


def test_per_thousand_counts_only_the_paragraphs_the_filters_keep(seed_service):
    """`--type operative`: mentions per 1,000 *operative* paragraphs of that year and body."""
    expected = counted_by_year_and_body(seed_service, kinds=("operative",))
    timeline = seed_service.timeline(SearchRequest(query="impunity", types=("operative",)), "per1000")
    for year in timeline.years:
        for body, (paragraphs, mentions) in year.by_body.items():
            indexed, want_paragraphs, want_mentions = expected[(year.year, body)]
            assert (year.indexed[body], paragraphs, mentions) == (indexed, want_paragraphs, want_mentions)


def test_cli_and_csv_give_the_per_thousand_figures(seed_settings, seed_service, client):
    expected = counted_by_year_and_body(seed_service)
    text = cli(seed_settings, "timeline", "impunity", "--scale", "per1000")
    indexed, _, mentions = expected[(2009, "General Assembly")]
    assert (f"General Assembly 3 ({round(mentions * 1000 / indexed, 2)} mentions per 1,000 of "
            f"{indexed:,} paragraphs)") in text
    for source in (client.get("/timeline.csv?q=impunity&scale=per1000").get_data(as_text=True),
                   cli(seed_settings, "timeline", "impunity", "--scale", "per1000", "--format", "csv")):
        rows = list(csv.DictReader(io.StringIO(source.removeprefix("\ufeff"))))
        assert {(int(r["year"]), r["body"]): (int(r["indexed_paragraphs"]), float(r["mentions_per_1000"]))
                for r in rows} == {k: (i, round(m * 1000 / i, 2)) for k, (i, p, m) in expected.items() if p}
    assert client.get("/api/timeline?q=impunity&scale=percent").status_code == 400


def test_the_chart_has_a_labelled_y_axis_and_a_scale_toggle_in_both_modes(client):
    counts = client.get("/?q=impunity").get_data(as_text=True)
    assert '<p class="y-label" id="timeline-y-label">Mentions per year</p>' in counts
    assert re.search(r'<a href="/\?q=impunity&amp;scale=per1000">Per 1,000 paragraphs</a>', counts)
    assert re.search(r'<a href="/\?q=impunity" aria-current="true">Mentions</a>', counts)
    rates = client.get("/?q=impunity&scale=per1000").get_data(as_text=True)
    assert '<p class="y-label" id="timeline-y-label">Mentions per 1,000 paragraphs of the year and body</p>' in rates
    assert re.search(r'<a href="/\?q=impunity&amp;scale=per1000" aria-current="true">Per 1,000 paragraphs</a>',
                     rates)
    assert '<input type="hidden" name="scale" value="per1000">' in rates  # the filter form keeps the scale
    assert client.get("/?q=impunity&scale=percent").status_code == 400


def _comment(text: str) -> str:
    return next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))[0]


def test_the_kwic_csv_starts_with_a_row_naming_its_search_totals_and_index(seed_settings, seed_service, client):
    paragraphs = sum(p for _, p, _ in counted_by_year_and_body(seed_service).values())
    mentions = sum(m for _, _, m in counted_by_year_and_body(seed_service).values())
    generation = client.get("/healthz").get_json()["generation"]
    response = client.get("/kwic.csv?q=impunity&header=comment")
    assert f'filename="searchapp-kwic-impunity-{generation}-' in response.headers["Content-Disposition"]
    comment = _comment(response.get_data(as_text=True))
    assert comment.startswith("# searchapp kwic export: query='impunity'; filters: none; sort=relevance; "
                              f"{paragraphs} paragraphs in 3 documents, {mentions} mentions; "
                              f"{mentions} lines from {paragraphs} paragraphs, context 60 characters, order document; "
                              f"index {generation} built ")
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
    assert lines[1][:2] == ["symbol", "year"] and len(lines) == 2 + mentions
    assert not _comment(client.get("/kwic.csv?q=impunity").get_data(as_text=True)).startswith("#")  # an option
    printed = cli(seed_settings, "kwic", "impunity", "--format", "csv", "--comment-row", "--limit", "5")
    assert _comment(printed).startswith("# searchapp kwic export: query='impunity'")
    assert f"; 5 of {mentions} lines from {paragraphs} paragraphs" in _comment(printed)


def test_the_timeline_csv_starts_with_a_row_naming_its_search_totals_and_index(seed_settings, seed_service, client):
    indexed, paragraphs, mentions = counted_by_year_and_body(seed_service)[(2009, "General Assembly")]
    generation = client.get("/healthz").get_json()["generation"]
    response = client.get("/timeline.csv?q=impunity&body=GA&header=comment")
    assert f'filename="searchapp-timeline-impunity-{generation}-' in response.headers["Content-Disposition"]
    for text in (response.get_data(as_text=True),
                 cli(seed_settings, "timeline", "impunity", "--body", "GA", "--format", "csv", "--comment-row")):
        assert _comment(text).startswith(
            "# searchapp timeline export: query='impunity'; filters: body=['General Assembly']; sort=relevance; "
            f"{paragraphs} paragraphs in 1 document, {mentions} mentions; index {generation} built ")
    api = json.loads(cli(seed_settings, "timeline", "impunity", "--format", "json"))
    assert api["export"]["index"]["generation"] == generation and api["export"]["total"] == sum(
        p for _, p, _ in counted_by_year_and_body(seed_service).values())
