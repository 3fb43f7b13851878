"""Run one ``loan-kiosk`` command and die by SIGKILL at a point of a receipt's archiving:
``python -m tests.reliability.kill_at_archive WHERE ARGS...``.

``before-commit``: right after the pending PDF is written, before the transaction commits.
``after-commit``: when the committed receipt's pending PDF is about to get its final name.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from app.services.documents import staging


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    where, argv = sys.argv[1], sys.argv[2:]
    if where == "after-commit":
        staging.finish = lambda *_args: _die()  # type: ignore[assignment]
    elif where == "before-commit":
        write = staging.write_new_file

        def write_then_die(path: Path, data: bytes, **kwargs: Any) -> Path:
            written = write(path, data, **kwargs)
            _die()
            return written

        staging.write_new_file = write_then_die  # type: ignore[assignment]
    else:
        raise SystemExit(f"unknown point {where!r}")
    from app.cli import main as cli

    return cli(argv)


if __name__ == "__main__":
    sys.exit(main())
