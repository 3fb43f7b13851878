"""uow.insert_many: bulk rows are stored and audited exactly like ORM rows; the digests
are the same bytes as the original ``json.dumps`` digest on any values."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select

from app import audit
from app.bootstrap import AppContext
from app.keys import search_name, staff_key
from app.uow import Actor
from db.models import AUDITED_MODELS, Asset, Base, EncryptionCheck, Person, Signature


def test_bulk_insert_is_audited_and_verifies(app_ctx: AppContext) -> None:
    records = [
        {"staff_code": f"S{i}", "staff_key": staff_key(f"S{i}"), "first_name": "Zoë",
         "last_name": f"Ødegård {i}", "search_name": search_name("Zoë", f"Ødegård {i}")}
        for i in range(250)
    ]
    with app_ctx.uow(Actor("t", "admin")) as uow:
        ids = uow.insert_many(Person, records)
        uow.audit("bulk_people", "people", None, count=len(ids))
        uow.commit()
    assert len(ids) == 250 and len(set(ids)) == 250
    with app_ctx.uow(Actor("t"), readonly=True) as uow:
        people = uow.session.execute(select(Person).order_by(Person.id)).scalars().all()
        assert [p.id for p in people] == ids
        assert people[7].status == "active" and people[7].last_name == "Ødegård 7"
        result = audit.verify(uow.session)
        assert result.ok, result.problem
    with app_ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE people SET last_name = 'x' WHERE id = {ids[100]}")
    with app_ctx.uow(Actor("t"), readonly=True) as uow:
        assert not audit.verify(uow.session).ok


def test_bulk_values_are_stored_as_core_would_store_them(app_ctx: AppContext) -> None:
    """Dates, booleans and aware datetimes go through their types' bind processors."""
    at = dt.datetime(2026, 11, 24, 9, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with app_ctx.uow(Actor("t", "admin")) as uow:
        asset = Asset(tag="LT-9", tag_key="lt-9", kind="laptop")
        uow.session.add(asset)
        uow.session.flush()
        person_ids = uow.insert_many(Person, [
            {"staff_code": "D1", "staff_key": "d1", "first_name": "Zoë", "last_name": "Ünal",
             "search_name": "zoe unal", "leaving_date": dt.date(2027, 2, 28), "status": "leaving"},
            {"staff_code": "D2", "staff_key": "d2", "first_name": "Al", "last_name": "Bo",
             "search_name": "al bo"},
        ])
        check_ids = uow.insert_many(EncryptionCheck, [
            {"asset_id": asset.id, "encrypted": flag, "method": method, "verified_at": when,
             "verified_by": "t", "note": note}
            for flag, method, when, note in [
                (True, "bitlocker", at, "ünïcode ✓ \u202e"),
                (False, None, at.replace(tzinfo=None), None),
            ]
        ])
        uow.audit("bulk", "people", None)
        uow.commit()
    with app_ctx.uow(Actor("t"), readonly=True) as uow:
        people = [uow.session.get(Person, i) for i in person_ids]
        checks = [uow.session.get(EncryptionCheck, i) for i in check_ids]
        assert audit.verify(uow.session).ok
    assert people[0] is not None and people[1] is not None
    assert (people[0].leaving_date, people[0].status) == (dt.date(2027, 2, 28), "leaving")
    assert (people[1].leaving_date, people[1].status) == (None, "active")  # the declared default
    assert checks[0] is not None and checks[1] is not None
    assert checks[0].encrypted is True and checks[1].encrypted is False
    assert checks[0].verified_at == at and checks[0].verified_at.tzinfo is not None
    assert checks[1].verified_at == at.replace(tzinfo=dt.UTC)
    assert checks[0].note == "ünïcode ✓ \u202e" and checks[1].method is None


def test_bulk_insert_refuses_unknown_columns(app_ctx: AppContext) -> None:
    with app_ctx.uow(Actor("t", "admin")) as uow, pytest.raises(ValueError, match="nickname"):
        uow.insert_many(Person, [{"staff_code": "X", "nickname": "x"}])


# -- the digests are the same bytes as before they were made faster ------------------

def _old_json_default(value: Any) -> Any:
    """app.audit._json_default as it was when the digest was defined."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _old_canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_old_json_default
    )


def _old_values_digest(values: dict[str, Any]) -> str:
    return hashlib.sha256(_old_canonical_json(values).encode("utf-8")).hexdigest()


HOSTILE_TEXT = [
    "", " ", "Zoë", "Ødegård", "محمد\u200f", "\u202eevil", "👩🏽‍💻", "\x00", "\x1f", "\x1f\x1f",
    "\x7f", "\n\r\t", '"', "\\", '\\"', "%s", "%%", "%(id)s", "{", "}", "[", "]", ",", ":",
    "\u2028\u2029", "\ufeff", "\U0010ffff", "ß" * 201, "x" * 70_000, "null", "true", "0",
]
ZONES = [dt.UTC, dt.timezone(dt.timedelta(hours=14)), dt.timezone(-dt.timedelta(hours=11, minutes=30))]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(), st.sampled_from(HOSTILE_TEXT),
    st.dates(), st.datetimes(),
    # a zoned time is converted to UTC: keep it a day inside datetime's range, where the
    # conversion exists (at 0001-01-01 +14:00 neither encoder can, and no row holds one)
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
                 timezones=st.sampled_from(ZONES)),
    st.binary(max_size=20), st.decimals(allow_nan=False),
)
#: JSON columns (signature strokes, receipt content) hold lists and objects
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                            max_size=3),
    max_leaves=8,
)


# sorted: AUDITED_MODELS comes from a set of mappers, in a different order in each process,
# and pytest-xdist's workers must each collect the same tests in the same order
@pytest.mark.parametrize("model", sorted(AUDITED_MODELS, key=lambda m: m.__tablename__),
                         ids=lambda m: m.__tablename__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_faster_digests_give_the_old_bytes(model: type[Base], data: st.DataObject) -> None:
    columns = [attr.key for attr in inspect(model).column_attrs]
    values = st.one_of(scalars, json_values) if data.draw(st.booleans()) else scalars
    rows = data.draw(st.lists(st.fixed_dictionaries({c: values for c in columns}), max_size=6))
    old = [_old_values_digest(row) for row in rows]
    assert [audit.values_digest(row) for row in rows] == old
    assert audit.values_digests(rows) == old
    for row in rows:
        assert audit.canonical_json(row) == _old_canonical_json(row)


def test_faster_digests_of_every_hostile_value_in_every_column() -> None:
    samples: list[Any] = [
        *HOSTILE_TEXT, None, True, False, 0, -1, 2**31 - 1, 2**63, 1.5, float("nan"), -0.0,
        dt.date(1, 1, 1), dt.date(2026, 11, 24), dt.datetime(2026, 11, 24, 10, 0),
        dt.datetime(2026, 11, 24, 10, 0, 0, 1), dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
        *(dt.datetime(2026, 3, 29, 1, 30, tzinfo=zone) for zone in ZONES),
        b"\x00\xff", decimal.Decimal("1.10"), [], {}, [1], {"k": "\x1f"}, [dt.date(2026, 1, 1)],
    ]
    #: JSON values whose own separators send their column down the one-by-one path
    nested: list[Any] = [{"b": 1, "a": [None, "x"]}, [[1, 2], {"k": "\x1f"}], ["%s", "\x1f"]]
    for model in AUDITED_MODELS:
        columns = [attr.key for attr in inspect(model).column_attrs]
        for pool in (samples, samples + nested):
            rows = [{c: pool[(i * 7 + j) % len(pool)] for j, c in enumerate(columns)}
                    for i in range(len(pool))]
            old = [_old_values_digest(row) for row in rows]
            assert audit.values_digests(rows) == old, model.__tablename__
            assert [audit.values_digest(row) for row in rows] == old, model.__tablename__
    person = Person(id=3, staff_code="T1", staff_key="t1", first_name="Zoë", last_name="\x1f%s",
                    status="active", leaving_date=dt.date(2027, 1, 31), search_name="zoe")
    expected = {attr.key: getattr(person, attr.key) for attr in inspect(Person).column_attrs}
    assert audit.row_digest(person) == _old_values_digest(expected)


def test_digests_of_rows_with_different_columns_fall_back_to_one_by_one() -> None:
    rows: list[dict[str, Any]] = [{"a": 1, "b": "x"}, {"a": 2, "c": "y"}, {"a": 3}, {}]
    assert audit.values_digests(rows) == [_old_values_digest(r) for r in rows]
    assert audit.values_digests(rows[:1]) == [_old_values_digest(rows[0])]
    assert audit.values_digests([]) == []


def test_digests_across_chunks_of_rows() -> None:
    """More rows than one step takes, with a JSON value needing the slow path in one step only."""
    columns = [attr.key for attr in inspect(Signature).column_attrs]
    pool: list[Any] = [*HOSTILE_TEXT[:20], None, True, 7, dt.date(2026, 1, 2),
                       dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=ZONES[1])]
    rows = [{c: pool[(i * 3 + j) % len(pool)] for j, c in enumerate(columns)}
            for i in range(3 * audit._CHUNK + 5)]
    rows[2 * audit._CHUNK + 1]["strokes"] = [[0, 1, 2, 0.5], [5, 1, 2, 0.25]]
    assert audit.values_digests(rows) == [_old_values_digest(r) for r in rows]


def test_a_column_of_strings_or_whole_numbers_is_written_without_the_encoder() -> None:
    """Columns of plain strings and whole numbers fill the row template as they are: the
    digests match the original wherever one value in the column needs escaping, is a
    ``bool`` or a subclass, or is another type, and wherever none does."""
    import enum

    class Code(enum.StrEnum):
        A = "a"

    class Level(enum.IntEnum):
        ONE = 1

    plain = ["Zoë", "T000123", "", "%s", "%(x)s", "\x7f", "\u2028\u2029", "ＬＴ-０００１", "😀", "{}"]
    columns: list[list[Any]] = [
        plain, [*plain[:-1], 'O"Brien'], [*plain[:-1], "back\\slash"], [*plain[:-1], "\x1f"],
        [*plain[:-1], "tab\there"], [*plain[:-1], None], [*plain[:-1], Code.A],
        list(range(-5, 5)), [*range(9), True], [*range(9), Level.ONE], [*range(9), 2**70],
        [*range(9), 1.0], [True] * 10, [None] * 10,
    ]
    rows = [{f"c{k}": column[i] for k, column in enumerate(columns)} for i in range(10)]
    assert audit.values_digests(rows) == [_old_values_digest(r) for r in rows]


def test_the_unescaped_string_check_agrees_with_the_encoder_on_every_character() -> None:
    """A string is written as itself in double quotes exactly when the check finds none of
    the characters the encoder escapes (every code point but the lone surrogates)."""
    import sys

    from app import audit_chain

    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        as_is = _old_canonical_json(c) == f'"{c}"'
        assert as_is == (audit_chain._ESCAPED.search(c) is None), hex(cp)
