"""Facet lists in Chromium (issue 17): a long list gets a box that narrows it as one types, and
without JavaScript every value is still reachable through "Show all"."""

from __future__ import annotations

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser
# The Assembly's seed 64/163 carries 14 subject tags (its %%%TAG header), 4 of them "HUMAN RIGHTS ...":
# ADVANCEMENT, ACTIVISTS, VIOLATIONS, IN ARMED CONFLICTS; one says "TERROR": COUNTER-TERRORISM.
TAGS = 14


def visible_values(page, facet: str) -> list[str]:
    return [item.inner_text() for item in page.locator(f"#facet-{facet} li .value").all() if item.is_visible()]


def test_a_long_facet_list_narrows_as_one_types(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/?q=defenders")
    box = page.get_by_label(f"Find a subject tag among {TAGS}")
    assert box.is_visible()
    assert len(visible_values(page, "tags")) == 10  # the rest behind "Show all 14"
    box.fill("human rights")
    assert sorted(visible_values(page, "tags")) == [
        "HUMAN RIGHTS ACTIVISTS", "HUMAN RIGHTS ADVANCEMENT", "HUMAN RIGHTS IN ARMED CONFLICTS",
        "HUMAN RIGHTS VIOLATIONS"]
    box.fill("terror")
    assert visible_values(page, "tags") == ["COUNTER-TERRORISM"]
    box.press("Enter")  # typing in the box does not submit the filters
    assert "tag=" not in page.url
    box.fill("")
    assert len(visible_values(page, "tags")) == 10
    # A short list (bodies) has no box.
    assert page.locator("#facet-body .facet-find").count() == 0
    # Ticking a value found through the box applies it.
    box.fill("terror")
    page.get_by_role("checkbox", name="COUNTER-TERRORISM").click()
    page.wait_for_url("**tag=COUNTER-TERRORISM**")
    assert page.locator(".chip").first.inner_text().startswith("Subject tag: COUNTER-TERRORISM")
    page.close()


def test_without_javascript_every_value_is_listed_behind_show_all(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/?q=defenders")
    assert not page.locator("#facet-tags .facet-find").is_visible()
    assert len(visible_values(page, "tags")) == 10
    page.locator("#facet-tags summary").click()
    assert len(visible_values(page, "tags")) == TAGS
    context.close()
