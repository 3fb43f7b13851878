"""Fixtures for the device tests."""

from tests.pty_line import line  # noqa: F401 - fixture
