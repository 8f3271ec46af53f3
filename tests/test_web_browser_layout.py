"""Layout in Chromium at the window widths researchers use (issue 17): the concordance fits its box
and says where and when each line comes from; on a phone the filters are one tap away."""

from __future__ import annotations

import pytest
from conftest import index_of, require_corpus, running_server

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser
WIDTHS = (390, 1200, 1280, 1400, 1920)
# A Council draft that prints no symbol: indexed as "no symbol (file 18-04038)", titled
# "Security Council draft (undated, file 18-04038)"; its text names "South Sudan".
UNNUMBERED_DRAFT = "unsc-drafts/18-04038.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The seeds and one draft without a symbol, from the shared corpus."""
    settings = index_of(tmp_path_factory.mktemp("layout"), [require_corpus() / UNNUMBERED_DRAFT])
    with running_server(settings.index_dir) as url:
        yield url


FITS = """() => {
  const wrap = document.querySelector('.concordance-wrap');
  const box = wrap.getBoundingClientRect();
  const where = Array.from(document.querySelectorAll('td.where-cell a')).map(a => a.getBoundingClientRect());
  return {scroll: wrap.scrollWidth, client: wrap.clientWidth, page: document.documentElement.scrollWidth,
          whereInside: where.every(r => r.left >= box.left - 1 && r.right <= box.right + 1)};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["impunity", '"human rights defenders"'])
def test_the_concordance_fits_its_box_and_shows_where_each_line_comes_from(server, browser, width, query):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server + f"/kwic?width=300&q={query}")
    fits = page.evaluate(FITS)
    assert fits["scroll"] <= fits["client"], fits  # nothing hidden behind a scroll bar
    assert fits["page"] <= width, fits
    assert fits["whereInside"], fits  # the symbol column is inside the window, not cut off
    if width > 760:  # a table: every keyword starts at the same x
        keywords = page.locator("td.keyword")
        assert len({round(keywords.nth(i).bounding_box()["x"]) for i in range(keywords.count())}) == 1
    page.close()


def test_each_concordance_line_shows_its_date_and_never_a_file_name_as_a_symbol(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + '/kwic?q="South+Sudan"')
    cells = page.locator("td.where-cell").all_inner_texts()
    assert cells and all("no symbol (file" not in cell for cell in cells)
    assert all("(no UN symbol)" in cell for cell in cells)
    # The draft prints no date; its job number "18-04038" says 2018 (parsing/metadata.py).
    assert set(page.locator("td.where-cell .when").all_inner_texts()) == {"2018"}
    page.goto(server + "/kwic?q=impunity")
    # The seeds' dates as printed: 64/163 "adopted by the General Assembly on 18 December 2009";
    # 2004/68 "57th meeting / 21 April 2004" at its end.
    dates = {cell.split()[0]: cell.split()[-1] for cell in page.locator("td.where-cell").all_inner_texts()}
    assert dates["A/RES/64/163"] == "2009-12-18" and dates["E/CN.4/RES/2004/68"] == "2004-04-21"
    page.goto(server + '/?q="South+Sudan"')
    heading = page.locator("article.resolution h2").first.inner_text()
    assert heading.startswith("Security Council draft") and "no symbol (file" not in heading
    page.close()


def test_on_a_phone_the_filters_open_above_the_results_and_apply(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(server + "/?q=impunity")
    toggle = page.get_by_role("button", name="Filters", exact=True)
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.bounding_box()["y"] < page.locator(".totals").bounding_box()["y"]  # before the results
    assert not page.get_by_role("checkbox", name="General Assembly").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    box = page.get_by_role("checkbox", name="General Assembly")
    assert box.is_visible()
    box.click()
    page.wait_for_url("**body=General+Assembly**")
    assert page.get_by_role("button", name="Filters (1 active)", exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
