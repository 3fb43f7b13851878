"""Open the desk UI. The Qt code lives in ``ui``; it is loaded only here, by name,
so that importing ``app`` never pulls in Qt."""

from __future__ import annotations

import argparse
import gc
import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.context import CliContext


def launch_desk(args: argparse.Namespace, ctx: CliContext) -> int:
    # The desk's start-up allocates much and frees little (Qt, its enums, the window, the
    # services loading behind it): no collection passes over it until it is up, when
    # ``ui.desk_app.tune_gc`` collects once, freezes what is loaded and turns the collector
    # back on (on a database that will not open, too).
    gc.disable()
    desk = importlib.import_module("ui.desk_app")
    return int(desk.run(args))
