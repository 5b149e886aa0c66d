"""The layering holds: every module imports only the layers below it.

CLI (typer) → actions → domain (progress, records, extract, parse) and store → model;
render prints what model holds and depends on nothing that reads or writes data.
Imports under `if TYPE_CHECKING:` are for annotations only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "pledgecli"
LEAVES = {"pledgecli.__version__", "pledgecli.model", "pledgecli.columns", "pledgecli.labels",
          "pledgecli.errors", "pledgecli.parse"}  # fmt: skip

# What each part of the package may import from pledgecli, beyond itself.
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "columns": set(),
    # labels is the catalogue every message is worded from; it imports only itself.
    "labels": {"pledgecli.labels"},
    "errors": {"pledgecli.labels"},
    "parse": {"pledgecli.labels"},
    "progress": {"pledgecli.model", "pledgecli.parse", "pledgecli.labels"},
    "records": LEAVES,
    "tabular": LEAVES,
    # Workbooks are read as tables are: the same Table, header vocabulary and messages.
    "xlsx": LEAVES | {"pledgecli.tabular"},
    "extract": LEAVES | {"pledgecli.extract"},
    "store": {
        "pledgecli.errors",
        "pledgecli.model",
        "pledgecli.parse",
        "pledgecli.store",
        "pledgecli.labels",
    },  # fmt: skip
    # Pure computation, no I/O: what a chart or a notice's sentence needs beyond a row.
    "charts": {"pledgecli.model", "pledgecli.progress"},
    "render": LEAVES | {"pledgecli.render", "pledgecli.progress", "pledgecli.charts"},
    "actions": LEAVES
    | {
        "pledgecli.progress",
        "pledgecli.records",
        "pledgecli.tabular",
        "pledgecli.xlsx",
        "pledgecli.extract",
        "pledgecli.store",
    },  # fmt: skip
    "cli": LEAVES | {"pledgecli.actions", "pledgecli.render", "pledgecli.cli"},
}


def _part(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imports(tree: ast.AST) -> list[str]:
    """Modules imported at run time: everything but the body of `if TYPE_CHECKING:`."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            return
        if isinstance(node, ast.ImportFrom) and node.module == "pledgecli":
            found.extend(f"pledgecli.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return [m for m in found if m.split(".")[0] == "pledgecli"]


MODULES = sorted(p for p in SRC.rglob("*.py") if _part(p) not in ("__init__", "__main__"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_each_module_imports_only_downward(path: Path) -> None:
    allowed = ALLOWED[_part(path)]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrong = [
        m for m in _imports(tree)
        if m not in allowed and not any(m.startswith(a + ".") for a in allowed)
    ]  # fmt: skip
    assert wrong == [], f"{path.relative_to(SRC)} imports {wrong}"
