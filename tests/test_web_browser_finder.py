"""The agreed-language finder and the clause history in Debian's Chromium (issue 16 §3-§4): the
forms are labelled and worked with the keyboard alone, axe-core finds no serious violation, and
a researcher goes from a document's paragraph to its history and to paragraphs worded like it.

Over the seeds (read by hand): E/CN.4/RES/2002/70 op5 = E/CN.4/RES/2004/68 op6 word for word,
reworded as A/RES/64/163 op7 ("Also urges States to take appropriate measures ...").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import running_server, serious_violations, tab_to

playwright_api = pytest.importorskip("playwright.sync_api")
axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

COMMISSION_TEXT = ("Emphasizes the importance of combating impunity and in this regard urges States to take "
                   "appropriate measures to address the question of impunity for threats, attacks and acts of "
                   "intimidation against human rights defenders;")


def test_the_finder_is_filled_and_sent_with_the_keyboard_alone(server, page):
    page.goto(server + "/similar")
    assert serious_violations(page) == []
    tab_to(page, "textarea#text")
    page.keyboard.type(COMMISSION_TEXT)
    tab_to(page, "select[name=body]")
    page.keyboard.press("ArrowDown")  # the first body listed after "any": Commission on Human Rights
    assert page.get_by_label("Body").input_value() == "Commission on Human Rights"
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/similar?text=**body=Commission**")
    found = page.locator("ol.found > li")
    assert found.count() >= 2  # then the Commission's other paragraphs, less alike
    assert found.nth(0).locator("a.where").text_content() == "E/CN.4/RES/2004/68 op6"
    assert found.nth(1).locator("a.where").text_content() == "E/CN.4/RES/2002/70 op5"
    assert "the same words" in found.nth(0).locator(".wording").inner_text()
    assert page.get_by_label("Paragraph text").input_value() == COMMISSION_TEXT  # the form keeps the text
    assert serious_violations(page) == []


def test_from_a_paragraph_to_earlier_wording_and_its_history(server, page):
    page.goto(server + "/documents/A/RES/64/163")
    page.get_by_role("link", name="Paragraphs worded like operative 7").click()
    page.wait_for_url("**/similar?paragraph=A%2FRES%2F64%2F163%23op7")
    assert page.get_by_label("or a paragraph of the index (symbol#anchor)").input_value() == "A/RES/64/163#op7"
    page.get_by_label("Only documents adopted before it").check()
    page.get_by_role("button", name="Find similar paragraphs").click()
    page.wait_for_url("**earlier=1**")
    first = page.locator("ol.found > li").first
    assert first.locator("a.where").text_content() == "E/CN.4/RES/2004/68 op6"
    assert first.locator("del").first.inner_text() == "Also"  # 64/163's word the Commission text lacks

    page.goto(server + "/documents/A/RES/64/163")
    tab_to(page, 'a[href="/documents/A/RES/64/163/history/op7"]', limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/documents/A/RES/64/163/history/op7")
    steps = page.locator("ol.history-steps > li")
    assert steps.count() == 3
    assert "first version in the series" in steps.nth(0).inner_text()
    assert "unchanged" in steps.nth(1).inner_text()
    assert steps.nth(2).locator("del").first.inner_text() == (
        "Emphasizes the importance of combating impunity and in this regard")
    assert "unchanged: the same words as the version before" in steps.nth(1).inner_text()
    wording = steps.nth(2).locator(".wording")
    assert re.fullmatch(r"wording [6-9]\d% the same as the version before", wording.inner_text())
    assert "numbers and small words" in wording.get_attribute("title")  # the tooltip
    legend = page.locator("#" + wording.get_attribute("aria-describedby"))
    assert legend.is_visible() and "the words kept in the same order" in legend.inner_text()
    assert serious_violations(page) == []


def test_a_missing_paragraph_is_said_next_to_the_form(server, page):
    response = page.goto(server + "/similar?paragraph=A/RES/64/163%23op99")
    assert response.status == 404
    assert "no paragraph 'op99'" in page.get_by_role("alert").inner_text()
    assert serious_violations(page) == []


def test_screenshots_of_the_finder_and_a_clause_history_on_the_corpus(whole_corpus_service, browser):
    """The README's pictures (docs/screenshot-similar.png, docs/screenshot-history.png are copies of
    these): the Iran series' clause on the death penalty against minors, A/RES/80/222 op8, whose
    2024 version is A/RES/79/183 op10 and 2023 version A/RES/78/220 op11 (read in ga-resolutions/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with running_server(whole_corpus_service.settings.index_dir) as url:
        page = browser.new_page(viewport={"width": 1100, "height": 1500})
        page.goto(url + "/similar?paragraph=A/RES/80/222%23op8&earlier=1&limit=3")
        first = page.locator("ol.found > li").first
        assert first.locator("a.where").text_content() == "A/RES/79/183 op10"
        page.screenshot(path=str(ARTIFACTS / "similar-page.png"), full_page=False)  # the form and the first two
        page.goto(url + "/documents/A/RES/80/222/history/op8")
        steps = page.locator("ol.history-steps > li")
        assert [steps.nth(i).locator("h2 a").text_content() for i in range(steps.count())] == [
            "A/RES/78/220", "A/RES/79/183", "A/RES/80/222"]
        page.screenshot(path=str(ARTIFACTS / "history-page.png"), full_page=True)
        page.close()
