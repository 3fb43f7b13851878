"""Shared fixtures.

Database tests take the ``db_url`` fixture and run once on SQLite and once on
PostgreSQL. The PostgreSQL run needs ``LOAN_KIOSK_TEST_PG`` (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``); without it those
runs skip with the reason, except under ``LOAN_KIOSK_REQUIRE_ALL=1`` (set by
``.ci/run``), where a missing service fails the run instead of hiding it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.bootstrap import AppContext, bootstrap  # noqa: E402
from app.config import Settings  # noqa: E402
from app.uow import Actor  # noqa: E402

PG_URL = os.environ.get("LOAN_KIOSK_TEST_PG", "")
REQUIRE_ALL = os.environ.get("LOAN_KIOSK_REQUIRE_ALL") == "1"
#: where tests keep their data: a profile path as a Welsh or a Polish user name makes it
#: (``C:\Users\Dafydd ap Gruffydd\…``), spaces and non-ASCII letters in every file written,
#: printed or backed up
USER_FOLDERS = ("Dafydd ap Gruffydd", "Łucja Wójcik")


def user_folder(base: Path) -> Path:
    """``base/Dafydd ap Gruffydd/Łucja Wójcik``: the data folder tests use under ``base``."""
    return base.joinpath(*USER_FOLDERS)


def skip_or_fail(reason: str) -> None:
    """Skip a test whose service is absent; under LOAN_KIOSK_REQUIRE_ALL=1, fail it."""
    if REQUIRE_ALL:
        pytest.fail(f"required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


#: the registered admin technician every CLI run in the tests signs in as (through
#: ``LOAN_KIOSK_TECHNICIAN`` and ``LOAN_KIOSK_PIN``; :func:`register_tester` adds them)
TEST_TECHNICIAN = "tester"
TEST_PIN = "246810"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data dir or the developer's database; a CLI the
    tests start signs in as :data:`TEST_TECHNICIAN` (a database without technicians runs
    it as the bootstrap admin)."""
    monkeypatch.setenv("LOAN_KIOSK_DATA_DIR", str(user_folder(tmp_path_factory.mktemp("userdata"))))
    monkeypatch.delenv("LOAN_KIOSK_DB", raising=False)
    monkeypatch.setenv("LOAN_KIOSK_TECHNICIAN", TEST_TECHNICIAN)
    monkeypatch.setenv("LOAN_KIOSK_PIN", TEST_PIN)


def register_tester(db_url: str | None, data_dir: Path) -> None:
    """Register :data:`TEST_TECHNICIAN` (an admin) in the database, unless they are there."""
    from app.services.technicians import add_technician, find_technician

    ctx = bootstrap(db_url, data_dir=data_dir, settings=Settings())
    try:
        with ctx.uow(Actor("test-setup", "admin")) as uow:
            if find_technician(uow, TEST_TECHNICIAN) is None:
                add_technician(uow, TEST_TECHNICIAN, TEST_PIN, admin=True,
                               display_name="Test Technician")
    finally:
        ctx.close()


class MutableClock:
    """A clock tests can set and move; starts on a fixed, ordinary school day."""

    def __init__(self, at: dt.datetime | None = None) -> None:
        self.at = at or dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **kwargs: float) -> None:
        self.at += dt.timedelta(**kwargs)


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock()


_pg_template: str | None = None


def _pg_admin_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database="postgres").render_as_string(hide_password=False)


def _pg_create_database() -> str:
    """A fresh, migrated PostgreSQL database (cloned from a template migrated once)."""
    global _pg_template
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if _pg_template is None:
                name = f"lk_template_{uuid.uuid4().hex[:10]}"
                conn.execute(text(f'CREATE DATABASE "{name}"'))
                from app.database import open_database

                db = open_database(make_url(PG_URL).set(database=name).render_as_string(False))
                db.dispose()
                _pg_template = name
            name = f"lk_test_{uuid.uuid4().hex[:12]}"
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_pg_template}"'))
    finally:
        admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _pg_drop_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _pg_template is not None:
        _pg_drop_database(f"postgresql+psycopg://x/{_pg_template}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{user_folder(tmp_path) / 'test.sqlite3'}"
        return
    if not PG_URL:
        skip_or_fail("PostgreSQL not configured: set LOAN_KIOSK_TEST_PG=postgresql+psycopg://…")
    try:
        url = _pg_create_database()
    except Exception as exc:  # server down, no permission...
        skip_or_fail(f"PostgreSQL at LOAN_KIOSK_TEST_PG unusable: {exc.__class__.__name__}: {exc}")
    yield url
    _pg_drop_database(url)


@pytest.fixture(scope="session")
def _sqlite_migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database migrated to the head schema and otherwise empty, made once per test
    process (the SQLite twin of the PostgreSQL template)."""
    from app.database import open_database

    path = tmp_path_factory.mktemp("sqlite-template") / "migrated.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    assert not path.with_name(path.name + "-wal").exists()  # all of it is in the one file
    return path


@pytest.fixture
def migrated_db_url(db_url: str, _sqlite_migrated: Path) -> str:
    """``db_url`` already migrated, as the first open of it would leave it. A test that opens
    the database at once takes this: on SQLite it is a copy of :func:`_sqlite_migrated` into
    the file the app made (its folders and mode the app's own) rather than ~100 ms of Alembic
    per test; a PostgreSQL database comes migrated already (cloned from the template)."""
    from db.engine import make_engine, sqlite_path

    path = sqlite_path(db_url)
    if path is not None:
        make_engine(db_url).dispose()  # creates the folders and an empty file, as the app does
        shutil.copyfile(_sqlite_migrated, path)
    return db_url


@pytest.fixture
def app_ctx(migrated_db_url: str, tmp_path: Path, clock: MutableClock) -> Iterator[AppContext]:
    """The composition root on a fresh database, with default settings and a test clock."""
    ctx = bootstrap(migrated_db_url, data_dir=user_folder(tmp_path) / "data", settings=Settings(),
                    clock=clock)
    yield ctx
    ctx.close()


@pytest.fixture
def admin() -> Actor:
    return Actor("admin-tech", "admin")


@pytest.fixture
def tech() -> Actor:
    return Actor("plain-tech", "technician")


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """One line per skip reason, with a count, instead of one line per test."""
    from collections import Counter

    reasons: Counter[str] = Counter()
    for rep in terminalreporter.stats.get("skipped", []):
        longrepr = rep.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    if reasons:
        terminalreporter.section("skipped (by reason)")
        for reason, n in reasons.most_common():
            terminalreporter.write_line(f"{n:5d}  {reason}")
