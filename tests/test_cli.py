"""The `searchapp` command as a researcher runs it: real processes, a real index, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import cli, copy_seeds

EXE = [sys.executable, "-m", "searchapp.cli"]


def run(*args, cwd=None):
    return subprocess.run([*EXE, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    copy_seeds(tmp / "data")
    (tmp / "config.toml").write_text('[paths]\ndata_dir = "data"\nindex_dir = "idx"\n')
    result = run("index", "--config", str(tmp / "config.toml"))
    assert result.returncode == 0, result.stderr
    return tmp


@pytest.mark.slow
def test_index_prints_a_summary_and_second_run_does_no_work(indexed):
    again = run("index", "--config", str(indexed / "config.toml"))
    assert again.returncode == 0
    assert "up to date, nothing to do" in again.stdout
    assert "documents: 3" in again.stdout


@pytest.mark.slow
def test_search_json_lists_every_impunity_paragraph_with_facets(indexed):
    result = run("search", "impunity", "--format", "json", "--all", "--config", str(indexed / "config.toml"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["total"], data["documents"], data["mentions"]) == (9, 3, 11)
    assert len(data["hits"]) == 9
    assert {f["value"]: f["count"] for f in data["facets"]["body"]} == {
        "Commission on Human Rights": 6, "General Assembly": 3}
    assert set(data["facets"]) == {"body", "year", "session", "paragraph_type", "tags", "document_type",
                                   "committee", "agenda_items", "sponsors", "language", "part", "verb",
                                   "addressee"}
    # The seeds: two Commission texts and A/RES/64/163 (Third Committee, no agenda line), all
    # English resolutions; only the one-line 64/163 carries subject tags.
    assert {f["value"]: f["count"] for f in data["facets"]["document_type"]} == {"resolution": 9}
    assert data["facet_coverage"]["tags"] == {"documents_with_values": 1, "documents": 3}
    hit = data["hits"][0]
    assert set(hit) >= {"symbol", "title", "body", "year", "session", "date", "paragraph_type",
                        "paragraph_number", "text", "highlight", "score", "verb", "addressees"}


@pytest.mark.slow
def test_search_csv_and_filters(indexed):
    result = run("search", "impunity", "--format", "csv", "--all", "--body", "General Assembly",
                 "--config", str(indexed / "config.toml"))
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["\ufeffsymbol", "title", "body", "document_type", "date", "year", "session", "committee",
                       "language", "part", "paragraph_type", "paragraph_number", "verb", "addressees", "anchor_url",
                       "official_url", "mentions", "text"]
    assert len(rows) == 4 and all(r[0] == "A/RES/64/163" for r in rows[1:])


@pytest.mark.slow
def test_text_output_marks_hits(indexed):
    result = run("search", "impunity", "--type", "operative", "--config", str(indexed / "config.toml"))
    assert result.returncode == 0
    assert "3 paragraphs in 3 documents" in result.stdout
    assert "[impunity]" in result.stdout


@pytest.mark.slow
def test_show_prints_the_document(indexed):
    result = run("show", "E/CN.4/RES/2004/68", "--format", "json", "--config", str(indexed / "config.toml"))
    data = json.loads(result.stdout)
    assert data["symbol"] == "E/CN.4/RES/2004/68" and data["session"] == 60
    missing = run("show", "A/RES/1/1", "--config", str(indexed / "config.toml"))
    assert missing.returncode == 1 and "no document" in missing.stderr


@pytest.mark.slow
def test_bad_query_exits_1_without_traceback(indexed):
    result = run("search", '"unclosed', "--config", str(indexed / "config.toml"))
    assert result.returncode == 1
    assert "unbalanced quotation mark" in result.stderr and "Traceback" not in result.stderr
    usage = run("search", "x", "--sort", "sideways", "--config", str(indexed / "config.toml"))
    assert usage.returncode == 1


def test_no_index_exits_2_and_says_what_to_do(tmp_path):
    result = run("search", "impunity", "--index", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert "run `searchapp index`" in result.stderr


@pytest.mark.slow
def test_incremental_update_adds_changes_and_removes(tmp_path):
    data = copy_seeds(tmp_path / "data")
    config = tmp_path / "config.toml"
    config.write_text('[paths]\ndata_dir = "data"\nindex_dir = "idx"\n')
    assert run("index", "--config", str(config)).returncode == 0
    seed = sorted(data.glob("000_*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8").replace("impunity", "zyxwvimpunity", 1), encoding="utf-8")
    (sorted(data.glob("001_*.txt"))[0]).unlink()
    result = run("index", "--config", str(config), "--format", "json")
    summary = json.loads(result.stdout)
    assert (summary["files_indexed"], summary["files_unchanged"], summary["files_removed"]) == (1, 1, 1)
    found = json.loads(run("search", "zyxwvimpunity", "--format", "json", "--config", str(config)).stdout)
    assert found["total"] == 1
    gone = json.loads(run("search", "impunity", "--format", "json", "--config", str(config)).stdout)
    assert {h["symbol"] for h in gone["hits"]} == {"E/CN.4/RES/2004/68", "A/RES/64/163"}


@pytest.mark.slow
def test_bad_files_are_reported_and_the_rest_indexed(tmp_path):
    data = copy_seeds(tmp_path / "data")
    (data / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    (data / "empty.txt").write_text("")
    config = tmp_path / "config.toml"
    config.write_text('[paths]\ndata_dir = "data"\nindex_dir = "idx"\n')
    result = run("index", "--config", str(config))
    assert result.returncode == 4
    assert "skipped scan.txt" in result.stderr and "skipped empty.txt" in result.stderr
    assert "documents: 3" in result.stdout


def test_a_misspelt_query_without_hits_is_offered_the_correction_and_no_empty_facet_lines(seed_settings):
    """'impunty' is in no seed; 'impunity' is printed in all three (read in data/)."""
    done = cli(seed_settings, "search", "impunty")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["0 paragraphs in 0 documents, 0 mentions (page 1 of 1)",
                                        "No paragraphs match. Try fewer words, drop a filter, or remove quotes.",
                                        "Did you mean: impunity?"]


@pytest.mark.slow
def test_totals_say_one_document_not_one_documents(indexed):
    # The seeds' GA text A/RES/64/163 is the one GA document holding "impunity" (three paragraphs).
    result = run("search", "impunity", "--body", "General Assembly", "--config", str(indexed / "config.toml"))
    assert result.returncode == 0
    assert "3 paragraphs in 1 document, " in result.stdout
