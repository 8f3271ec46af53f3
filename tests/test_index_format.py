"""An index knows how it was built (issue 13 §1): its format record decides the analysis, and an
index that this searchapp or this config.toml would read differently from how it was written
is refused with "run `searchapp index --rebuild`" (exit 2, HTTP 503) naming the difference.

Every case runs the real command in a subprocess and the real server over HTTP, on a copy of a
real index of the seeds, broken the way it happens in the field.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_seeds, running_server
from nltk.stem.snowball import SnowballStemmer

from searchapp.engine.format import FORMAT_FILE, FORMAT_VERSION

pytestmark = pytest.mark.slow  # see README: the fast subset is `pytest -m "not slow"`

EXE = [sys.executable, "-m", "searchapp.cli"]
REBUILD = "run `searchapp index --rebuild`"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*EXE, *args], capture_output=True, text=True, timeout=300, check=False)


def write_config(folder: Path, stemmer: str | None = None) -> Path:
    path = folder / ("config.toml" if stemmer is None else f"config-{stemmer}.toml")
    text = '[paths]\ndata_dir = "data"\nindex_dir = "index"\n'
    if stemmer is not None:
        text += f'[analysis]\nstemmer = "{stemmer}"\n'
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A folder with data/ (the seeds), index/ built by `searchapp index`, and config.toml."""
    tmp = tmp_path_factory.mktemp("format")
    copy_seeds(tmp / "data")
    result = run("index", "-q", "--config", str(write_config(tmp)))
    assert result.returncode == 0, result.stderr
    return tmp


def generation(folder: Path) -> Path:
    index = folder / "index"
    return index / (index / "CURRENT").read_text().strip()


def edit_record(folder: Path, change) -> None:
    path = generation(folder) / FORMAT_FILE
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    text = json.dumps(record)
    # keep the size sizes.json lists: the damage looked for here is not a file cut short
    size = path.stat().st_size
    assert len(text) <= size
    path.write_text(text.ljust(size), encoding="utf-8")


def other_common_words(folder: Path) -> None:
    edit_record(folder, lambda r: r.update(common_stems_digest="0123456789abcdef"))


def older_format(folder: Path) -> None:
    edit_record(folder, lambda r: r.update(format_version=FORMAT_VERSION - 1))


def no_record(folder: Path) -> None:
    """What a generation written before format records looks like."""
    gen = generation(folder)
    (gen / FORMAT_FILE).unlink()
    sizes = json.loads((gen / "sizes.json").read_text())
    del sizes[FORMAT_FILE]
    (gen / "sizes.json").write_text(json.dumps(sizes))


def schema_module_moved(folder: Path) -> None:
    """Whoosh pickles the analyzers by module path: as if engine/schema.py had been renamed."""
    tocs = sorted(generation(folder).glob("_MAIN_*.toc"))
    latest = tocs[-1]
    data = latest.read_bytes()
    assert b"searchapp.engine.schema" in data
    latest.write_bytes(data.replace(b"searchapp.engine.schema", b"searchapp.engine.schemX"))


def config_asks_french(folder: Path) -> None:
    pass  # the index is fine; the config disagrees


# case -> (how the index is broken, the config stemmer, the difference the message names)
CASES = {
    "config-stemmer": (config_asks_french, "french",
                       r"built with stemmer english, config\.toml \(\[analysis\] stemmer\) asks for french"),
    "common-words": (other_common_words, None,
                     r"different common-word list \(digest 0123456789abcdef, this searchapp's is [0-9a-f]{16}\)"),
    "older-format": (older_format, None,
                     rf"format version {FORMAT_VERSION - 1}, this searchapp reads format version {FORMAT_VERSION}"),
    "no-record": (no_record, None, r"built by an older searchapp \(format version 1, no format\.json\)"),
    "schema-moved": (schema_module_moved, None,
                     r"refers to code this searchapp does not have \(ModuleNotFoundError: "
                     r"No module named 'searchapp\.engine\.schemX'\)"),
}


@pytest.fixture(params=sorted(CASES))
def broken(request, built, tmp_path) -> tuple[Path, Path, str]:
    """A copy of the built folder, broken as the case says: (folder, config, expected message)."""
    breaker, stemmer, message = CASES[request.param]
    folder = tmp_path / "copy"
    shutil.copytree(built, folder)
    breaker(folder)
    return folder, write_config(folder, stemmer), message


def test_search_refuses_an_index_it_would_read_differently_and_names_the_difference(broken):
    folder, config, message = broken
    result = run("search", "defenders", "--config", str(config))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert re.search(message, result.stderr), result.stderr
    assert REBUILD in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_server_answers_503_naming_the_difference(broken):
    folder, config, message = broken
    with running_server(folder / "index", "--config", str(config)) as url:
        for path, is_json in (("/api/search?q=defenders", True), ("/?q=defenders", False)):
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(url + path, timeout=60)
            assert answer.value.code == 503
            body = answer.value.read().decode("utf-8")
            text = json.loads(body)["error"]["message"] if is_json else body.replace("&#39;", "'").replace(
                "&#96;", "`")
            assert re.search(message, text), text
            assert "searchapp index --rebuild" in text


def test_an_incremental_run_refuses_to_append_and_leaves_the_index_as_it_was(broken):
    folder, config, message = broken
    changed = sorted((folder / "data").glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a new hash
    before = sorted(p.name for p in (folder / "index").iterdir())
    live = generation(folder)
    result = run("index", "-q", "--config", str(config))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert re.search(message, result.stderr) and REBUILD in result.stderr, result.stderr
    assert sorted(p.name for p in (folder / "index").iterdir()) == before
    assert generation(folder) == live


def test_rebuild_repairs_the_index_and_records_the_configured_analysis(broken, built):
    folder, config, _ = broken
    result = run("index", "--rebuild", "-q", "--config", str(config))
    assert result.returncode == 0, result.stderr
    record = json.loads((generation(folder) / FORMAT_FILE).read_text(encoding="utf-8"))
    wanted = "french" if "french" in config.name else "english"
    assert record["format_version"] == FORMAT_VERSION
    assert record["analysis"]["stemmer_language"] == wanted
    # Snowball's matching: a French index's default, an English one's `family:` (its default
    # matches inflections only, tests/test_matching_probes.py).
    query = "defenders" if wanted == "french" else "family:defenders"
    repaired = run("search", query, "--all", "--format", "json", "--config", str(config))
    assert repaired.returncode == 0, repaired.stderr
    expected = stem_matches(all_paragraphs(folder, config), wanted, "defenders")
    assert {(h["symbol"], h["anchor"]) for h in json.loads(repaired.stdout)["hits"]} == expected


def all_paragraphs(folder: Path, config: Path) -> list[dict]:
    """Every indexed paragraph (an empty query lists them all)."""
    result = run("search", "", "--all", "--format", "json", "--config", str(config))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["hits"]


def stem_matches(paragraphs: list[dict], language: str, word: str) -> set[tuple[str, int]]:
    """The oracle: paragraphs with a word (letters, split at hyphens and apostrophes as printed)
    whose Snowball stem in `language` is the query word's."""
    stemmer = SnowballStemmer(language)
    target = stemmer.stem(word)
    return {(p["symbol"], p["anchor"]) for p in paragraphs
            if any(stemmer.stem(w.lower()) == target for w in re.findall(r"[^\W\d_]+", p["text"]))}


def test_a_french_index_is_built_searched_and_highlighted_with_french(tmp_path):
    """The issue's defect: `stemmer = "french"` reached only the search side (0 paragraphs for
    "defenders" on the seeds). Now indexing, search and highlighting all use the index's record."""
    copy_seeds(tmp_path / "data")
    config = write_config(tmp_path, "french")
    assert run("index", "-q", "--config", str(config)).returncode == 0
    result = run("search", "defenders", "--all", "--format", "json", "--config", str(config))
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    expected = stem_matches(all_paragraphs(tmp_path, config), "french", "defenders")
    assert len(expected) > 20  # the seeds print "defenders" in most paragraphs about them
    assert {(h["symbol"], h["anchor"]) for h in hits} == expected
    stemmer = SnowballStemmer("french")
    for hit in hits:
        marked = re.findall(r"<mark>(.*?)</mark>", hit["highlight"])
        assert marked and all(stemmer.stem(m.lower()) == stemmer.stem("defenders") for m in marked), hit
