"""Open the desk UI. The Qt code lives in ``ui``; it is loaded only here, by name,
so that importing ``app`` never pulls in Qt."""

from __future__ import annotations

import argparse
import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.context import CliContext


def launch_desk(args: argparse.Namespace, ctx: CliContext) -> int:
    desk = importlib.import_module("ui.desk_app")
    return int(desk.run(args))
