"""The desk's own rules: controllers know the desk only by the typed ``Desk`` interface and
use their views' methods, never the views' widgets (issue 14).

The floors every package shares (``ui`` never imports ``db``, no import circle, no module
over 400 lines; every import counted, lazy and ``TYPE_CHECKING`` ones too) are in
``tests/unit/test_layers.py``, which walks ``ui/`` with the rest.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.unit.test_layers import ROOT, module_graph


def test_screen_controllers_know_the_desk_only_by_its_interface() -> None:
    """A controller asks :class:`ui.controllers.desk.Desk`, never the window itself."""
    graph = module_graph(("ui",))
    assert graph["ui.main_window"]  # the graph is real
    uses_window = sorted(m for m, imports in graph.items()
                         if m.startswith("ui.controllers.") and "ui.main_window" in imports)
    assert uses_window == []


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
