"""End to end in Debian's Chromium (driven by Playwright): the real server on a loopback port."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM  # noqa: F401 (imported from here by other modules)

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def test_search_narrow_open_in_context_and_export(server, browser, tmp_path):
    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.get_by_label("Search paragraphs").fill("impunity")
    page.get_by_label("Search paragraphs").press("Enter")
    page.wait_for_url("**/?q=impunity")
    assert "9 paragraphs in 3 documents" in page.locator(".totals").inner_text()
    assert page.locator("mark").count() >= 9

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-page.png"), full_page=True)

    # Ticking a body facet submits at once (JavaScript) and narrows results and counts.
    # click, not check(): the box submits the form at once, and check() would re-read it on the new page
    page.get_by_role("checkbox", name="General Assembly").click()
    page.wait_for_url("**body=General+Assembly**")
    assert "3 paragraphs in 1 document" in page.locator(".totals").inner_text()
    assert page.locator(".chip").first.inner_text().startswith("Body: General Assembly")

    # Follow a hit to its paragraph in the document page.
    page.locator(".hit a.where").first.click()
    page.wait_for_url("**/documents/A/RES/64/163?q=impunity&body=General+Assembly#**")
    anchor = page.url.split("#")[1]
    target = page.locator(f"#{anchor}")
    assert target.is_visible()
    assert target.locator("mark").count() >= 1
    assert target.evaluate("el => getComputedStyle(el).borderTopColor") != "rgb(216, 221, 229)"

    # The back button restores the filtered search.
    page.go_back()
    page.wait_for_url("**body=General+Assembly**")
    assert "3 paragraphs in 1 document" in page.locator(".totals").inner_text()

    # Export every hit as CSV.
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / "export.csv"
    info.value.save_as(path)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))  # the BOM Excel needs
    assert rows[0][0] == "symbol" and len(rows) == 4 and {r[0] for r in rows[1:]} == {"A/RES/64/163"}
    page.close()


def test_facets_and_year_range_work_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/?q=impunity")
    page.get_by_label("operative").check()
    page.get_by_label("From").fill("2003")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**type=operative**")
    assert "2 paragraphs in 2 documents" in page.locator(".totals").inner_text()
    context.close()


def test_malformed_query_shows_the_problem_inline(server, browser):
    page = browser.new_page()
    response = page.goto(server + '/?q="human+rights')
    assert response.status == 400
    assert "unbalanced quotation mark" in page.locator("#query-error").inner_text()
    assert page.get_by_label("Search paragraphs").input_value() == '"human rights'
    page.close()


def test_narrow_screen_keeps_the_search_usable(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + "/?q=impunity")
    box = page.get_by_label("Search paragraphs").bounding_box()
    assert box["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_timeline_chart_shows_bodies_and_filters_by_year(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/?q=impunity")
    chart = page.locator("svg.timeline-chart")
    chart.wait_for()
    assert chart.bounding_box()["height"] > 60  # drawn, not collapsed by CSS
    assert page.locator(".timeline h2").inner_text() == "Mentions over time, 2002–2009"
    assert page.locator(".legend li").all_inner_texts() == ["Commission on Human Rights", "General Assembly"]
    bars = page.locator("svg.timeline-chart rect.segment")
    assert bars.count() == 3
    assert all(bars.nth(i).bounding_box()["height"] > 10 for i in range(3))
    # Colours differ between bodies (computed style, so the stylesheet really applies).
    fills = {bars.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(3)}
    assert len(fills) == 2
    # The table under the chart carries the same numbers for screen readers.
    page.locator(".timeline-table summary").click()
    assert "2009" in page.locator(".timeline-table tbody").inner_text()
    # Clicking the 2009 bar filters the search to that year.
    page.locator('a.year-column[data-year="2009"]').click()
    page.wait_for_url("**year_from=2009**")
    assert "3 paragraphs in 1 document" in page.locator(".totals").inner_text()
    page.close()


def test_kwic_page_aligns_keywords_and_reorders(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/?q=impunity")
    page.get_by_role("link", name="Concordance (KWIC)").click()
    page.wait_for_url("**/kwic?q=impunity")
    assert "11 occurrences in 9 paragraphs" in page.locator(".totals").inner_text()
    keywords = page.locator("td.keyword")
    assert keywords.count() == 11
    # Keyword aligned: every keyword cell starts at the same x.
    lefts = {round(keywords.nth(i).bounding_box()["x"]) for i in range(11)}
    assert len(lefts) == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kwic-page.png"), full_page=True)
    page.get_by_label("Order").select_option("right")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**order=right**")
    rights = page.locator("td.right").all_inner_texts()
    assert len(rights) == 11
    words = [re.findall(r"\w[\w'-]*", text.casefold()) for text in rights]
    assert words == sorted(words)  # ordered by the words after the keyword
    # A line's paragraph link opens the document at that paragraph.
    page.locator("td.where-cell a").first.click()
    page.wait_for_url("**/documents/**#*")
    page.close()


def test_changes_page_from_the_document_page(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/documents/E/CN.4/RES/2004/68")
    assert page.locator(".series-list li").count() == 3
    page.get_by_role("link", name="What changed since E/CN.4/RES/2002/70").click()
    page.wait_for_url("**/documents/E/CN.4/RES/2004/68/changes")
    assert page.locator("h1").inner_text() == "What changed: E/CN.4/RES/2004/68 against E/CN.4/RES/2002/70"
    assert page.locator(".change.added").count() == 8
    assert page.locator(".change.dropped").count() == 0
    # Inserted words are visibly marked (green background) inside reworded paragraphs.
    inserted = page.locator(".change.reworded ins").filter(has_text="minorities")
    assert inserted.count() == 1
    assert inserted.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "changes-page.png"), full_page=True)
    # Typing a symbol in the search box goes straight to the document.
    page.goto(server + "/")
    page.get_by_label("Search paragraphs").fill("res 2002/70")
    page.get_by_label("Search paragraphs").press("Enter")
    page.wait_for_url("**/documents/E/CN.4/RES/2002/70")
    assert page.locator("h1").inner_text() == "E/CN.4/RES/2002/70"
    page.close()
