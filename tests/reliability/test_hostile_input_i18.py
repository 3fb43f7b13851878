"""Issue 18's hostile inputs: look-alike and full-width tags, signatures that are no
signature from the CLI, /dev/zero and huge numbers, and out-of-range settings; each gets
a clear refusal (one ``error:`` line at the CLI) and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.errors import InvalidInput
from app.imports.assets import import_assets
from app.services.leavers import leaver_return
from app.services.loans import check_out
from app.settings_rules import BadSetting, load_checked_settings
from app.uow import Actor
from db.models import Asset, Person
from ink.signature import SignatureData
from tests.conftest import user_folder
from tests.e2e.test_cli import Cli
from tests.factories import add_asset, add_person

ADMIN = Actor("admin-tech", "admin")


def _tags(ctx: AppContext) -> list[str]:
    with ctx.uow(ADMIN, readonly=True) as uow:
        return list(uow.session.execute(select(Asset.tag).order_by(Asset.id)).scalars())


def test_look_alike_and_full_width_tags(app_ctx: AppContext) -> None:
    with app_ctx.uow(ADMIN) as uow:
        import_assets(uow, b"Asset Tag,Kind,Make\nLT-0001,laptop,Dell\n")
    cyrillic = "L\u0422-0001"  # CYRILLIC CAPITAL LETTER TE: looks like LT-0001
    full_width = "\uff2c\uff34-\uff10\uff10\uff10\uff11"  # ＬＴ-０００１
    data = f"Asset Tag,Kind,Make\n{cyrillic},laptop,Fake\n{full_width},laptop,HP\n".encode()
    with app_ctx.uow(ADMIN) as uow:
        report = import_assets(uow, data)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "Asset Tag 'L\u0422-0001' mixes letters from different alphabets (Latin and Cyrillic), "
            "so it would look like another code: type it again")]
    assert report.updated == 1 and report.created == 0
    assert _tags(app_ctx) == ["LT-0001"]  # the full-width row updated it, not its tag
    with app_ctx.uow(ADMIN, readonly=True) as uow:
        assert uow.session.execute(select(Asset.make)).scalar_one() == "HP"


def _sig(points: list[tuple[int, int]]) -> SignatureData:
    return SignatureData.from_json(
        ('{"version": 1, "window": [0, 0, 2000, 1000], "device": "t", "strokes": [['
         + ",".join(f"[{i * 10}, {x}, {y}, 0.5]" for i, (x, y) in enumerate(points))
         + "]]}").encode())


@pytest.mark.parametrize("points", [[], [(500, 500)]], ids=["empty", "one point"])
def test_the_signature_gate_runs_in_the_service(app_ctx: AppContext,
                                                points: list[tuple[int, int]]) -> None:
    add_person(app_ctx, "AB1", "Siân", "Ó Briain")
    add_asset(app_ctx, "LT-0001")
    sig = _sig(points)
    with app_ctx.uow(ADMIN) as uow, pytest.raises(InvalidInput, match="signature is not good"):
        check_out(uow, "LT-0001", "AB1", signature=sig)
    with app_ctx.uow(ADMIN) as uow:
        check_out(uow, "LT-0001", "AB1")
    with app_ctx.uow(ADMIN) as uow, pytest.raises(InvalidInput, match="signature is not good"):
        leaver_return(uow, "AB1", confirm_not_leaving=True, signature=sig)
    with app_ctx.uow(ADMIN, readonly=True) as uow:
        assert uow.session.execute(select(Person.status)).scalar_one() == "active"


def test_dev_zero_and_huge_numbers_are_one_error_line(app_ctx: AppContext, tmp_path: Path) -> None:
    add_person(app_ctx, "AB1", "Siân", "Ó Briain")
    add_asset(app_ctx, "LT-0001")
    cli = Cli(app_ctx.db.url, tmp_path)
    cli.refused("import", "staff", "/dev/zero", match="/dev/zero is too big (more than 64 MB)")
    cli.refused("checkout", "LT-0001", "AB1", "--signature", "/dev/zero",
                match="/dev/zero is too big (more than 5 MB)")
    cli.refused("leaver", "list", "--days", "9" * 30, match="out of range (0 to 3650)")
    cli.refused("incident", "close", "9" * 30, "--outcome", "repaired", match="no incident #")
    cli.refused("receipt", "print", "R-2026-0001", "--copies", "9" * 30,
                match="out of range (1 to 10)")
    cli.refused("labels", "--all", "--out", str(tmp_path / "l.pdf"), "--start", "9" * 30,
                match="out of range (1 to 200)")
    cli.refused("pad", "test", "--seconds", "1e300", match="is too big")


@pytest.mark.parametrize(("toml", "key"), [
    ("[retention]\nreceipts_years = 0\n", "retention.receipts_years"),
    ("[backup]\nkeep = 0\n", "backup.keep"),
    ("[loans]\ndays_laptop = -5\n", "loans.days_laptop"),
    ("[loans]\ndays_laptop = 1000000000\n", "loans.days_laptop"),
    ("[printing]\npage_size = \"A0\"\n", "printing.page_size"),
    (f"[school]\nname = \"{'x' * 100_000}\"\n", "school.name"),
])
def test_a_bad_setting_stops_the_cli_with_one_error_naming_it(
        app_ctx: AppContext, tmp_path: Path, toml: str, key: str) -> None:
    cli = Cli(app_ctx.db.url, tmp_path)
    settings = user_folder(tmp_path) / "data" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(toml, encoding="utf-8")
    with pytest.raises(BadSetting) as err:
        load_checked_settings(settings)
    assert err.value.key == key
    for command in (("whois", "LT-0001"), ("privacy", "purge", "--apply"), ("backups", "run")):
        cli.refused(*command, match=f"setting {key} in {settings}: ")
