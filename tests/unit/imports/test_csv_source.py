"""Reading CSV bytes: encodings, delimiters, headers and physical line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import InvalidInput
from app.imports.csv_source import (
    Column,
    CsvRow,
    decode,
    normalise_header,
    read_table,
    sniff_delimiter,
)

DATA = Path(__file__).parents[2] / "data"

COLUMNS = (
    Column("code", "Staff Code", ("Staff ID", "Employee ID"), required=True),
    Column("first", "Forename", ("First Name",), required=True),
    Column("email", "Email", ("E-mail",)),
)


def rows(data: bytes, columns: tuple[Column, ...] = COLUMNS) -> list[CsvRow]:
    return list(read_table(data, columns).rows)


# -- decoding ---------------------------------------------------------------

def test_utf8_with_and_without_bom_decode_the_same() -> None:
    text = "Staff Code,Forename\nAB1,Siân 🚀\n"
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


def test_windows_1252_is_the_fallback() -> None:
    assert decode("Siân Zoë – “Smart” £5 €".encode("cp1252")) == "Siân Zoë – “Smart” £5 €"


def test_bytes_undefined_in_windows_1252_become_controls_not_a_crash() -> None:
    assert decode(b"a\x81b\x9dc") == "a\x81b\x9dc"


def test_utf16_with_bom_is_read() -> None:
    text = "Staff Code\tForename\nAB1\tSiân\n"
    assert decode(text.encode("utf-16")) == text


def test_bom_followed_by_invalid_utf8_is_refused_clearly() -> None:
    with pytest.raises(InvalidInput, match="says it is UTF-8 but is not"):
        decode(b"\xef\xbb\xbfStaff Code\n\xff\xfe")


def test_cp1252_sample_file_keeps_accents() -> None:
    [first, *_] = rows((DATA / "staff_cp1252.csv").read_bytes())
    assert first.values["first"] == "Siân"


# -- delimiters and header --------------------------------------------------

@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Staff Code,Forename,Surname", ","),
        ("Staff Code;Forename;Surname", ";"),
        ("Staff Code\tForename\tSurname", "\t"),
        ('"Surname, then forename";Code;Badge', ";"),
        ("Staff Code", ","),
    ],
)
def test_sniff_delimiter(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected


def test_semicolon_file_with_excel_sep_line() -> None:
    data = b"sep=;\r\nStaff Code;Forename\r\nAB1;Ann\r\n"
    assert rows(data) == [CsvRow(3, {"code": "AB1", "first": "Ann"})]


@pytest.mark.parametrize(
    "header",
    ["Staff Code,Forename", "STAFF CODE,forename", " staff_code , First-Name ",
     "\ufeffStaff ID,First Name", "Employee ID,FIRST NAME", "Staff  Code:,Forename*"],
)
def test_header_names_are_matched_loosely(header: str) -> None:
    assert rows(f"{header}\nAB1,Ann\n".encode()) == [CsvRow(2, {"code": "AB1", "first": "Ann"})]


def test_normalise_header() -> None:
    assert normalise_header("  E-mail ") == normalise_header("e mail") == "e mail"
    assert normalise_header("Snipe-IT ID") == "snipe it id"


def test_unknown_columns_are_ignored_and_fields_reported() -> None:
    table = read_table(b"Staff Code,Shoe Size,Forename\nAB1,9,Ann\n", COLUMNS)
    assert table.fields == frozenset({"code", "first"})
    assert list(table.rows) == [CsvRow(2, {"code": "AB1", "first": "Ann"})]


def test_two_columns_for_one_field_are_refused() -> None:
    with pytest.raises(InvalidInput, match="'Staff Code' and 'Staff ID' both give the Staff Code"):
        read_table(b"Staff Code,Staff ID,Forename\n", COLUMNS)


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\n\n", b"\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n", b"PK\x03\x04\x14\x00\x00\x00",
     b"Name,Email\nAnn,ann@x\n", "ÿ".encode("cp1252") * 5000],
)
def test_not_a_csv_names_the_missing_columns(data: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_table(data, COLUMNS)
    assert "missing required column(s) Staff Code (or Staff ID, Employee ID); Forename" in (
        caught.value.message
    )


def test_missing_one_required_column_names_only_that_one() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_table(b"Staff Code,Surname\nAB1,Smith\n", COLUMNS)
    assert "missing required column(s) Forename (or First Name)" in caught.value.message
    assert "Staff Code (or" not in caught.value.message
    assert "the first line has: Staff Code, Surname" in caught.value.message


# -- rows and line numbers --------------------------------------------------

def test_line_numbers_are_physical_lines_across_quoted_line_breaks() -> None:
    data = (
        b'Staff Code,Forename,Email\r\n'
        b'AB1,"Ann\r\nMarie",a@x\r\n'
        b'\r\n'
        b'CD2,"Bob\n\nby",b@x\r\n'
        b'EF3,Cy,c@x'
    )
    assert [(r.line, r.values["code"]) for r in rows(data)] == [(2, "AB1"), (5, "CD2"), (8, "EF3")]


def test_blank_lines_before_the_header_count() -> None:
    data = b"\n\nStaff Code,Forename\nAB1,Ann\n"
    assert [r.line for r in rows(data)] == [4]


def test_lone_cr_line_endings() -> None:
    data = b"Staff Code,Forename\rAB1,Ann\rCD2,Bob\r"
    assert [(r.line, r.values["code"]) for r in rows(data)] == [(2, "AB1"), (3, "CD2")]


def test_excel_trailing_empty_rows_are_skipped() -> None:
    data = b"Staff Code,Forename,Email\nAB1,Ann,\n,,\n , ,\n"
    assert [r.line for r in rows(data)] == [2]


def test_short_row_is_flagged() -> None:
    [row] = rows(b"Staff Code,Forename,Email\nAB1,Ann\n")
    assert row.problem == "has 2 cells but the header has 3 columns"


def test_unquoted_comma_is_flagged_with_a_hint() -> None:
    [row] = rows(b"Staff Code,Forename,Email\nAB1,Smith, Ann,a@x\n")
    assert row.problem == (
        "has 4 cells but the header has 3 columns "
        "(a value containing a comma must be in double quotes)"
    )


def test_a_sep_line_naming_an_odd_delimiter_is_just_a_bad_header() -> None:
    with pytest.raises(InvalidInput, match="missing required column"):
        read_table(b"sep=\x00\nStaff Code\x00Forename\n", COLUMNS)


def test_trailing_empty_cells_are_fine() -> None:
    [row] = rows(b"Staff Code,Forename,Email\nAB1,Ann,a@x,,\n")
    assert row.problem is None


def test_unterminated_quote_runs_to_the_end_without_crashing() -> None:
    [row] = rows(b'Staff Code,Forename\nAB1,"Ann\nCD2,Bob\n')
    assert row.line == 2
    assert row.values["first"] == "Ann\nCD2,Bob\n"


def test_cell_longer_than_the_csv_field_limit_is_invalid_input_with_its_line() -> None:
    data = b"Staff Code,Forename\nAB1,Ann\nCD2," + b"x" * 200_000 + b"\n"
    with pytest.raises(InvalidInput, match=r"^line 3: not a readable CSV file"):
        rows(data)


def test_values_are_raw_cells() -> None:
    [row] = rows(b'Staff Code,Forename\n" AB1 ","=1+1"\n')
    assert row.values == {"code": " AB1 ", "first": "=1+1"}


def test_rows_in_another_encoding_than_the_rest_are_refused_with_the_reason() -> None:
    """A UTF-8 file with a row pasted in from a Windows-1252 one stored "ZoÃ«" (issue 18)."""
    data = ("Staff Code,Forename\nA1,Zoë\n".encode() + "A2,Zoë\n".encode("cp1252")
            + "A3,Siân\nA4,Ann\n".encode())
    got = rows(data)
    assert [(r.line, r.values["first"]) for r in got] == [(2, "Zoë"), (3, "Zoë"), (4, "Siân"),
                                                          (5, "Ann")]
    assert [r.line for r in got if r.problem] == [3]
    assert got[1].problem is not None and "is not UTF-8 like the rest of the file" in got[1].problem
    # mostly Windows-1252 with one UTF-8 row: that row is the odd one out
    data = (b"Staff Code,Forename\n" + "A1,Zoë\nA2,Siân\n".encode("cp1252")
            + "A3,Zoë\n".encode())
    assert [(r.line, r.problem is not None) for r in rows(data)] == [(2, False), (3, False),
                                                                     (4, True)]


def test_an_unclosed_quote_names_the_line_where_it_opened() -> None:
    data = b'Staff Code,Forename,Email\nA1,"Bob,b@x.org\nA2,Ann,a@x.org\nA3,Cy,c@x.org\n'
    (row,) = rows(data)
    assert row.problem == ('a double quote on line 2 is never closed, so lines 2 to 4 were read '
                           'as one row; close the quote (or write a quote inside a value as ""), '
                           "then import again")
    # a value that really spans lines, quoted as it should be, is kept
    ok = rows(b'Staff Code,Forename,Email\nA1,"Bob\nBobby",b@x.org\nA2,Ann,a@x.org\n')
    assert [(r.line, r.values["first"], r.problem) for r in ok] == [
        (2, "Bob\nBobby", None), (4, "Ann", None)]
