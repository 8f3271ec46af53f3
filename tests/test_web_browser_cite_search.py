"""In Debian's Chromium: a search you can cite and follow (issue 16 §5-§6). A researcher ticks the
verb facet, copies the "cite this search" permalink and opens it in a fresh browser context: the
same hits in the same order; follows the Atom feed link: the search's resolutions, newest first;
and switches the mentions chart to "per 1,000 paragraphs" with the keyboard."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ATOM = "{http://www.w3.org/2005/Atom}"


def _hits(page) -> list[str]:
    """Each hit's paragraph link (document and anchor, the search's parameters left out)."""
    return [href.split("?")[0] + "#" + href.split("#")[-1]
            for href in page.locator("section.hit a.where").evaluate_all("links => links.map(a => a.href)")]


def test_the_permalink_of_a_faceted_search_opens_the_same_results(server, browser):
    page = browser.new_page()
    page.goto(server + "/?q=impunity")
    page.locator('#facet-verb input[name="verb"][value="Urges"]').check()  # the page applies it at once
    page.wait_for_url("**verb=Urges**")
    totals = page.locator(".totals").inner_text()
    hits = _hits(page)
    # A/RES/64/163 op7, read: "Also urges States to take appropriate measures to address ... impunity".
    assert hits and any(h.endswith("/documents/A/RES/64/163#op7") for h in hits)
    assert page.locator(".chip", has_text="Verb: Urges").count() == 1
    permalink = page.locator("input.permalink").input_value()
    assert permalink == page.locator("a.permalink-link").get_attribute("href")
    assert permalink.startswith(server) and "verb=Urges" in permalink and "q=impunity" in permalink
    page.close()
    fresh = browser.new_context()  # no history, no cookies: only the link
    opened = fresh.new_page()
    opened.goto(permalink)
    assert opened.locator(".totals").inner_text() == totals
    assert _hits(opened) == hits
    assert opened.locator('#facet-verb input[value="Urges"]').is_checked()
    fresh.close()


def test_the_atom_feed_link_gives_the_searchs_resolutions_newest_first(server, browser):
    page = browser.new_page()
    page.goto(server + "/?q=impunity")
    link = page.get_by_role("link", name="Atom feed")
    href = link.get_attribute("href")
    assert href == "/feed.atom?q=impunity"
    response = page.request.get(server + href)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.body())
    entries = root.findall(f"{ATOM}entry")
    # The seeds mentioning impunity, by the adoption dates printed at their ends: 64/163 on
    # 18 December 2009, Commission 2004/68 on 21 April 2004, 2002/70 on 25 April 2002.
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert [t.split()[0].rstrip(":") for t in titles] == ["A/RES/64/163", "E/CN.4/RES/2004/68", "E/CN.4/RES/2002/70"]
    # A feed reader follows each entry to the resolution's page on this server.
    first = entries[0].find(f"{ATOM}link").get("href")
    page.goto(first if first.startswith("http") else server + first)
    assert "A/RES/64/163" in page.locator("h1").first.inner_text()
    page.close()


def test_the_chart_switches_to_per_thousand_paragraphs_with_the_keyboard(server, browser):
    page = browser.new_page()
    page.goto(server + "/?q=impunity")
    assert page.locator(".chart-frame .y-label").inner_text() == "Mentions per year"
    toggle = page.get_by_role("link", name="Per 1,000 paragraphs")
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**scale=per1000**")
    assert page.locator(".chart-frame .y-label").inner_text() == "Mentions per 1,000 paragraphs of the year and body"
    current = page.locator('.chart-scale a[aria-current="true"]')
    assert current.inner_text() == "Per 1,000 paragraphs"
    # Side by side, one bar per body and year with mentions: 2002 and 2004 Commission, 2009 Assembly.
    bars = page.locator("svg.timeline-chart rect.segment")
    assert bars.count() == 3 and all(bars.nth(i).bounding_box()["height"] > 5 for i in range(3))
    ticks = page.locator(".y-ticks span").all_inner_texts()
    assert len(ticks) == 3 and ticks[-1] == "0" and float(ticks[0].replace(",", "")) > 0
    page.close()
