"""Rule 7 against the database: one function says what any scanned text is."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.backup import backup_database, restore_database
from app.bootstrap import AppContext
from app.services.loans import check_out
from app.services.scan import resolve_scan
from app.uow import Actor
from tests.factories import school

ACTOR = Actor("tech")


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    school(app_ctx)
    with app_ctx.uow(ACTOR) as uow:
        check_out(uow, "LT-0001", "AB1")
    return app_ctx


def resolve(ctx: AppContext, text: str):  # type: ignore[no-untyped-def]
    with ctx.uow(ACTOR, readonly=True) as uow:
        result = resolve_scan(uow, text)
        return result, result.to_dict(ctx.db.clock().date())


@pytest.mark.parametrize("text", ["LT-0001", "lt-0001", "  LT-0001\n",
                                  "https://snipe.example.org/ht/lt-0001"])
def test_asset_forms(ctx: AppContext, text: str) -> None:
    _, d = resolve(ctx, text)
    assert d == {"type": "asset", "tag": "LT-0001", "kind": "laptop", "status": "on_loan",
                 "encrypted": True, "holder": "AB1", "due": "2026-12-24", "overdue": False,
                 "make": "Dell", "model": "Latitude 5440"}


@pytest.mark.parametrize("url", [
    "https://snipe.example.org/hardware/417",
    "https://snipe.example.org/hardware/417/",
    "https://snipe.example.org/hardware/417/view",  # older labels (grokability/snipe-it#1817)
    "https://snipe.example.org/hardware/417/view/",
    "http://snipe.example.org/snipe/hardware/417/view?print=1",
    "HTTPS://SNIPE.EXAMPLE.ORG/HARDWARE/417/VIEW",
])
def test_snipeit_hardware_id(ctx: AppContext, url: str) -> None:
    _, d = resolve(ctx, url)
    assert d["type"] == "asset" and d["tag"] == "PH-0001"


def test_snipeit_urls_that_are_not_an_asset_view_stay_unknown(ctx: AppContext) -> None:
    for url in ("https://snipe.example.org/hardware/417/edit",
                "https://snipe.example.org/hardware/417/checkout",
                "https://snipe.example.org/hardware/view/417"):
        assert resolve(ctx, url)[1]["type"] == "unknown", url


@pytest.mark.parametrize(("typed", "layout", "meant", "known"), [
    ("LTß0001", "German", "LT-0001", "laptop LT-0001"),
    ("LT)ààà&", "French", "LT-0001", "laptop LT-0001"),
    ("httpsÖ--snipe.example.org-ht-LTß0002", "German", "https://snipe.example.org/ht/LT-0002",
     "laptop LT-0002"),
    ("ZZß9999", "German", "YY-9999", ""),  # not a known tag, but ß gives it away
])
def test_a_us_scanner_on_another_layout_gets_advice(ctx: AppContext, typed: str, layout: str,
                                                   meant: str, known: str) -> None:
    result, d = resolve(ctx, typed)
    assert d["type"] == "unknown"
    advice = d["advice"]
    assert advice == result.advice
    assert f"“{typed}”" in advice and f"“{meant}”" in advice and layout in advice
    assert (f"— {known}." in advice) if known else "—" not in advice


def test_plain_ascii_gets_layout_advice_only_when_the_reading_is_known(ctx: AppContext) -> None:
    assert "advice" not in resolve(ctx, "XY-12")[1]  # reads "ZY/12" on German: nothing
    from tests.factories import add_asset

    add_asset(ctx, "TZ/12")
    _, d = resolve(ctx, "TY-12")  # a German PC typed TZ/12 from a US scanner as TY-12
    assert "laptop TZ/12" in d["advice"]


def test_unknown_encryption_is_null(ctx: AppContext) -> None:
    _, d = resolve(ctx, "LT-0003")
    assert d["encrypted"] is None and d["holder"] is None and d["due"] is None


def test_configured_prefix(ctx: AppContext) -> None:
    ctx.db.settings.scanner.prefix = "LK:"
    _, d = resolve(ctx, "LK:LT-0002")
    assert d["tag"] == "LT-0002" and d["encrypted"] is False


@pytest.mark.parametrize("text", ["AB1", "ab1", "CARD-001", " card-001 "])
def test_person_by_staff_code_or_badge(ctx: AppContext, text: str) -> None:
    _, d = resolve(ctx, text)
    assert d == {"type": "person", "staff_code": "AB1", "name": "Siân Ó Briain",
                 "status": "active", "items": ["LT-0001"]}


@pytest.mark.parametrize("text", ["NOPE-1", "", "https://snipe.example.org/hardware/99999",
                                  "https://snipe.example.org/ht/NOPE"])
def test_unknown(ctx: AppContext, text: str) -> None:
    _, d = resolve(ctx, text)
    assert d == {"type": "unknown"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300) | st.from_regex(r"https?://[a-z.]{1,20}/(ht|hardware)/.{0,40}"))
def test_arbitrary_text_never_crashes(ctx: AppContext, text: str) -> None:
    result, d = resolve(ctx, text)
    assert d["type"] in ("asset", "person", "receipt", "unknown")


def test_tag_that_starts_like_the_prefix_still_resolves(ctx: AppContext) -> None:
    ctx.db.settings.scanner.prefix = "LT-"
    _, d = resolve(ctx, "LT-0002")  # "0002" is no tag, but "LT-0002" is
    assert d["tag"] == "LT-0002"


def test_scans_from_several_threads_agree(ctx: AppContext) -> None:
    """Reads share the database's kept connection (SQLite) one at a time; the rest use the pool."""
    def scan_many(_: int) -> set[tuple[str, str | None]]:
        seen = set()
        for i in range(150):
            _, d = resolve(ctx, "LT-0001" if i % 2 else "lt-0002")
            seen.add((d["tag"], d["holder"]))
        return seen

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(scan_many, range(4)))
    assert all(r == {("LT-0001", "AB1"), ("LT-0002", None)} for r in results)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # PostgreSQL: pg_dump's job
def test_scan_after_a_restore_reads_the_restored_file(ctx: AppContext, tmp_path: Path) -> None:
    backup = backup_database(ctx.db, tmp_path / "before.sqlite3")
    with ctx.uow(ACTOR) as uow:
        check_out(uow, "LT-0002", "CD2")
    assert resolve(ctx, "LT-0002")[1]["holder"] == "CD2"
    restore_database(ctx, Actor("admin-tech", "admin"), backup)
    assert resolve(ctx, "LT-0002")[1]["holder"] is None
