"""``--smoke-test``'s verdict on a real desk: yes only on the sign-in screen with the database
open and the worker idle; no, with the reason, otherwise (the subprocess runs are in
tests/e2e/test_desk_smoke_test.py)."""

from __future__ import annotations

from app.errors import LoanKioskError
from tests.ui.desk import sign_in, sqlite_only_db, wait_idle
from ui.smoke_test import CHECK_FAILED, DATABASE_FAILED, SmokeTest

db_url = sqlite_only_db


class Recording(SmokeTest):
    """The real check, with the exit status kept instead of ending the test's event loop."""

    status: int | None = None

    def _finish(self, status: int) -> None:
        self._done = True
        self.status = status


def test_the_desk_on_its_sign_in_screen_passes(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    smoke = Recording(desk)
    wait_idle(qtbot, desk)
    assert smoke.problems() == []
    smoke.database_settled(None)
    assert smoke.status == 0


def test_it_waits_for_the_sign_in_screen_to_hear_from_the_database(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    smoke = Recording(desk)
    wait_idle(qtbot, desk)
    desk.show_screen("sign_in")  # asks the database again, on the worker
    assert not desk.controller("sign_in").mode_known
    smoke.database_settled(None)
    assert smoke.status is None  # not while the question is out
    qtbot.waitUntil(lambda: smoke.status == 0, timeout=15000)


def test_a_desk_past_sign_in_or_hidden_fails(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    smoke = Recording(desk)
    assert any("not the sign-in screen" in p for p in smoke.problems())
    smoke.database_settled(None)
    assert smoke.status == CHECK_FAILED
    desk.hide()
    assert "the window is not shown" in Recording(desk).problems()


def test_a_database_failure_fails_it(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    wait_idle(qtbot, desk)
    error = LoanKioskError("the database server cannot be reached")
    desk.database_failed(error)
    smoke = Recording(desk)
    assert {"the desk reports a database failure", "the screens are disabled"} <= set(smoke.problems())
    smoke.database_settled(error)
    assert smoke.status == DATABASE_FAILED
