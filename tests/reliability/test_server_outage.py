"""PostgreSQL going away during use (through a proxy we cut), and coming back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app import audit
from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.errors import Busy
from app.retry import run_with_retry
from app.services.loans import check_in, check_out
from app.uow import Actor
from db.models import Loan
from tests.e2e.test_cli import Cli
from tests.factories import add_asset, add_person
from tests.reliability.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres
DESK = Actor("desk-1")
UNREACHABLE = "the database server cannot be reached; check it is running and try again"


@pytest.fixture
def proxied(db_url: str, tmp_path: Path) -> Iterator[tuple[AppContext, TcpProxy, str]]:
    if not db_url.startswith("postgresql"):
        pytest.skip("a server outage needs a database server")
    u = make_url(db_url)
    proxy = TcpProxy((u.host or "127.0.0.1", u.port or 5432))
    url = u.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    ctx = bootstrap(url, data_dir=tmp_path / "data", settings=Settings())
    yield ctx, proxy, url
    ctx.close()
    proxy.close()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_server_stops_and_comes_back(proxied: tuple[AppContext, TcpProxy, str], tmp_path: Path) -> None:
    ctx, proxy, url = proxied
    add_person(ctx, "AB1", "Siân", "Ó Briain")
    add_asset(ctx, "LT-0001")
    add_asset(ctx, "LT-0002")
    with ctx.uow(DESK) as uow:
        check_out(uow, "LT-0001", "AB1")

    proxy.cut()
    retried: list[str] = []

    def lend() -> int:
        with ctx.uow(DESK) as uow:
            return check_out(uow, "LT-0002", "AB1").loans[0].id

    with pytest.raises(Busy) as err:
        run_with_retry(lend, on_retry=retried.append)
    assert err.value.message.startswith(UNREACHABLE)
    assert retried == []  # not a desk conflict: said at once, not retried
    with pytest.raises(Busy, match=UNREACHABLE), ctx.uow(DESK) as uow:
        check_in(uow, "LT-0001")
    proc = Cli(url, tmp_path, register=False).run("whois", "LT-0001")
    assert proc.returncode == 2 and proc.stderr.startswith(f"error: {UNREACHABLE}")
    assert "Traceback" not in proc.stderr

    proxy.restore()
    # the same desk, without a restart: stale connections are replaced
    assert run_with_retry(lend) > 0
    with ctx.uow(DESK) as uow:
        check_in(uow, "LT-0001")
    with ctx.uow(DESK, readonly=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Loan)) == 2
        assert uow.session.scalar(
            select(func.count()).select_from(Loan).where(Loan.outcome.is_(None))) == 1
        result = audit.verify(uow.session)
        assert result.ok, result.problem
    assert Cli(url, tmp_path, register=False).run("whois", "LT-0001").returncode == 0


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_connection_lost_after_a_leaver_return_commits_is_reported_truthfully(
        proxied: tuple[AppContext, TcpProxy, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The server goes away right after the return is committed (issue 18): the one error
    line says the return is saved and how to get its receipt's PDF."""
    from app.cli import main
    from app.services import documents
    from db.models import Person
    from tests.conftest import register_tester

    ctx, proxy, url = proxied
    add_person(ctx, "AB1", "Siân", "Ó Briain")
    add_asset(ctx, "LT-0001")
    with ctx.uow(DESK) as uow:
        check_out(uow, "LT-0001", "AB1")
    register_tester(url, ctx.paths.data_dir)
    archive = documents.archive_receipt

    def cut_then_archive(*args: object, **kwargs: object) -> object:
        proxy.cut()  # the commit is done: now the server goes away
        return archive(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(documents, "archive_receipt", cut_then_archive)
    capsys.readouterr()
    code = main(["leaver", "return", "AB1", "--confirm-not-leaving", "--db", url,
                 "--data-dir", str(ctx.paths.data_dir)])
    out, err = capsys.readouterr()
    assert code != 0
    number = out.split()[1].rstrip(":")
    (line,) = err.strip().splitlines()
    assert line.startswith(f"error: the leaver return IS recorded (receipt {number})")
    assert "the database server could not be reached afterwards" in line
    proxy.restore()
    with ctx.uow(DESK, readonly=True) as uow:  # it was saved, as the line says
        assert uow.session.execute(select(Person.status)).scalar_one() == "left"
