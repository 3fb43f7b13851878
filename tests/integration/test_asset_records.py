"""Adding and editing one asset at the desk, audited field by field (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.bootstrap import AppContext
from app.errors import FormInvalid, Refused
from app.services.asset_records import AssetForm, add_asset, asset_form, edit_asset
from app.services.loans import check_out
from tests.factories import add_asset as seed_asset
from tests.factories import school
from tests.integration.lifecycle import TECH, asset_status, audit_ok, events, row_counts


def test_add_a_windows_laptop_defaults_to_bitlocker(app_ctx: AppContext) -> None:
    form = AssetForm(tag=" LT-0500 ", kind="laptop", make="Dell", model="Latitude 5440",
                     serial="7H2K9Q3", purchase_date="19/08/2024",
                     purchase_cost="£1,049.00", accessories="charger")
    with app_ctx.uow(TECH) as uow:
        saved = add_asset(uow, form)
    assert saved.tag == "LT-0500" and saved.encryption_method == "bitlocker"
    assert saved.purchase_date == "2024-08-19" and saved.purchase_cost == "£1,049.00"
    assert asset_status(app_ctx, "LT-0500") == "available"
    [event] = events(app_ctx, "asset_added")
    details = json.loads(event.details)
    assert event.actor == "tom-tech"
    assert details["fields"]["purchase_cost_pence"] == 104900
    assert details["fields"]["encryption_method"] == "bitlocker"
    assert "location" not in details["fields"]  # where it lives: a move (app.services.moves)
    audit_ok(app_ctx)


def test_a_samsung_tablet_is_not_bitlocker_and_a_phone_number_is_made_uk(
        app_ctx: AppContext) -> None:
    with app_ctx.uow(TECH) as uow:
        tablet = add_asset(uow, AssetForm(tag="TB-0500", kind="tablet", make="Samsung",
                                          model="Galaxy Tab A9"))
    with app_ctx.uow(TECH) as uow:
        phone = add_asset(uow, AssetForm(tag="PH-0500", kind="phone", make="Samsung",
                                         imei="49 015420 323751 8",
                                         phone_number="+44 (0)7700 900123"))
    with app_ctx.uow(TECH) as uow:
        chosen = add_asset(uow, AssetForm(tag="LT-0501", kind="laptop", make="Dell",
                                          encryption_method="Other"))
    assert tablet.encryption_method == "android"
    assert (phone.imei, phone.phone_number) == ("490154203237518", "07700 900123")
    assert chosen.encryption_method == "other"  # what the technician chose wins


def test_every_wrong_field_is_reported_at_once_and_nothing_is_saved(app_ctx: AppContext) -> None:
    school(app_ctx)
    before = row_counts(app_ctx)
    form = AssetForm(tag="lt-0001", kind="drone", imei="490154203237517",
                     phone_number="+1 202 555 0143", serial="SN-L2", purchase_date="31/02/2024",
                     purchase_cost="lots", encryption_method="rot13")
    with app_ctx.uow(TECH) as uow, pytest.raises(FormInvalid) as caught:
        add_asset(uow, form)
    errors = caught.value.errors
    assert set(errors) == {"kind", "imei", "phone_number", "purchase_date", "purchase_cost",
                           "encryption_method"}
    assert "last digit does not match" in errors["imei"]
    assert "not a UK number" in errors["phone_number"]
    assert "not a real date" in errors["purchase_date"]
    # the fields that parse are checked against other assets once the form is otherwise right
    with app_ctx.uow(TECH) as uow, pytest.raises(FormInvalid) as caught:
        add_asset(uow, replace(form, kind="laptop", imei="", phone_number="", purchase_date="",
                               purchase_cost="", encryption_method=""))
    assert caught.value.errors == {"tag": "asset tag lt-0001 is already used (by LT-0001)",
                                   "serial": "serial SN-L2 is already on asset LT-0002"}
    with app_ctx.uow(TECH) as uow, pytest.raises(FormInvalid) as caught:
        add_asset(uow, AssetForm())
    assert caught.value.errors == {"tag": "Asset tag is needed", "kind": "Kind is needed"}
    assert row_counts(app_ctx) == before


def test_edit_audits_each_field_before_and_after(app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:
        opened = asset_form(uow, "PH-0001")
    assert opened.phone_number == "07700 900001" and opened.imei == "356938035643809"
    changed = replace(opened, phone_number="07700900002", accessories="charger, case, SIM tool",
                      notes="new SIM\nfrom O2")
    with app_ctx.uow(TECH) as uow:
        saved = edit_asset(uow, "PH-0001", changed, opened)
    assert saved.phone_number == "07700 900002"
    assert saved.accessories == "charger, case, SIM tool"
    [event] = events(app_ctx, "asset_edited")
    assert json.loads(event.details)["changes"] == {
        "phone_number": {"before": "07700 900001", "after": "07700 900002"},
        "accessories": {"before": None, "after": "charger, case, SIM tool"},
        "notes": {"before": None, "after": "new SIM\nfrom O2"},
    }
    # saving the same form again changes nothing and audits nothing
    with app_ctx.uow(TECH) as uow:
        edit_asset(uow, "PH-0001", saved, saved)
    assert len(events(app_ctx, "asset_edited")) == 1
    audit_ok(app_ctx)


def test_edit_renames_the_tag_and_keeps_the_loan(app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1")
    with app_ctx.uow(TECH, readonly=True) as uow:
        opened = asset_form(uow, "LT-0001")
    with app_ctx.uow(TECH) as uow:
        edit_asset(uow, "LT-0001", replace(opened, tag="LT-1001"), opened)
    assert asset_status(app_ctx, "LT-1001") == "on_loan"
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert asset_form(uow, "lt-1001").tag == "LT-1001"


def test_an_old_imported_value_does_not_block_other_edits(app_ctx: AppContext) -> None:
    """A bad IMEI from an old import is left alone (and not checked) when notes are edited."""
    seed_asset(app_ctx, "PH-0900", "phone", imei="123", phone_number="+44 7700 900900")
    with app_ctx.uow(TECH, readonly=True) as uow:
        opened = asset_form(uow, "PH-0900")
    with app_ctx.uow(TECH) as uow:
        saved = edit_asset(uow, "PH-0900", replace(opened, notes="screen protector"), opened)
    assert (saved.imei, saved.phone_number, saved.notes) == ("123", "+44 7700 900900",
                                                             "screen protector")
    with app_ctx.uow(TECH) as uow, pytest.raises(FormInvalid, match="IMEI has 15 digits"):
        edit_asset(uow, "PH-0900", replace(saved, imei="1234"), saved)


def test_a_field_changed_at_another_desk_meanwhile_is_not_overwritten(
        app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:
        mine = asset_form(uow, "LT-0002")
    with app_ctx.uow(TECH, readonly=True) as uow:
        theirs = asset_form(uow, "LT-0002")
    with app_ctx.uow(TECH) as uow:
        edit_asset(uow, "LT-0002", replace(theirs, accessories="charger, bag", model="Latitude 7440"),
                   theirs)
    before = row_counts(app_ctx)
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused,
                                                 match=r"another desk.*\(Accessories\)"):
        edit_asset(uow, "LT-0002", replace(mine, accessories="charger"), mine)
    assert row_counts(app_ctx) == before
    # a field they did not touch is saved without losing theirs
    with app_ctx.uow(TECH) as uow:
        saved = edit_asset(uow, "LT-0002", replace(mine, make="Dell Technologies"), mine)
    assert (saved.make, saved.model, saved.accessories) == ("Dell Technologies", "Latitude 7440",
                                                            "charger, bag")
    audit_ok(app_ctx)
