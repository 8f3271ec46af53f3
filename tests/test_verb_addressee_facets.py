"""How strongly, and to whom (issue 16 §5): the operative-verb and addressee facets, stored per
paragraph at index time and registered as filters, so they work in the JSON API, the CLI, the
query language, the search page and its permalink.

Golden verb counts come from regular expressions over the indexed paragraph texts (written here,
not the rules of research/operative.py); addressee labels from the hand-labelled sample
tests/data/addressee_sample.json (144 operative paragraphs, labelled by reading each)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from searchapp.search.request import SearchRequest

SAMPLE = Path(__file__).resolve().parent / "data" / "addressee_sample.json"

# "Also", "Further", "Furthermore", "Once again" before the verb are folded into it.
FOLD = r"^(?:(?:also|further|furthermore|once again|again|hereby)[\s,]+)*"
VERB_PATTERNS = {
    "Condemns": FOLD + r"condemns\b",
    "Strongly condemns": FOLD + r"strongly\s+condemns\b",
    "Urges": FOLD + r"urges\b",
    # "Calls upon, in this regard, States", "Calls also upon", "Calls once again upon" count.
    "Calls upon": FOLD + r"calls(?:\s+(?:also|further|once again|again))*\s+upon\b",
    "Requests": FOLD + r"requests\b",
    "Recalling": FOLD + r"recalling\b",
    "Deeply concerned": FOLD + r"deeply\s+concerned\b",
    "Expresses concern": FOLD + r"expresses\s+(?:its\s+)?concern\b",
}
RESOLUTION_KINDS = ("preambular", "operative")  # annex paragraphs and footnotes carry no verb


def indexed_texts(service) -> list[tuple[str, str, str, int, tuple[str, ...]]]:
    """(symbol, kind, text, number, addressees as indexed) of every indexed paragraph."""
    _, hits = service.export(SearchRequest())
    return [(h.symbol, h.paragraph_type, h.text, h.paragraph_number, h.addressees) for h in hits]


def regex_count(rows, pattern: str) -> int:
    found = re.compile(pattern, re.I)
    return sum(1 for _, kind, text, _, _ in rows if kind in RESOLUTION_KINDS and found.match(text))


def facet(result, name: str) -> dict[str, int]:
    return {v.value: v.count for v in result.facets[name].values}


def test_verb_facet_counts_equal_a_regex_count_over_the_seed_texts(seed_service):
    rows = indexed_texts(seed_service)
    verbs = facet(seed_service.search(SearchRequest(per_page=1)), "verb")
    for verb in ("Urges", "Requests", "Recalling", "Calls upon", "Condemns"):
        expected = regex_count(rows, VERB_PATTERNS[verb])
        assert expected > 0, verb  # each occurs in the seeds: the comparison means something
        assert verbs[verb] == expected, verb
        assert seed_service.count(SearchRequest(verbs=(verb,))) == expected


def test_verb_and_addressee_filters_in_the_api_the_query_language_and_the_cli(seed_settings, seed_service, client):
    rows = indexed_texts(seed_service)
    urges = regex_count(rows, VERB_PATTERNS["Urges"])
    api = client.get("/api/search?verb=urges&per_page=100").get_json()  # any case: the index's spelling
    assert api["total"] == urges and api["filters"] == {"verb": ["Urges"]}
    assert {h["verb"] for h in api["hits"]} == {"Urges"}
    assert seed_service.count(SearchRequest(query='verb:"urges"')) == urges
    found = subprocess.run([sys.executable, "-m", "searchapp.cli", "search", "", "--verb", "Urges", "--format",
                            "json", "--index", str(seed_settings.index_dir)], capture_output=True, text=True,
                           timeout=120, check=False)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == urges
    # A/RES/64/163 op7: "Also urges States to take appropriate measures to address ... impunity".
    states = client.get("/api/search?" + urlencode({"q": "impunity", "addressee": "States", "per_page": 100}))
    hits = states.get_json()["hits"]
    assert ("A/RES/64/163", "op7") in {(h["symbol"], h["anchor"]) for h in hits}
    assert all("States" in h["addressees"] and h["paragraph_type"] == "operative" for h in hits)
    # Several addressees are ORed; a paragraph addressing both is counted once in the total.
    either = seed_service.count(SearchRequest(addressees=("States", "Secretary-General")))
    each = [set(h.anchor + h.symbol for h in seed_service.iter_hits(SearchRequest(addressees=(a,))))
            for a in ("States", "Secretary-General")]
    assert either == len(each[0] | each[1]) and each[0] and each[1]


def test_an_unknown_verb_is_refused_with_the_closest_values(seed_settings, client):
    response = client.get("/api/search?verb=Condemn")
    assert response.status_code == 400
    assert "unknown opening verb 'Condemn'" in response.get_json()["error"]["message"]
    assert "Condemns" in response.get_json()["error"]["message"]
    refused = subprocess.run([sys.executable, "-m", "searchapp.cli", "search", "", "--addressee", "Martians",
                              "--index", str(seed_settings.index_dir)], capture_output=True, text=True,
                             timeout=120, check=False)
    assert refused.returncode == 1 and "unknown addressee 'Martians'" in refused.stderr


def test_the_search_page_lists_both_facets_and_its_permalink_keeps_them(client):
    html = client.get("/?" + urlencode({"q": "impunity", "verb": "Urges", "addressee": "States"})).get_data(
        as_text=True)
    assert "<legend>Verb</legend>" in html and "<legend>Addressee</legend>" in html
    assert re.search(r'<input type="checkbox" name="verb" value="Urges"\s+checked>', html)
    assert re.search(r'<input type="checkbox" name="addressee" value="States"\s+checked>', html)
    assert "Remove filter Verb: Urges" in html and "Remove filter Addressee: States" in html
    permalink = re.search(r'class="permalink-link" href="([^"]*)"', html).group(1).replace("&amp;", "&")
    assert permalink == "http://localhost/?q=impunity&verb=Urges&addressee=States"
    csv_text = client.get("/export.csv?" + urlencode({"q": "impunity", "verb": "Urges"})).get_data(as_text=True)
    lines = csv_text.removeprefix("\ufeff").splitlines()
    assert len(lines) == 1 + client.get("/api/search?q=impunity&verb=Urges").get_json()["total"]
    assert all(",Urges," in line for line in lines[1:])


@pytest.mark.slow
def test_verb_facet_counts_equal_a_regex_count_over_the_corpus_texts(whole_corpus_service):
    rows = indexed_texts(whole_corpus_service)
    verbs = facet(whole_corpus_service.search(SearchRequest(per_page=1)), "verb")
    counted = {}
    for verb, pattern in VERB_PATTERNS.items():
        counted[verb] = regex_count(rows, pattern)
        assert verbs.get(verb, 0) == counted[verb], verb
    print("verb counts over the corpus:", counted)
    # Preambular and operative paragraphs only: no annex paragraph or footnote has a verb.
    annexed = whole_corpus_service.search(SearchRequest(parts=("annex", "footnote"), per_page=1))
    assert facet(annexed, "verb") == {}


def _sample_labels_as_indexed(services, sample) -> list[tuple[set[str], set[str]]]:
    """(hand labels, labels the index stored) of each sample paragraph, found by symbol and
    operative number (the first 30 characters of its opening telling apart a repeated number)."""
    pairs = []
    for paragraph in sample:
        service = services["seeds" if paragraph["file"].startswith("seeds/") else "corpus"]
        opening = " ".join(paragraph["opening"].split())[:30].casefold()
        hits = [h for h in service.iter_hits(SearchRequest(symbols=(paragraph["symbol"],), types=("operative",)))
                if h.paragraph_number == paragraph["number"]]
        if len(hits) > 1:
            hits = [h for h in hits if " ".join(h.text.split()).casefold().startswith(opening)]
        assert len(hits) == 1, (paragraph["symbol"], paragraph["number"], len(hits))
        pairs.append((set(paragraph["addressees"]), set(hits[0].addressees)))
    return pairs


@pytest.mark.slow
def test_addressees_in_the_index_match_the_hand_labelled_sample(whole_corpus_service, seed_service):
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert len(sample) == 144
    pairs = _sample_labels_as_indexed({"seeds": seed_service, "corpus": whole_corpus_service}, sample)
    found = sum(len(got) for _, got in pairs)
    wanted = sum(len(want) for want, _ in pairs)
    right = sum(len(want & got) for want, got in pairs)
    print(f"addressees as indexed: precision {right}/{found} = {right / found:.1%}, "
          f"recall {right}/{wanted} = {right / wanted:.1%}")
    assert right / found >= 0.9 and right / wanted >= 0.9
    # The facet counts what the paragraphs carry: over the sample's corpus documents, each
    # addressee's count is the number of their operative paragraphs labelled with it.
    symbols = tuple(sorted({p["symbol"] for p in sample if not p["file"].startswith("seeds/")}))
    request = SearchRequest(symbols=symbols, types=("operative",), per_page=1)
    carried: dict[str, int] = {}
    for hit in whole_corpus_service.iter_hits(request):
        for name in hit.addressees:
            carried[name] = carried.get(name, 0) + 1
    assert facet(whole_corpus_service.search(request), "addressee") == carried
    assert carried["States"] >= 30  # the sample's commonest label (39 of its 144 paragraphs)
