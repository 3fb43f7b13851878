"""A kit lent with one command and taken back with a missing member flagged, and a laptop
lent to a room, through the real ``loan-kiosk`` entry point."""

from __future__ import annotations

import pytest

from tests.e2e.cli_kit_scenarios import kit_checkout_and_checkin, to_location
from tests.e2e.test_cli_commands import Cli, cli, template  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


def test_a_kit_goes_out_with_one_command_and_comes_back_with_a_member_missing(
        cli: Cli) -> None:  # noqa: F811
    kit_checkout_and_checkin(cli)


def test_lending_to_a_room(cli: Cli) -> None:  # noqa: F811
    to_location(cli)
