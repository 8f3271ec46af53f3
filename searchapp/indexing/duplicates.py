"""One document per symbol: when several files hold the same resolution (a PDF and its text twin,
a printed text and its one-line copy with subject tags), which one is indexed (DUPLICATE_RULE), and
saying so once, on the run that decided (issue 15), not on every later run.

Records are the run's `current` files record (name -> {"sha1", "symbol", "paragraphs", "skipped",
"duplicate_of"}); verdicts go to IndexSummary.duplicates, which are not failures (exit code 4 stays
for files that failed).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from searchapp.engine.writing import document_record
from searchapp.indexing.inputs import fingerprint
from searchapp.indexing.summary import IndexSummary, Skipped
from searchapp.models import Document

DUPLICATE_RULE = ("the PDF first (the original the UN published), then more paragraphs; on a tie, "
                  "the one with subject tags, then the earlier file name")


def _preference(source: str, paragraphs: int, tagged: bool) -> tuple:
    """Sorts the copies of one symbol, the one to index first (DUPLICATE_RULE). A PDF beats a
    text copy: the corpus's texts were extracted from these PDFs by a third party and keep
    footnote markers as words ("Women 6 and the Convention") and, in A/RES/80/185, a paragraph
    cut in two, so "more paragraphs" would pick the worse copy."""
    return (not source.lower().endswith(".pdf"), -paragraphs, not tagged, source)


def requeue_duplicates(current: dict, to_parse: list[tuple[str, Path]], path_of: dict[str, Path],
                        summary: IndexSummary) -> dict[str, str]:
    """Files that lost a duplicate contest earlier compete again when their winner may have
    changed: it is gone, or parsed again in this run (a loser and its winner both unchanged would
    give the same verdict, so they are left alone, and a PDF loser is not laid out again). Returns
    each re-queued file's earlier verdict, so that the same verdict is not reported twice: a
    duplicate is said once, on the run that decided it (issue 15), not on every later run."""
    queued = {name for name, _ in to_parse}
    holders = {rec["symbol"]: name for name, rec in current.items() if rec.get("symbol")}
    decided: dict[str, str] = {}
    for name, rec in current.items():
        verdict = str(rec.get("skipped", ""))
        if name not in path_of or name in queued or not verdict.startswith("duplicate of"):
            continue
        holder = holders.get(rec.get("duplicate_of"))  # records before this key: always compete again
        if holder is not None and holder not in queued:
            continue
        decided[name] = verdict
        current[name] = {"sha1": rec["sha1"], "symbol": None, "paragraphs": 0}
        to_parse.append((name, path_of[name]))
        summary.files_unchanged -= 1
    return decided


def requeue_incumbents(parsed: list[Document], current: dict, to_parse: list[tuple[str, Path]],
                       path_of: dict[str, Path], data_dir: Path,
                       summary: IndexSummary) -> tuple[dict[str, str], dict[str, bool]]:
    """The unchanged files already indexed under a symbol that a file parsed in this run also
    holds compete again, read afresh, so that an incremental run decides as a rebuild would: the
    files record keeps no subject tags, so e.g. `index ga-resolutions`, then `index ga-with-tags`
    kept the untagged A_RES_78_221.txt though both copies have 109 paragraphs and the rule prefers
    the tagged one on a tie. The incumbent may lie outside this run's paths (it stays indexed):
    it is found under the data folder, and re-read only if unchanged (same sha1); else the
    contest falls back to the paragraph count of its record. Appends the incumbents (and the
    files that earlier lost to them, see requeue_duplicates) to `to_parse`; returns those losers'
    earlier verdicts and the incumbents (name -> whether this run's paths hold it, so that it
    was counted unchanged)."""
    queued = {name for name, _ in to_parse}
    symbols = {document.symbol for document in parsed}
    incumbents: dict[str, bool] = {}
    for name, rec in current.items():
        if name in queued or rec.get("symbol") not in symbols or rec.get("skipped"):
            continue
        path = path_of.get(name)
        incumbents[name] = path is not None
        if path is None:  # outside this run's paths: where the earlier run found it
            path = Path(os.path.abspath(data_dir / name))
            try:
                if fingerprint(path) != rec["sha1"]:
                    del incumbents[name]
                    continue
            except OSError:
                del incumbents[name]
                continue
        else:
            summary.files_unchanged -= 1
        path_of[name] = path
        to_parse.append((name, path))
    return requeue_duplicates(current, to_parse, path_of, summary), incumbents


def kept_as_indexed(winners: list[Document], incumbents: dict[str, bool], live: Path | None,
                    summary: IndexSummary) -> set[str]:
    """The incumbents that won again exactly as the live generation holds them (same
    documents.json record: tags, paragraph count, source): they are not written again, nor
    counted as indexed (a later `index ga-resolutions` beside the tagged copies indexes none of
    the 54 printed twins). Removes them from `winners`; returns their names."""
    if not incumbents or live is None:
        return set()
    try:
        records = json.loads((live / "documents.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    same = {d.source for d in winners if d.source in incumbents
            and records.get(d.symbol) == document_record(d)}
    winners[:] = [d for d in winners if d.source not in same]
    summary.files_unchanged += sum(1 for name in same if incumbents[name])
    return same


def resolve_duplicates(parsed: list[Document], current: dict, summary: IndexSummary,
                        decided: dict[str, str] | None = None) -> tuple[list[Document], list[str]]:
    """One document per symbol, chosen by DUPLICATE_RULE. A winner without tags takes a loser's:
    the corpus has 54 General Assembly texts twice, as printed (more reliable paragraphs) and as a
    one-line copy carrying the real subject tags, and a researcher filtering by tag needs both.
    The copies not indexed are listed in summary.duplicates (not failures).

    Returns the winners to add and the unchanged files whose indexed copy they displace.
    `decided`: the earlier verdicts of files that compete again; a verdict unchanged is not
    reported again.
    """
    decided = decided or {}
    owners = {rec["symbol"]: name for name, rec in current.items() if rec.get("symbol")}
    candidates: dict[str, list] = {}
    for document in parsed:
        candidates.setdefault(document.symbol, []).append(document)
    winners, evicted = [], []
    for symbol, documents in candidates.items():
        documents.sort(key=lambda d: _preference(d.source, len(d.paragraphs), bool(d.tags)))
        best = documents[0]
        tagged = next((d for d in documents if d.tags), None)
        if tagged is not None and not best.tags:
            best.tags = tagged.tags
        holder = owners.get(symbol)  # re-read (requeue_incumbents) unless its file changed
        if holder in {d.source for d in documents}:
            holder = None  # it competes as one of the documents
        if holder and \
                _preference(holder, current[holder].get("paragraphs", 0), False)[:2] <= \
                _preference(best.source, len(best.paragraphs), False)[:2]:
            losers = documents  # an unchanged file already holds this symbol and is as good
            winner_name = holder
        else:
            losers = documents[1:]
            winner_name = best.source
            winners.append(best)
            if holder and holder != best.source:
                evicted.append(holder)
                current[holder].update(symbol=None, paragraphs=0, duplicate_of=symbol,
                                       skipped=f"duplicate of {symbol}: kept {best.source} ({DUPLICATE_RULE})")
                summary.duplicates.append(Skipped(holder, current[holder]["skipped"]))
            current[best.source].update(symbol=symbol, paragraphs=len(best.paragraphs))
            current[best.source].pop("skipped", None)
            current[best.source].pop("duplicate_of", None)
        for loser in losers:
            reason = f"duplicate of {symbol}: kept {winner_name} ({DUPLICATE_RULE})"
            if loser is tagged and winner_name == best.source and loser is not best:
                reason += f"; its subject tags were given to {winner_name}"
            current[loser.source].update(symbol=None, paragraphs=0, skipped=reason, duplicate_of=symbol)
            if decided.get(loser.source) != reason:
                summary.duplicates.append(Skipped(loser.source, reason))
    return winners, evicted
