"""The ``line`` fixture: a pseudo-terminal standing in for a serial line (the test holds the
pad's end; the code under test opens ``line.path``). conftest modules import it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.devices.pty_port import PtyPort


@pytest.fixture
def line() -> Iterator[PtyPort]:
    port = PtyPort()
    port.open()
    yield port
    port.close()
