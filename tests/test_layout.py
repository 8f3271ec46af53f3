"""The package layout keeps its promises: stages import downwards only, the web never imports the
CLI, and only searchapp.engine imports whoosh (read from the source with `ast`, nothing imported)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "searchapp"


def _imports() -> dict[str, set[str]]:
    """{module dotted name: every module it imports (absolute names, relative ones resolved)}."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        name = ".".join(parts)
        here = parts if is_package else parts[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here[:len(here) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        found[name] = targets
    return found


def _stage(module: str) -> str:
    """searchapp.search.service -> 'search'; searchapp.models -> 'models'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "searchapp"


def test_only_the_engine_imports_whoosh():
    outside = {module for module, targets in _imports().items()
               if any(t == "whoosh" or t.startswith("whoosh.") for t in targets)
               and not module.startswith("searchapp.engine")}
    assert outside == set()


def test_the_web_never_imports_the_cli():
    web = {module: sorted(t for t in targets if t.startswith("searchapp.cli"))
           for module, targets in _imports().items() if module.startswith("searchapp.web")}
    assert {m: t for m, t in web.items() if t} == {}


def test_stages_import_each_other_without_a_cycle():
    """Between the stage folders (parsing, text, indexing, engine, search, research, cli, web and the
    root modules) the imports form no cycle: data flows one way."""
    modules = _imports()
    edges: dict[str, set[str]] = {}
    for module, targets in modules.items():
        for target in targets:
            if target.startswith("searchapp.") and _stage(target) != _stage(module):
                edges.setdefault(_stage(module), set()).add(_stage(target))
    state: dict[str, int] = {}

    def visit(stage: str, path: list[str]) -> None:
        state[stage] = 1
        for nxt in sorted(edges.get(stage, ())):
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join([*path, stage, nxt])
            if nxt not in state:
                visit(nxt, [*path, stage])
        state[stage] = 2

    for stage in sorted(edges):
        if stage not in state:
            visit(stage, [])
    assert {"web", "cli", "search", "engine", "parsing"} <= set(edges) | {t for ts in edges.values() for t in ts}
