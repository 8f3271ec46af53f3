"""Accessibility and keyboard use in Chromium (issue 17): axe-core (the copy shipped in the
`axe-playwright-python` package) finds no serious or critical violation on the pages a researcher
uses, every control is reached and worked with the keyboard alone, highlighted words are announced,
and navigation keeps the researcher's place."""

from __future__ import annotations

import pytest
from conftest import serious_violations, tab_to

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = pytest.mark.browser

PAGES = {
    "search with facets, chips, chart and hits": "/?q=impunity&body=General+Assembly&body=Commission+on+Human+Rights",
    "search page two": "/?q=defenders&per_page=5&page=2",
    "search past the last page": "/?q=impunity&page=7",
    "search with no hits": "/?q=impunity&year_from=1990&year_to=1991",
    "query syntax error": '/?q="human+rights&body=General+Assembly',
    "landing page": "/",
    "document": "/documents/A/RES/64/163?q=impunity",
    "concordance": "/kwic?q=impunity",
    "changes": "/documents/E/CN.4/RES/2004/68/changes",
    "changes of a first text": "/documents/E/CN.4/RES/2002/70/changes",
    "cited, not indexed": "/documents/A/RES/53/144",
    "error page": "/documents/A/RES/1/1",
}


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(server, page, name):
    page.goto(server + PAGES[name])
    assert page.locator("main#main").count() == 1 and page.locator("h1").count() == 1
    assert serious_violations(page) == []


def test_a_facet_checkbox_is_ticked_with_the_space_bar_and_keeps_the_focus(server, page):
    page.goto(server + "/?q=impunity")
    tab_to(page, 'input[type=checkbox][value="General Assembly"]')
    page.keyboard.press("Space")
    page.wait_for_url("**body=General+Assembly**")
    assert page.evaluate("document.activeElement.value") == "General Assembly"  # back on the same box


def test_a_chip_is_removed_with_the_enter_key(server, page):
    page.goto(server + "/?q=impunity&body=General+Assembly")
    assert tab_to(page, "a.chip") == "Remove filter Body: General Assembly"
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/?q=impunity")


def test_pagination_is_followed_with_the_keyboard(server, page):
    page.goto(server + "/?q=defenders&per_page=5")
    tab_to(page, 'nav.pages a[rel="next"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2**")
    assert page.locator('nav.pages [aria-current="page"]').inner_text() == "2"


@pytest.mark.parametrize("chart", ["a.year-bar", "a.year-column"])
def test_a_chart_bar_is_reached_and_followed_with_the_keyboard(server, page, chart):
    page.goto(server + "/?q=impunity")
    label = tab_to(page, chart)
    assert label.startswith("2002: 3 paragraphs")  # the first year with hits, named with its count
    page.keyboard.press("Enter")
    page.wait_for_url("**year_from=2002**")


def test_highlighted_words_are_announced_not_shown_by_colour_alone(server, page):
    page.goto(server + "/?q=impunity")
    assert "[match] impunity [end match]" in page.locator(".hit p").first.aria_snapshot()
    page.goto(server + "/documents/E/CN.4/RES/2004/68/changes")
    inserted = page.locator(".change.reworded ins").filter(has_text="minorities")
    assert "[inserted:" in inserted.aria_snapshot()
    assert inserted.evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"


def test_back_to_search_returns_to_the_same_page_of_filtered_results(server, page):
    search = server + "/?q=impunity&body=General+Assembly&sort=newest&per_page=1&page=2"
    page.goto(search)
    totals = page.locator(".totals").inner_text()
    page.locator(".hit a.where").first.click()
    page.wait_for_url("**/documents/A/RES/64/163?**")
    page.get_by_role("link", name="Back to search").click()
    page.wait_for_url(search)
    assert page.locator(".totals").inner_text() == totals
    assert page.locator('nav.pages [aria-current="page"]').inner_text() == "2"
    assert page.locator(".chip").first.inner_text().startswith("Body: General Assembly")


def test_a_corrected_query_keeps_the_filters_of_the_refused_one(server, page):
    page.goto(server + '/?q="human+rights&body=General+Assembly&sort=newest')
    box = page.get_by_label("Search paragraphs")
    box.fill('"human rights"')
    box.press("Enter")
    page.wait_for_url("**body=General+Assembly**")
    assert "sort=newest" in page.url
    assert page.locator(".chip").first.inner_text().startswith("Body: General Assembly")


def test_a_page_past_the_last_links_to_the_last_page(server, page):
    page.goto(server + "/?q=impunity&body=General+Assembly&per_page=1&page=50")
    page.get_by_role("link", name="Go to the last page, 3").click()
    page.wait_for_url("**page=3")
    assert page.locator(".hit").count() == 1
