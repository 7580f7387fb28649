"""The folder layout tells the pipeline: stage subpackages, no import cycles, no upward imports.

Every ``import`` of a ``claimcheck`` module counts, at module level or inside a function (a lazy
import is still a dependency); only imports under ``if TYPE_CHECKING:`` are left out, since they
never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "claimcheck"

#: Which stage a module belongs to: its first name under ``claimcheck``, with the shared values
#: grouped as ``core`` and the door (``__init__``, ``api``, ``cli``, ``__main__``) as ``door``.
_CORE = {"model", "errors", "settings", "optional"}
_DOOR = {"", "api", "cli", "__main__"}

#: What each stage may import, besides itself. Lower stages never import higher ones.
ALLOWED: dict[str, set[str]] = {
    "text": set(),
    "core": {"text"},
    "read": {"core", "text"},
    "registry": {"core", "text"},
    "verify": {"core", "text", "registry"},
    "support": {"core", "text"},
    "graph": {"core", "text", "verify"},
    "checks": {"core", "text", "read", "registry", "verify", "support", "graph"},
    "report": {"core", "text", "graph", "support"},
    "corpus": {"core", "text", "read", "registry", "verify", "support", "graph", "checks", "report", "door"},
    "door": {"core", "text", "read", "registry", "verify", "support", "graph", "checks", "report", "corpus"},
}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def stage(module: str) -> str:
    first = module.split(".")[1] if "." in module else ""
    if first in _DOOR:
        return "door"
    return "core" if first in _CORE else first


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skip


def imports_of(source: str, me: str, modules: set[str], *, is_package: bool = False) -> set[str]:
    """The claimcheck modules that ``me`` imports; ``from pkg import submodule`` names the submodule."""
    tree = ast.parse(source)
    skip = _type_checking_nodes(tree)
    package = me if is_package else me.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if not base.startswith("claimcheck"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in modules else base)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("claimcheck"))
    out.discard(me)
    return out


@pytest.fixture(scope="module")
def import_graph() -> nx.DiGraph:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for target in imports_of(source, module_name(path), modules, is_package=path.name == "__init__.py"):
            graph.add_edge(module_name(path), target)
    return graph


def test_the_walker_sees_lazy_and_relative_imports_and_skips_type_checking() -> None:
    # The walker must see what it is meant to see, or the tests below prove nothing.
    src = (
        "from typing import TYPE_CHECKING\n"
        "from claimcheck.model import Claim\n"
        "from . import markers\n"
        "if TYPE_CHECKING:\n    from claimcheck.report.core import Report\n"
        "def f():\n    from claimcheck.graph import build_graph\n"
    )
    known = {"claimcheck.model", "claimcheck.graph", "claimcheck.report.core", "claimcheck.read.markers"}
    found = imports_of(src, "claimcheck.read.claims", known)
    assert found == {"claimcheck.model", "claimcheck.graph", "claimcheck.read.markers"}


def test_no_import_cycles(import_graph: nx.DiGraph) -> None:
    cycles = [c for c in nx.strongly_connected_components(import_graph) if len(c) > 1]
    assert cycles == [], f"modules that import each other (directly or around a loop): {cycles}"


def test_lower_stages_never_import_higher_ones(import_graph: nx.DiGraph) -> None:
    bad = sorted(
        f"{a} -> {b}"
        for a, b in import_graph.edges
        if stage(a) != stage(b) and stage(b) not in ALLOWED[stage(a)]
    )
    assert bad == [], "imports against the stage order (see tests/test_layout.py ALLOWED):\n" + "\n".join(bad)


def test_every_stage_is_known() -> None:
    stages = {stage(module_name(p)) for p in PACKAGE.rglob("*.py")}
    assert stages <= set(ALLOWED), (
        f"a new top-level module or folder needs its place in ALLOWED: {stages - set(ALLOWED)}"
    )


def test_top_level_stays_small() -> None:
    # The folder list tells the story: the door, the shared values, one folder per stage.
    entries = sorted(
        p.name
        for p in PACKAGE.iterdir()
        if not p.name.startswith("__") and p.name != "py.typed" and p.name != "data"
    )
    assert len(entries) <= 15, entries


def test_every_subpackage_says_what_it_holds_and_may_import() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init} has no docstring"
        if init.parent != PACKAGE:
            assert "import" in doc.lower(), f"{init}'s docstring does not say what it may import"
