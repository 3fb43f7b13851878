"""The demo school's technician: shown on the demo desk's sign-in screen before the
database (and :mod:`app.demo`, which needs SQLAlchemy) has loaded."""

from __future__ import annotations

DEMO_TECHNICIAN = "demo"
DEMO_PIN = "1234"
