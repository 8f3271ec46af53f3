"""The agreed-language finder measured (issue 16 §3): is a reworded paragraph's predecessor found first?

    .venv/bin/python bench/similar.py --index INDEX_DIR [--similarity rapidfuzz,difflib] [--every N] [--out FILE]

INDEX_DIR is a searchapp index of the shared corpus (`searchapp index ../shared/corpus --index
INDEX_DIR`). The test set is the reworded paragraphs of the corpus's series, as the changes view
finds them: for each series of the index (relations.json), its resolutions (drafts left out: a
draft is the same text at another stage) are taken two by two in date order, their paragraphs
aligned (research/alignment.py), and each pair matched but not word-for-word equal is one case
(older paragraph, newer paragraph). Left out: pairs of two texts adopted the same day (neither
is the other's predecessor: 78/46 and 78/47 on arms, 4 December 2023) and footnotes (they cite
documents; the finder leaves them out by default). `--every N` keeps every Nth pair of texts.

For each case the finder is asked, as a researcher would, for earlier wording like the newer
paragraph (`paragraph=NEWER#ANCHOR`, `earlier`). Success ("first"): the older paragraph is listed
first. Counted apart: another paragraph with the older one's very words listed first (the same
wording from another text: the finder cannot tell them apart). Figures are given for every pair
and for the pairs whose two texts have the same title (a resolution re-adopted, "Human rights
defenders" 2023 -> 2025): a series also joins texts of related titles (Guam and Bermuda in the
decolonization texts, "sport" and "Olympic Truce"), where the text before by date is often not the
clause's predecessor, and the finder rightly lists the closer wording of another text first.
Latency: each call's wall time in this process (the service as the API calls it), p50 and p95
after one warm-up call, sequentially. Two wording similarities are compared on the same
candidates: RapidFuzz's Indel ratio (what the finder uses) and difflib's SequenceMatcher ratio
(what the changes view uses), each inside alignment.py's rule 3.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.figures import machine_load, print_figures  # noqa: E402
from searchapp.config import Settings  # noqa: E402
from searchapp.models import FOOTNOTE, RESOLUTION  # noqa: E402
from searchapp.research import similar as similar_module  # noqa: E402
from searchapp.research.alignment import as_read, compare, words_similarity  # noqa: E402
from searchapp.research.relations import RELATIONS_FILE  # noqa: E402
from searchapp.search.request import SearchRequest  # noqa: E402
from searchapp.search.service import SearchService  # noqa: E402
from searchapp.text.analysis import normalise_text  # noqa: E402

SIMILARITIES = {"rapidfuzz": similar_module.wording_similarity, "difflib": words_similarity}


def reworded_pairs(service: SearchService, *, every: int = 1) -> list[dict]:
    """The reworded paragraph pairs of the index's series (see the module docstring): {"older",
    "older_anchor", "newer", "newer_anchor", "older_text", "same_title"}, in series order;
    `every`: only every Nth pair of texts."""
    snapshot = service.handle.snapshot()
    records = snapshot.table.records
    texts = []
    for series in snapshot.sidecar_json(RELATIONS_FILE)["series"]:
        members = [s for s in series["symbols"]
                   if s in snapshot.symbol_index
                   and records[snapshot.symbol_index[s]].get("document_type", RESOLUTION) == RESOLUTION]
        texts.extend(zip(members, members[1:]))
    pairs = []
    for older, newer in texts[::every]:
        old_record, new_record = (records[snapshot.symbol_index[s]] for s in (older, newer))
        if not old_record["date"] or not new_record["date"] or old_record["date"] >= new_record["date"]:
            continue
        same_title = _title(old_record["title"]) == _title(new_record["title"])
        changes = compare(snapshot.document_model(snapshot.symbol_index[older]),
                          snapshot.document_model(snapshot.symbol_index[newer]))
        for changed in changes.changed:
            if changed.newer.kind == FOOTNOTE:
                continue
            pairs.append({"older": older, "older_anchor": changed.older.anchor, "newer": newer,
                          "newer_anchor": changed.newer.anchor, "older_text": changed.older.text,
                          "same_title": same_title})
    return pairs


def _title(title: str) -> str:
    """"78/216. Human rights defenders" -> "human rights defenders"."""
    return " ".join(re.sub(r"^\s*\d+/\d+\.\s*", "", normalise_text(title or "")).casefold().split())


def evaluate(service: SearchService, pairs: list[dict], similarity: str = "rapidfuzz") -> dict:
    """Ranking and latency of the finder over `pairs` with one wording similarity: for every
    pair and for the same-title pairs, {"pairs", "first", "same_words_first", "in_top_10"}."""
    chosen = SIMILARITIES[similarity]
    saved = similar_module.wording_similarity
    similar_module.wording_similarity = chosen  # find_similar reads the module's function
    groups = {"all": _counts(), "same_title": _counts()}
    seconds, misses = [], []
    try:
        if pairs:
            _ask(service, pairs[0])  # warm-up: postings, stored columns and draft links loaded once
        for pair in pairs:
            started = time.perf_counter()
            result = _ask(service, pair)
            seconds.append(time.perf_counter() - started)
            found = [(r.symbol, r.anchor) for r in result.results]
            wanted = (pair["older"], pair["older_anchor"])
            outcome = ("first" if found[:1] == [wanted] else
                       "same_words_first" if found and _words(result.results[0].text) == _words(pair["older_text"])
                       else "miss")
            for name in ("all", "same_title") if pair["same_title"] else ("all",):
                groups[name]["pairs"] += 1
                groups[name]["in_top_10"] += wanted in found
                if outcome != "miss":
                    groups[name][outcome] += 1
            if outcome == "miss":
                misses.append({**{k: pair[k] for k in ("older", "older_anchor", "newer", "newer_anchor", "same_title")},
                               "listed_first": found[0] if found else None})
    finally:
        similar_module.wording_similarity = saved
    ordered = sorted(seconds)
    return {"similarity": similarity, **groups,
            "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
            "p95_ms": round(1000 * ordered[max(0, int(0.95 * len(ordered)) - 1)], 1) if ordered else None,
            "max_ms": round(1000 * ordered[-1], 1) if ordered else None,
            "misses": misses}


def _counts() -> dict:
    return {"pairs": 0, "first": 0, "same_words_first": 0, "in_top_10": 0}


def _words(text: str) -> list[str]:
    return as_read(text).split()


def _ask(service: SearchService, pair: dict):
    return service.similar(SearchRequest(), paragraph=f"{pair['newer']}#{pair['newer_anchor']}", earlier=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True, type=Path, help="index of the shared corpus")
    parser.add_argument("--similarity", default="rapidfuzz,difflib", help="comma-separated: rapidfuzz, difflib")
    parser.add_argument("--every", type=int, default=1, help="only every Nth pair of texts (default: all)")
    parser.add_argument("--out", type=Path, help="write the figures and the misses as JSON")
    args = parser.parse_args(argv)
    service = SearchService(Settings(data_dir=args.index.parent, index_dir=args.index))
    started = time.perf_counter()
    pairs = reworded_pairs(service, every=args.every)
    same = sum(p["same_title"] for p in pairs)
    print(f"{len(pairs)} reworded paragraph pairs in the index's series, {same} between texts of the same title "
          f"({time.perf_counter() - started:.1f} s)")
    figures = []
    for name in args.similarity.split(","):
        load_before = machine_load()
        result = evaluate(service, pairs, name.strip())
        result["load"] = {"before": load_before, "after": machine_load()}
        figures.append(result)
        rows = []
        for group in ("all", "same_title"):
            counts = result[group]
            rows.append((f"{name} {group}", [("predecessor first", counts["first"]),
                                             ("or its very words first", counts["first"] + counts["same_words_first"]),
                                             ("in the top 10", counts["in_top_10"])], counts["pairs"], ""))
        print_figures(rows)
        print(f"{name} latency: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms "
              f"over {len(pairs)} calls, one process, sequential ({load_before} before, {machine_load()} after)")
    print(f"bench/similar.py ran {time.perf_counter() - started:.0f} s")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
