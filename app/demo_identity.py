"""The demo school's technician: shown on the demo desk's sign-in screen before the
database (and :mod:`app.demo`, which needs SQLAlchemy) has loaded."""

from __future__ import annotations

from app.actor import Actor

#: who fills the demo school (the desk on first use, ``--demo`` commands)
DEMO_ACTOR = Actor("demo-setup", "admin")
DEMO_TECHNICIAN = "demo"
DEMO_PIN = "123456"
