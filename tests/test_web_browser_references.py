"""In Debian's Chromium: from a hit to the official document and a reference (issue 16 §1)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_researcher_goes_from_a_hit_to_the_official_text_and_a_ris_reference(server, browser, tmp_path):  # noqa: F811
    page = browser.new_page(accept_downloads=True)
    page.goto(server + "/?q=impunity&body=General+Assembly")
    official = page.locator("article.resolution .official-link").first
    assert official.get_attribute("href") == "https://undocs.org/A/RES/64/163"
    page.get_by_role("link", name="A/RES/64/163").first.click()
    page.wait_for_url("**/documents/A/RES/64/163**")
    assert page.locator('meta[name="citation_technical_report_number"]').get_attribute("content") == "A/RES/64/163"
    assert page.locator(".doc-head .library-link").get_attribute("href").endswith("p=A%2FRES%2F64%2F163")
    with page.expect_download() as info:
        page.get_by_role("link", name="RIS", exact=True).click()
    path = tmp_path / "ref.ris"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("TY  - GOVDOC") and "M1  - A/RES/64/163" in text
    page.close()
