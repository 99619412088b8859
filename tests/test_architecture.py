"""The architecture holds: import contracts (pyproject.toml), no cycle between folders, dependencies as declared.

Each check runs the real tool on the real tree, and a failure prints what the tool said: the contract
and the import that breaks it, or the cycle, or the dependency.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
ROOT_PACKAGES = ("models", "sync", "views", "server")


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_every_import_contract_in_pyproject_holds() -> None:
    tool = Path(sys.executable).with_name("lint-imports")
    answer = run_tool(str(tool), "--no-cache")
    assert answer.returncode == 0, f"an import contract is broken (pyproject.toml):\n{answer.stdout}{answer.stderr}"


def test_declared_dependencies_are_the_imported_ones() -> None:
    answer = run_tool(sys.executable, "-m", "deptry", ".")
    assert answer.returncode == 0, f"deptry found a dependency problem:\n{answer.stdout}{answer.stderr}"


def folder(module: str) -> str:
    """The folder a module belongs to: a package under views/ (views.atlas…), else its top package (sync…)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "views" and len(parts) > 1 else parts[0]


def folder_cycles(edges: dict[tuple[str, str], list[str]]) -> list[list[str]]:
    """Groups of folders that reach each other through imports (Tarjan's strongly connected components)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
        graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycle_between_folders() -> None:
    """views/<feature>/, views/shell/, sync/, models/, server/: imports between them never come back round."""
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*ROOT_PACKAGES)
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            source, target = folder(module), folder(imported)
            if source != target and target != "views" and source != "views":
                edges[(source, target)].append(f"{module} -> {imported}")
    cycles = folder_cycles(edges)
    detail = [
        f"{' ⇄ '.join(group)}: "
        + "; ".join(line for (a, b), lines in edges.items() if a in group and b in group for line in lines[:2])
        for group in cycles
    ]
    assert cycles == [], "folders that import each other:\n" + "\n".join(detail)
    assert ("views.shell", "views.atlas") not in edges  # the check sees the tree: the shell is below the features
    assert ("views.atlas", "views.shell") in edges
