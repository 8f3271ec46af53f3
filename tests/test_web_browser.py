"""End to end in Debian's Chromium (driven by Playwright): the real server on a loopback port."""

from __future__ import annotations

import csv
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_settings):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index",
                                str(seed_settings.index_dir), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("server did not start: " + process.stderr.read().decode())
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required for the browser tests (scripts/test.sh installs it)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def test_search_narrow_open_in_context_and_export(server, browser, tmp_path):
    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.get_by_label("Search paragraphs").fill("impunity")
    page.get_by_label("Search paragraphs").press("Enter")
    page.wait_for_url("**/?q=impunity")
    assert "9 paragraphs in 3 resolutions" in page.locator(".totals").inner_text()
    assert page.locator("mark").count() >= 9

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-page.png"), full_page=True)

    # Ticking a body facet submits at once (JavaScript) and narrows results and counts.
    page.get_by_label("General Assembly").check()
    page.wait_for_url("**body=General+Assembly**")
    assert "3 paragraphs in 1 resolutions" in page.locator(".totals").inner_text()
    assert page.locator(".chip").first.inner_text().startswith("Body: General Assembly")

    # Follow a hit to its paragraph in the document page.
    page.locator(".hit a.where").first.click()
    page.wait_for_url("**/documents/A/RES/64/163?q=impunity#**")
    anchor = page.url.split("#")[1]
    target = page.locator(f"#{anchor}")
    assert target.is_visible()
    assert target.locator("mark").count() >= 1
    assert target.evaluate("el => getComputedStyle(el).borderTopColor") != "rgb(216, 221, 229)"

    # The back button restores the filtered search.
    page.go_back()
    page.wait_for_url("**body=General+Assembly**")
    assert "3 paragraphs in 1 resolutions" in page.locator(".totals").inner_text()

    # Export every hit as CSV.
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / "export.csv"
    info.value.save_as(path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
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
    assert "2 paragraphs in 2 resolutions" in page.locator(".totals").inner_text()
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
