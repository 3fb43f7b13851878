"""The frozen ``loan-kiosk`` executable starts here: the same ``app.cli:main`` as the
``loan-kiosk`` script of a source install (no arguments: the desk; else a command)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
