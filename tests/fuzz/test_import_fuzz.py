"""Property tests: whatever bytes arrive, the CSV importers give a report or InvalidInput.

Database examples run on SQLite and PostgreSQL (which refuses NUL in text and
checks column sizes, where SQLite would store anything). Examples of one test
share its database, so later examples also meet rows left by earlier ones.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app import audit
from app.bootstrap import AppContext
from app.errors import InvalidInput
from app.imports import ImportReport, import_assets, import_staff
from app.imports import staff as staff_import
from app.imports.cells import RowRejected, whole_number
from app.imports.csv_source import read_table
from app.uow import Actor

Importer = Callable[..., ImportReport]
ADMIN = Actor("fuzz-admin", "admin")

DB_SETTINGS = settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    "", " ", "=1+1", "+44 7700 900123", "-SUM(A1)", "@cmd", "=cmd|'/C calc'!A0", "\u202eevil",
    "\u200fمحمد", "\u200b", "\ufeff", "\x00", "\x07", "\x1b[2J", "\r\n", "\n", "\r", '"', '""',
    ",", ";", "\t", "🚀", "👩🏽‍💻", "\ufdfa" * 4, "ß" * 201, "x" * 10_000, "\uffff", "\U0010ffff",
    "\u2028", "Zoë", "31/02/2027", "2027-08-31", "yes", "no", "1", "0", "laptop", "iPad",
    "Ready to Deploy (deployed)", "Lost/Stolen", "bitlocker", "3.5E+14", "2147483648", "417",
]
cell = st.one_of(st.text(max_size=24), st.sampled_from(HOSTILE))


def run(ctx: AppContext, importer: Importer, data: bytes, dry_run: bool) -> ImportReport | None:
    """The import's report, or None when it refused the file with InvalidInput."""
    with ctx.uow(ADMIN) as uow:
        try:
            return importer(uow, data, source_name="fuzz.csv", dry_run=dry_run)
        except InvalidInput as exc:
            assert exc.message and exc.message.isprintable(), exc.message
            return None


def check_report(report: ImportReport, data: bytes) -> None:
    lines = [r.line for r in report.rejected]
    assert lines == sorted(set(lines))
    assert all(2 <= line <= data.count(b"\n") + data.count(b"\r") + 1 for line in lines)
    for row in report.rejected:
        assert row.reason and row.reason.isprintable(), row.reason
    assert min(report.created, report.updated, report.unchanged) >= 0


def audit_ok(ctx: AppContext) -> None:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        result = audit.verify(uow.session)
    assert result.ok, result.problem


# -- parsing alone: fast, many examples ------------------------------------------

@settings(max_examples=400, deadline=None)
@given(data=st.one_of(st.binary(max_size=600),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                      st.builds(lambda body: b"Staff Code;Forename;Surname\r\n" + body,
                                st.binary(max_size=400))))
def test_reading_arbitrary_bytes_gives_rows_or_invalid_input(data: bytes) -> None:
    try:
        table = read_table(data, staff_import.COLUMNS)
        rows = list(table.rows)
    except InvalidInput as exc:
        assert exc.message.isprintable()
        return
    assert [r.line for r in rows] == sorted({r.line for r in rows})
    assert all(r.line >= 2 for r in rows)


@pytest.mark.parametrize("cell_text", ["²", "٣", "１", "7́", "²7"])
def test_whole_numbers_are_ascii_digits_only(cell_text: str) -> None:
    with pytest.raises(RowRejected, match="is not a whole number"):
        whole_number(cell_text, "Snipe-IT ID")


# -- arbitrary bytes through the importers ----------------------------------------

raw_files = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.builds(lambda head, body: head + body,
              st.sampled_from([
                  b"Staff Code,Forename,Surname,Email,Department,Badge,Leaving Date\n",
                  b"\xef\xbb\xbfEmployee ID;First Name;Last Name;Badge\r\n",
                  b"Asset Tag,Kind,Serial,IMEI,Encrypted,Encryption Method,Status,ID\n",
                  b"ID,Asset Tag,Category,Manufacturer,Status,Encrypted\n",
              ]),
              st.one_of(st.binary(max_size=300),
                        st.text(max_size=200).map(lambda t: t.encode("utf-8")))),
)


@pytest.mark.parametrize("importer", [import_staff, import_assets], ids=["staff", "assets"])
@DB_SETTINGS
@given(data=raw_files, dry_run=st.booleans())
def test_arbitrary_bytes_never_crash_an_import(app_ctx: AppContext, importer: Importer,
                                               data: bytes, dry_run: bool) -> None:
    report = run(app_ctx, importer, data, dry_run)
    if report is not None:
        check_report(report, data)
        assert report.dry_run is dry_run


# -- well-formed files full of hostile cells ----------------------------------------

_example = itertools.count()


def encode(text: str, encoding: str) -> bytes:
    """The file as saved: cp1252 only when that is what the importer will take it for."""
    if encoding == "cp1252":
        try:
            data = text.encode("cp1252")
            data.decode("utf-8")
        except UnicodeEncodeError:
            return text.encode("utf-8")
        except UnicodeDecodeError:
            return data
        return text.encode("utf-8")
    return text.encode(encoding)


def render(header: list[str], rows: list[list[str]], delimiter: str, newline: str) -> str:
    """A well-formed CSV file. (With a "\n" terminator Python quotes a cell holding a lone
    "\r" only under QUOTE_ALL; unquoted, that "\r" really is a line break.)"""
    buf = io.StringIO()
    if newline == "\r\n":
        writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    else:
        writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline,
                            quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def namespaced(prefix: str, value: str) -> str:
    """Keep this example's codes apart from earlier examples' rows (blank stays blank)."""
    return prefix + value if value.strip() else value


file_shape = st.tuples(st.sampled_from([",", ";"]), st.sampled_from(["\r\n", "\n"]),
                       st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))


def expect_round_trip(ctx: AppContext, importer: Importer, data: bytes,
                      rows: list[list[str]]) -> None:
    """Every non-blank row is counted once, and importing again changes nothing."""
    dry = run(ctx, importer, data, True)
    first = run(ctx, importer, data, False)
    assert dry is not None and first is not None
    check_report(first, data)
    assert {**dry.to_dict(), "dry_run": False} == first.to_dict()
    data_rows = sum(1 for r in rows if "".join(r).strip())
    assert first.created + first.updated + first.unchanged + len(first.rejected) == data_rows
    again = run(ctx, importer, data, False)
    assert again is not None
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == first.created + first.updated + first.unchanged
    assert again.rejected == first.rejected
    audit_ok(ctx)


staff_rows = st.lists(
    st.tuples(st.one_of(st.sampled_from(["A1", "a1 ", "B2", ""]), cell), cell, cell, cell, cell,
              st.one_of(st.sampled_from(["C1", "c1", ""]), cell),
              st.one_of(st.dates().map(str), st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
                        cell)).map(list),
    max_size=8,
)


@DB_SETTINGS
@given(rows=staff_rows, shape=file_shape)
def test_hostile_staff_files(app_ctx: AppContext, rows: list[list[str]],
                             shape: tuple[str, str, str]) -> None:
    prefix = f"z{next(_example)}-"
    rows = [[namespaced(prefix, r[0]), *r[1:5], namespaced(prefix, r[5]), r[6]] for r in rows]
    header = ["Staff Code", "Forename", "Surname", "Email", "Department", "Badge", "Leaving Date"]
    delimiter, newline, encoding = shape
    data = encode(render(header, rows, delimiter, newline), encoding)
    expect_round_trip(app_ctx, import_staff, data, rows)


asset_rows = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(["LT-1", "lt-1", "PH-2", ""]), cell),
        st.one_of(st.sampled_from(["laptop", "Mobile Phone", "iPad", "Toaster", ""]), cell),
        st.one_of(st.sampled_from(["Laptops", "Tablets", "Projectors", ""]), cell),
        cell,
        st.one_of(st.sampled_from(["SN-1", "SN-2", ""]), cell),
        cell, cell, cell,
        st.one_of(st.sampled_from(["yes", "no", "", "1", "maybe"]), cell),
        st.one_of(st.sampled_from(["BitLocker", "ios", "", "VeraCrypt"]), cell),
        cell,
        st.one_of(st.sampled_from(["Ready to Deploy (deployed)", "Lost/Stolen", "Odd", ""]), cell),
        st.one_of(st.integers(1, 30).map(str), st.just(""), cell),
    ).map(list),
    max_size=8,
)


@DB_SETTINGS
@given(rows=asset_rows, shape=file_shape)
# '²' and '٣' are digits to str.isdigit() (and '٣' to int()), but not Snipe-IT IDs
@example(rows=[["T1", "laptop", "", "", "", "", "", "", "", "", "", "", "²"],
               ["T2", "laptop", "", "", "", "", "", "", "", "", "", "", "٣"],
               ["T3", "laptop", "", "", "", "", "", "", "", "", "", "", "7"]],
         shape=(",", "\n", "utf-8"))
def test_hostile_asset_files(app_ctx: AppContext, rows: list[list[str]],
                             shape: tuple[str, str, str]) -> None:
    n = next(_example)
    prefix = f"z{n}-"

    def snipe_id(value: str) -> str:
        """A small ID moved out of earlier examples' way; anything else as it is.

        Only ASCII digits are numbers here, as in ``cells.whole_number``: ``'²'.isdigit()``
        is True yet ``int('²')`` fails, and ``int('٣')`` is 3 but the importer refuses it.
        """
        if value.isascii() and value.isdigit() and len(value) < 3:
            return str(int(value) + 100 * n)
        return value

    rows = [[namespaced(prefix, r[0]), *r[1:4], namespaced(prefix, r[4]), *r[5:12],
             snipe_id(r[12])] for r in rows]
    header = ["Asset Tag", "Kind", "Category", "Make", "Serial", "IMEI", "Phone Number",
              "Accessories", "Encrypted", "Encryption Method", "Notes", "Status", "ID"]
    delimiter, newline, encoding = shape
    data = encode(render(header, rows, delimiter, newline), encoding)
    expect_round_trip(app_ctx, import_assets, data, rows)

