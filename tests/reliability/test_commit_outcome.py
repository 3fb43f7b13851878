"""A PostgreSQL connection lost at COMMIT: what was saved is said truthfully (issue 18).

A proxy we cut (tests/reliability/tcp_proxy.py) breaks the connection at the moment
the desk sends ``COMMIT``: before the server gets it (nothing saved), or after (the
server commits, the desk never hears so). The unit of work asks again on a fresh
connection whether its last audit event is there; when the server cannot be asked
either, the error says the outcome is unknown and names the anchor that settles it.
For a check-out, a check-in, an admin's write, and the CLI's one ``error:`` line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app import anchors, audit
from app.bootstrap import AppContext, bootstrap
from app.commit_outcome import NOT_SAVED
from app.config import Settings
from app.errors import Busy, CommitOutcomeUnknown
from app.retry import run_with_retry
from app.services.loans import check_in, check_out
from app.services.technicians import add_technician, find_technician
from app.uow import Actor
from db.models import Loan
from tests.factories import add_asset, add_person
from tests.reliability.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres
DESK = Actor("desk-1")
ADMIN = Actor("admin-1", "admin")


@pytest.fixture
def proxied(db_url: str, tmp_path: Path) -> Iterator[tuple[AppContext, TcpProxy, str]]:
    u = make_url(db_url)
    proxy = TcpProxy((u.host or "127.0.0.1", u.port or 5432))
    url = u.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    ctx = bootstrap(url, data_dir=tmp_path / "data", settings=Settings())
    add_person(ctx, "AB1", "Siân", "Ó Briain")
    add_asset(ctx, "LT-0001")
    add_asset(ctx, "LT-0002")
    yield ctx, proxy, url
    ctx.close()
    proxy.close()


def open_loans(ctx: AppContext) -> list[str]:
    with ctx.uow(DESK, readonly=True) as uow:
        return sorted(uow.session.execute(select(Loan.asset_id).where(Loan.outcome.is_(None)))
                      .scalars().all())


def chain_ok(ctx: AppContext, *held: str) -> None:
    with ctx.uow(DESK, readonly=True) as uow:
        result = audit.verify(uow.session, anchors=[anchors.parse(t) for t in held])
    assert result.ok, result.problem


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_check_out_committed_as_the_connection_broke_is_saved(
        proxied: tuple[AppContext, TcpProxy, str]) -> None:
    ctx, proxy, _url = proxied
    proxy.cut_at_commit(deliver=True)
    with ctx.uow(DESK) as uow:  # returns: it was asked again, and it was saved
        loans = check_out(uow, "LT-0001", "AB1").loans
    assert proxy.commits_cut == 1 and len(loans) == 1
    assert len(open_loans(ctx)) == 1
    chain_ok(ctx)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_check_in_whose_commit_never_arrived_is_not_saved_and_not_retried(
        proxied: tuple[AppContext, TcpProxy, str]) -> None:
    ctx, proxy, _url = proxied
    with ctx.uow(DESK) as uow:
        check_out(uow, "LT-0001", "AB1")
    proxy.cut_at_commit(deliver=False)
    tries: list[str] = []

    def give_back() -> None:
        with ctx.uow(DESK) as uow:
            tries.append("x")
            check_in(uow, "LT-0001")

    with pytest.raises(Busy) as err:
        run_with_retry(give_back)
    assert err.value.message == NOT_SAVED and tries == ["x"]  # said at once, not retried
    assert len(open_loans(ctx)) == 1  # still out, as the message says
    chain_ok(ctx)
    with ctx.uow(DESK) as uow:  # and doing it again works
        check_in(uow, "LT-0001")
    assert open_loans(ctx) == []


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("deliver", [True, False], ids=["committed", "not-committed"])
def test_an_admin_write_with_the_server_gone_is_unknown_then_settled_by_its_anchor(
        proxied: tuple[AppContext, TcpProxy, str], deliver: bool) -> None:
    ctx, proxy, _url = proxied
    proxy.cut_at_commit(deliver=deliver, stay_down=True)
    with pytest.raises(CommitOutcomeUnknown) as err, ctx.uow(ADMIN) as uow:
        add_technician(uow, "newtech", "314159", admin=True)
    message, token = err.value.message, err.value.anchor
    assert token is not None and "whether it was saved is not known" in message
    assert f"'loan-kiosk audit verify --anchor {token}' holds if it was saved" in message
    proxy.restore()
    with ctx.uow(ADMIN, readonly=True) as uow:
        exists = find_technician(uow, "newtech") is not None
        held = audit.verify(uow.session, anchors=[anchors.parse(token)])
    assert exists is deliver and held.ok is deliver, held.problem
    if not deliver:
        assert f"anchor {token} does not hold" in str(held.problem)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_the_cli_says_the_outcome_is_unknown_in_one_line_and_how_to_check(
        proxied: tuple[AppContext, TcpProxy, str], capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from tests.conftest import register_tester

    ctx, proxy, url = proxied
    register_tester(url, ctx.paths.data_dir)
    argv = ["--db", url, "--data-dir", str(ctx.paths.data_dir)]
    capsys.readouterr()
    proxy.cut_at_commit(deliver=True, stay_down=True)
    code = main(["checkout", "LT-0002", "AB1", *argv])
    _out, err = capsys.readouterr()
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith("error: the connection to the database server was lost while "
                           "saving, so whether it was saved is not known")
    token = line.split("--anchor ", 1)[1].split("'", 1)[0]
    proxy.restore()
    assert main(["audit", "verify", "--anchor", token, *argv]) == 0  # it was saved
    assert "1 anchor held" in capsys.readouterr().out
    with ctx.uow(DESK, readonly=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Loan)) == 1


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("deliver", [True, False], ids=["committed", "not-committed"])
def test_a_stocktake_scan_whose_commit_was_cut_is_settled_by_its_event(
        proxied: tuple[AppContext, TcpProxy, str], deliver: bool) -> None:
    """A scan's event is written by its own statement, its id chosen by the database
    (app/services/stocktake_rows.py): it is looked up by everything else it holds."""
    from app.services import stocktakes
    from db.stocktakes import StocktakeScan
    from tests.factories import add_location, add_site

    ctx, proxy, _url = proxied
    add_site(ctx)
    add_location(ctx, "ICT1")
    with ctx.uow(DESK) as uow:
        number = stocktakes.start_stocktake(uow, "ICT1").id
    # a new connection: psycopg prepares a statement sent five times, COMMIT too, and the
    # proxy knows a COMMIT by its text
    ctx.db.write_bind.dispose()
    proxy.cut_at_commit(deliver=deliver)
    if deliver:
        with ctx.uow(DESK) as uow:  # returns: it was asked again, and it was saved
            assert stocktakes.scan(uow, number, "LT-0001").new
    else:
        with pytest.raises(Busy) as err, ctx.uow(DESK) as uow:
            stocktakes.scan(uow, number, "LT-0001")
        assert err.value.message == NOT_SAVED
    assert proxy.commits_cut == 1
    with ctx.uow(DESK, readonly=True) as uow:
        kept = uow.session.scalar(select(func.count()).select_from(StocktakeScan))
    assert kept == (1 if deliver else 0)
    chain_ok(ctx)
    with ctx.uow(DESK) as uow:  # scanning it again says what is so
        assert stocktakes.scan(uow, number, "LT-0001").new is not deliver
