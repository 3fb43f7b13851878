"""The desk's floor holds: ``ui/`` asks ``app/`` and never the database layer, has no import
circle, keeps its controllers behind the typed ``Desk`` interface and its views' widgets
behind the views' own methods, and no module of it grows past 400 lines (issue 14).

Every import counts: at module level, inside a function (a lazy import still ties the modules
together) and under ``TYPE_CHECKING``. ``tests/unit/test_layers.py`` holds the floors below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, dotted in full: at the top, under ``TYPE_CHECKING`` and
    inside functions alike (each ties the two modules together). ``from a import b`` names
    ``a.b`` when that is a module, else ``a``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                full = f"{node.module}.{a.name}"
                is_module = (ROOT / Path(*full.split("."))).with_suffix(".py").exists() or \
                    (ROOT / Path(*full.split(".")) / "__init__.py").exists()
                names.add(full if is_module else node.module)
    return names


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    modules = {module_name(p): p for p in (ROOT / package).rglob("*.py")}
    return {m: {n for n in imported_modules(p) if n in modules and n != m}
            for m, p in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_circles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert circles(graph) == [["a", "b", "c"]]


def test_the_desk_imports_nothing_of_the_database_layer() -> None:
    """``ui`` -> ``app`` -> ``db``: the desk asks services, never the models (counting imports
    under TYPE_CHECKING and inside functions)."""
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in imported_modules(p)
                                         if n == "db" or n.startswith("db."))
        for p in (ROOT / "ui").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_import_circles_in_the_desk() -> None:
    """No two modules of ``ui/`` import each other, however indirectly or lazily."""
    graph = import_graph("ui")
    assert "ui.controllers.base" in graph and graph["ui.main_window"]  # the graph is real
    assert circles(graph) == []


def test_screen_controllers_know_the_desk_only_by_its_interface() -> None:
    """A controller asks :class:`ui.controllers.desk.Desk`, never the window itself."""
    uses_window = sorted(m for m, imports in import_graph("ui").items()
                         if m.startswith("ui.controllers.") and "ui.main_window" in imports)
    assert uses_window == []


#: the folders whose modules must each stay a readable size
SIZED_FOLDERS = ("ui",)
MAX_MODULE_LINES = 400


@pytest.mark.parametrize("folder", SIZED_FOLDERS)
def test_no_module_over_400_lines(folder: str) -> None:
    too_long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / folder).rglob("*.py")
        if "migrations" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}


#: views made of views: the admin screen's tabs are each a view with its own methods
VIEWS_OF_VIEWS = {"imports", "labels", "records", "settings", "technicians", "audit"}


def reaches_into_its_view(path: Path) -> list[str]:
    """``self._view.<widget>.<anything>`` (or through ``v = self._view``) in a controller,
    other than connecting to a view's own signal or calling a tab view's own method."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

    def is_view(node: ast.expr) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "_view"
                and isinstance(node.value, ast.Name) and node.value.id == "self") or \
            (isinstance(node, ast.Name) and node.id == "v")

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
                and is_view(node.value.value):
            child, use = node.value.attr, node.attr
            if use == "connect" or child in VIEWS_OF_VIEWS:
                continue
            found.append(f"{path.name}:{node.lineno}: view.{child}.{use}")
    return found


def test_controllers_use_their_views_methods_not_the_views_widgets() -> None:
    """TagStudio's rule: ``view.focus_search()``, never ``view.search.edit.setFocus()``."""
    found = [hit for p in sorted((ROOT / "ui" / "controllers").glob("*.py"))
             for hit in reaches_into_its_view(p)]
    assert found == []
