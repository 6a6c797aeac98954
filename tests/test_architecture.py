"""The import graph: no circle, and arrows only from the edges (cli, web) towards the core.

The engine (the lecture's math and its training loop) imports nothing from data, io,
viz, cli, web or export, so a student reading it sees the lecture and nothing else.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "nnscratch"

ENGINE = {"activations", "losses", "network", "backprop", "fastprop", "optim", "train", "gradcheck", "metrics",
          "kernels"}
EDGES = ("cli", "web", "viz", "export", "data", "io")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in SRC.rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """nnscratch modules that ``name`` imports anywhere in its file (function-level imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import sub` imports the submodule pkg.sub when there is one
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("nnscratch") and target != name:
                found.add(target)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    # the package's own __init__ only re-exports; an edge into it would make every module a cycle
    return {name: imports_of(name, path, known) - {"nnscratch"} for name, path in mods.items()}


def test_the_import_graph_has_no_circle(graph):
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_engine_imports_nothing_from_the_edges(graph):
    bad = []
    for name, targets in graph.items():
        short = name.removeprefix("nnscratch.")
        if short in ENGINE:
            bad += [f"{name} -> {t}" for t in targets if t.removeprefix("nnscratch.").split(".")[0] in EDGES]
    assert not bad, bad


@pytest.mark.parametrize("edge,allowed_from", [("cli", {"cli", "__main__"}), ("web", {"web", "cli"})])
def test_arrows_point_from_the_edges_inwards(graph, edge, allowed_from):
    bad = [f"{name} -> {t}" for name, targets in graph.items() for t in targets
           if t.removeprefix("nnscratch.").split(".")[0] == edge
           and name.removeprefix("nnscratch.").split(".")[0] not in allowed_from]
    assert not bad, bad
