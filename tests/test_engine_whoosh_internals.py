"""Whoosh contained: one module holds every use of Whoosh's private parts and refuses any Whoosh
but the one it was written against (tests/test_layout.py: only the engine imports Whoosh)."""

from __future__ import annotations

import ast
import importlib.metadata
from pathlib import Path

import pytest

from searchapp.engine import whoosh_internals

PACKAGE = Path(__file__).resolve().parents[1] / "searchapp"


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_another_whoosh_version_is_refused_with_what_to_install(monkeypatch):
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "2.7.6")
    with pytest.raises(ImportError) as refused:
        whoosh_internals._check_version()
    assert "found 2.7.6" in str(refused.value)
    assert "pip install 'whoosh-reloaded==2.7.5'" in str(refused.value)


def test_the_installed_whoosh_is_the_one_the_internals_were_written_for():
    whoosh_internals._check_version()  # raises otherwise


def test_only_the_internals_module_touches_private_names_of_other_objects():
    """`segment._terms`, `perdoc._get_column(...)`, `from whoosh... import _lenfield`: only in
    engine/whoosh_internals.py (our own objects' privates go through `self`)."""
    found = []
    for path, tree in _modules():
        if path.name == "whoosh_internals.py":
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {ast.unparse(node)}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
                found += [f"{path.relative_to(PACKAGE)}:{node.lineno} {alias.name}"
                          for alias in node.names if alias.name.startswith("_")]
    assert found == []


def test_search_and_research_read_the_index_only_through_the_snapshot_api():
    """search/ and research/ never name storage folders, Whoosh fields or sidecar arrays:
    `snapshot.folder`, `.reader`, `.segments`, `.doc`, `.kind`, `.position`, `.alive`,
    `.has_term("exact", ...)` are the engine's business (reading.py's read API serves them)."""
    internals = {"folder", "reader", "searcher", "segments", "doc", "kind", "number", "position",
                 "length", "alive", "has_term", "document_frequency", "lexicon", "postings"}
    found = []
    for path, tree in _modules():
        if path.relative_to(PACKAGE).parts[0] not in ("search", "research"):
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr in internals
                    and "snapshot" in ast.unparse(node.value)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {ast.unparse(node)}")
    assert found == []
