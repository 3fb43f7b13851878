"""Fixtures shared by the integration tests (the pad ones live in :mod:`tests.integration.pad_sim`)."""

from tests.integration.pad_sim import run, simulators  # noqa: F401 - fixtures
from tests.pty_line import line  # noqa: F401 - fixture
