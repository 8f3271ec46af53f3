"""The web pages a newcomer meets in the first hour (issue 17), over Flask's test client on a real
index of the three seeds: navigation keeps the researcher's place, a page past the last says so,
query echoes are quoted once, and the changes page speaks web terms."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys

# The Assembly's seed (A/RES/64/163, data/003_...) has 3 paragraphs with "impunity" (read in the
# text: "impunity for threats", "combating impunity", "the question of impunity").
GA_IMPUNITY = 3


def visible_text(page_html: str) -> str:
    """The page's text as read: tags (and the attribute values inside them) dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def links(page_html: str, css_class: str = "") -> list[str]:
    pattern = rf'<a {"class=" + chr(34) + css_class + chr(34) + " " if css_class else ""}href="([^"]+)"'
    return [html.unescape(h) for h in re.findall(pattern, page_html)]


def test_a_hit_opened_from_page_two_leads_back_to_page_two_with_its_filters_and_sort(client):
    search = "/?q=impunity&body=General+Assembly&sort=newest&per_page=1&page=2"
    page = client.get(search).get_data(as_text=True)
    [hit] = links(page, "where")
    assert hit.startswith("/documents/A/RES/64/163?q=impunity&body=General+Assembly&sort=newest&per_page=1&page=2#")
    document = client.get(hit.split("#")[0]).get_data(as_text=True)
    [back] = re.findall(r'<a href="([^"]+)">‹ Back to search</a>', document)
    assert html.unescape(back) == search
    assert "<mark>impunity</mark>" in document  # the query still highlights the document


def test_a_document_reached_by_another_spelling_keeps_the_search_through_the_redirect(client):
    response = client.get("/documents/64/163?q=impunity&body=GA&page=2")
    assert response.status_code == 302
    assert response.headers["Location"] == "/documents/A/RES/64/163?q=impunity&body=GA&page=2"


def test_a_query_syntax_error_keeps_every_filter_the_sort_and_the_page(client):
    response = client.get('/?q="human+rights&body=General+Assembly&sort=newest&page=2')
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "unbalanced quotation mark" in page
    form = page.split('role="search"')[1].split("</form>")[0]
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form)
    assert hidden == [("body", "General Assembly"), ("sort", "newest"), ("page", "2")]
    assert 'aria-label="Remove filter Body: General Assembly"' in page  # shown, and removable


def test_a_page_past_the_last_says_so_and_links_to_the_last_page(client):
    page = client.get("/?q=impunity&body=General+Assembly&per_page=1&page=50").get_data(as_text=True)
    assert (f"Page 50 is past the last page: these {GA_IMPUNITY} paragraphs fill {GA_IMPUNITY} pages."
            in page)
    assert links(page, "last-page") == [f"/?q=impunity&body=General+Assembly&per_page=1&page={GA_IMPUNITY}"]
    assert "No paragraphs match" not in page
    assert 'rel="prev"' not in page  # no "Previous" to page 49, past the last too


def test_a_concordance_page_past_the_last_says_so_and_links_to_the_last_page(client):
    # 11 occurrences of "impunity" in the seeds (test_web_browser's KWIC count): 3 pages of 5 lines.
    page = client.get("/kwic?q=impunity&per_page=5&page=50").get_data(as_text=True)
    assert "Page 50 is past the last page: these 11 lines fill 3 pages." in page
    assert links(page, "last-page") == ["/kwic?q=impunity&per_page=5&page=3&width=60"]
    assert "No occurrences" not in page and 'rel="prev"' not in page


def test_no_hits_are_said_once_and_a_phrase_is_echoed_in_its_own_quotes(client):
    page = client.get('/?q="human+rights+defenders"&year_from=1990&year_to=1991').get_data(as_text=True)
    text = html.unescape(page)
    assert 'No paragraphs match "human rights defenders" where year is 1990–1991.' in text
    assert "paragraphs match paragraphs" not in text
    assert 'Showing paragraphs matching "human rights defenders" where' in text
    assert '""' not in visible_text(page)
    word = html.unescape(client.get("/?q=impunity&year_from=1990&year_to=1991").get_data(as_text=True))
    assert 'No paragraphs match "impunity" where year is 1990–1991.' in word


def test_the_concordance_heading_quotes_a_phrase_once(client):
    page = client.get('/kwic?q="human+rights+defenders"').get_data(as_text=True)
    assert '<h1>Concordance of "human rights defenders"</h1>' in html.unescape(page)
    assert '""' not in visible_text(page)


def test_the_changes_page_of_a_first_text_speaks_web_terms(client):
    response = client.get("/documents/E/CN.4/RES/2002/70/changes")
    assert response.status_code == 404
    page = html.unescape(response.get_data(as_text=True))
    assert "E/CN.4/RES/2002/70 is the earliest text of its series in this index" in page
    assert "searchapp diff" not in page and "SYMBOL" not in page
    assert '<label for="against">Compare it with another document (its symbol)</label>' in page
    # The box compares with the newest text of the series; the form leads to the changes page.
    assert 'value="A/RES/64/163"' in page
    compared = client.get("/documents/E/CN.4/RES/2002/70/changes?against=A/RES/64/163")
    assert compared.status_code == 200
    # The API keeps its 404 with the message the CLI prints.
    api = client.get("/api/documents/E/CN.4/RES/2002/70/changes")
    assert api.status_code == 404 and "searchapp diff" in api.get_json()["error"]["message"]


def run_cli(settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "searchapp.cli", *args, "--index", str(settings.index_dir)],
                          capture_output=True, text=True, timeout=120)


def test_web_and_cli_both_say_reworded_for_a_paragraph_whose_words_changed(client, seed_settings):
    page = client.get("/documents/E/CN.4/RES/2004/68/changes").get_data(as_text=True)
    assert re.search(r"<strong>\d+</strong> reworded", page) and "<h2 id=\"heading-changed\">Reworded</h2>" in page
    assert " changed" not in re.sub(r"What changed|unchanged", "", html.unescape(page).split("<main")[1])
    cli = run_cli(seed_settings, "diff", "E/CN.4/RES/2004/68")
    assert cli.returncode == 0, cli.stderr
    first = cli.stdout.splitlines()[0]
    assert re.fullmatch(r"E/CN\.4/RES/2004/68 against E/CN\.4/RES/2002/70: 8 added, 0 dropped, \d+ reworded, "
                        r"\d+ unchanged", first), first
    assert "~ reworded " in cli.stdout and " changed" not in cli.stdout


def test_the_concordance_lists_lines_in_the_same_default_order_on_the_page_the_api_and_the_cli(
        client, seed_settings):
    """One default everywhere: the lines in hit order (the paragraphs' relevance order)."""
    page = client.get("/kwic?q=impunity").get_data(as_text=True)
    page_lines = [html.unescape(a) for a in re.findall(r'<td class="where-cell"><a href="[^"]+">([^<]+)</a>', page)]
    api = client.get("/api/kwic?q=impunity").get_json()
    api_lines = [f"{line['symbol']} {line['anchor']}" for line in api["lines"]]
    cli = run_cli(seed_settings, "kwic", "impunity", "--format", "json")
    assert cli.returncode == 0, cli.stderr
    cli_lines = [f"{line['symbol']} {line['anchor']}" for line in json.loads(cli.stdout)["lines"]]
    assert len(page_lines) == 11  # 11 occurrences in the seeds (test_web_browser's KWIC count)
    assert page_lines == api_lines == cli_lines
    assert 'option value="document" selected>Hit order' in page
