"""Reading a CSV file as exported by Excel, an MIS or Snipe-IT.

Decodes the bytes (UTF-8 with or without BOM, UTF-16 with BOM, else
Windows-1252), works out the delimiter (``,``, ``;`` or tab, or Excel's
``sep=`` first line), matches the header against known column names
case-insensitively, and yields each data row with the physical line number it
starts on (the header is line 1; a quoted cell spanning lines counts them all).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from app.errors import InvalidInput

if TYPE_CHECKING:
    from _csv import Reader

DELIMITERS = (",", ";", "\t")
#: what a person calls each delimiter (also those Excel's ``sep=`` line may name)
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}

# Windows-1252 leaves five bytes undefined; like browsers, map them to the C1
# control characters of the same value (which the cell checks then reject).
_CP1252_HIGH = {
    b: (bytes([b]).decode("cp1252", errors="ignore") or chr(b)) for b in range(0x80, 0xA0)
}
_CP1252_TABLE = {b: text for b, text in _CP1252_HIGH.items() if text != chr(b)}


@dataclass(frozen=True)
class Column:
    """A column an importer understands: its field name, the label people know it by, aliases."""

    field: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


class CsvRow(NamedTuple):
    """One data row: the line it starts on, cell text by field, and why it is unusable (if so)."""

    line: int
    values: dict[str, str]
    problem: str | None = None


@dataclass
class CsvTable:
    #: fields whose column is present in the file
    fields: frozenset[str]
    rows: Iterator[CsvRow]


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                "the file says it is UTF-8 but is not: unreadable byte at position "
                f"{exc.start + len(codecs.BOM_UTF8)}; save it again as 'CSV UTF-8'"
            ) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                "the file says it is UTF-16 but is not; save it again as 'CSV UTF-8'"
            ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _cp1252(data)


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_TABLE)


#: why a row in the other encoding of a file that mixes two is refused
MIXED_UTF8 = ("is in UTF-8 but the rest of the file is Windows-1252 (a mix of encodings, "
              "e.g. rows pasted in from another file); save the file again as 'CSV UTF-8'")
MIXED_CP1252 = ("is not UTF-8 like the rest of the file (it looks like Windows-1252: rows "
                "pasted in from another file?); save the file again as 'CSV UTF-8'")


def decode_lines(data: bytes) -> tuple[str, dict[int, str]]:
    """:func:`decode`, and for a file mixing UTF-8 and Windows-1252 lines, each line
    decoded as what it is and the lines of the less used encoding with why they are
    refused (physical line numbers, from 1)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data), {}
    try:
        return data.decode("utf-8"), {}
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    utf8: list[int] = []
    other: list[int] = []
    for number, raw in enumerate(lines, 1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
        else:
            utf8.append(number)
    if not utf8:
        return _cp1252(data), {}
    text = "".join(raw.decode("utf-8") if i in set(utf8) else _cp1252(raw)
                   for i, raw in enumerate(lines, 1))
    if len(utf8) < len(other):
        return text, dict.fromkeys(utf8, MIXED_UTF8)
    return text, dict.fromkeys(other, MIXED_CP1252)


def normalise_header(name: str) -> str:
    """Header text as compared: case-, spacing- and punctuation-insensitive."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")  # BOMs, zero-widths
    words = re.split(r"[\W_]+", text.casefold())
    return " ".join(w for w in words if w)


_LINE_END = re.compile(r"\r\n|\r|\n")


def _first_line(text: str) -> str:
    """The first physical line of ``text``."""
    match = _LINE_END.search(text)
    return text if match is None else text[: match.start()]


def _after_first_line(text: str) -> str:
    """``text`` without its first physical line (a copy of the rest: only when needed)."""
    match = _LINE_END.search(text)
    return "" if match is None else text[match.end():]


def sniff_delimiter(header_line: str) -> str:
    """The delimiter used by a header line: the most frequent of ``,``, ``;`` and tab."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties go to the earlier (comma)
    return best if counts[best] else ","


def _sep_hint(line: str) -> str | None:
    """Excel's optional first line ``sep=;`` naming the delimiter."""
    match = re.fullmatch(r"\s*sep=(.)\s*", line, flags=re.IGNORECASE)
    if match is None or match.group(1) not in DELIMITER_NAMES:
        return None
    return match.group(1)


def _printable(name: str, limit: int = 30) -> str:
    text = "".join(c if c.isprintable() else "?" for c in name.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(column: Column) -> str:
    if not column.aliases:
        return column.label
    return f"{column.label} (or {', '.join(column.aliases)})"


def _map_header(cells: Sequence[str], columns: Sequence[Column]) -> dict[int, str]:
    """Position → field for the header cells we recognise; refuse a file missing a required one."""
    by_name: dict[str, Column] = {}
    for column in columns:
        for name in column.names:
            by_name[normalise_header(name)] = column
    positions: dict[int, str] = {}
    seen: dict[str, str] = {}
    for i, cell in enumerate(cells):
        found = by_name.get(normalise_header(cell))
        if found is None:
            continue
        if found.field in seen:
            raise InvalidInput(
                f"the columns '{_printable(seen[found.field])}' and '{_printable(cell)}' "
                f"both give the {found.label}; keep only one of them"
            )
        seen[found.field] = cell
        positions[i] = found.field
    missing = [c for c in columns if c.required and c.field not in seen]
    if missing:
        shown = [_printable(c) for c in cells if c.strip()][:10]
        found_text = f"; the first line has: {', '.join(shown)}" if shown else ""
        raise InvalidInput(
            "not a usable CSV file: missing required column(s) "
            + "; ".join(_describe(c) for c in missing)
            + found_text
        )
    return positions


def read_table(data: bytes, columns: Sequence[Column]) -> CsvTable:
    """Parse ``data`` into rows of known fields; raises InvalidInput for an unusable file."""
    text, bad_lines = decode_lines(data)
    full = text  # physical lines numbered from the file's first, as rows are
    line_offset = 0
    hint = _sep_hint(_first_line(text))
    if hint is not None:
        text, line_offset = _after_first_line(text), 1
        delimiter = hint
    else:
        # skip blank lines above the header when sniffing
        probe = text.lstrip("\r\n")
        delimiter = sniff_delimiter(_first_line(probe))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header_line = 0
    header: list[str] = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                header = cells
                header_line = reader.line_num + line_offset
                break
    except csv.Error as exc:
        line = reader.line_num + line_offset
        raise InvalidInput(f"line {line}: not a readable CSV file ({exc})") from exc
    positions = _map_header(header, columns)
    return CsvTable(
        fields=frozenset(positions.values()),
        rows=_rows(reader, header_line, line_offset, len(header), positions,
                   _RowChecks(bad_lines, full if '"' in full else "")),
    )


@dataclass
class _RowChecks:
    """What a row's cells cannot show: lines in another encoding, and quotes never closed."""

    #: physical line number -> why a row on it is refused
    bad_lines: dict[int, str]
    #: the text (only when it holds a double quote), to count quotes in a row's lines
    text: str
    _lines: list[str] | None = None

    def problem(self, first: int, last: int) -> str | None:
        for n in range(first, last + 1):
            if n in self.bad_lines:
                return self.bad_lines[n]
        return None

    def unclosed_quote(self, first: int, last: int, cells_wrong: bool) -> str | None:
        """A row read across several lines because a double quote on its first line was
        never closed (it swallowed the rows after it)."""
        if last <= first or not self.text:
            return None
        if self._lines is None:
            self._lines = self.text.splitlines()
        quotes = sum(line.count('"') for line in self._lines[first - 1:last])
        if not cells_wrong and quotes % 2 == 0:
            return None  # a cell that really holds line breaks, quoted as it should be
        return (f"a double quote on line {first} is never closed, so lines {first} to {last} "
                "were read as one row; close the quote (or write a quote inside a value as "
                '""), then import again')


def _rows(reader: Reader, after: int, line_offset: int, width: int,
          positions: dict[int, str], checks: _RowChecks) -> Iterator[CsvRow]:
    last = after
    fields = tuple(positions.values())
    # every known cell at once when the row is long enough (the usual case)
    pick = itemgetter(*positions) if len(positions) > 1 else None
    reach = max(positions, default=-1) + 1
    try:
        for cells in reader:
            line, last = last + 1, reader.line_num + line_offset
            if not "".join(cells).strip():
                continue  # blank line, or Excel's trailing ",,,,"
            count = len(cells)
            if pick is not None and count >= reach:
                values = dict(zip(fields, pick(cells), strict=True))
            else:
                values = {field: cells[i] for i, field in positions.items() if i < count}
            problem = None
            if count < width:
                problem = f"has {count} cells but the header has {width} columns"
            elif count > width and any(c.strip() for c in cells[width:]):
                problem = (
                    f"has {count} cells but the header has {width} columns "
                    f"(a value containing a {DELIMITER_NAMES[reader.dialect.delimiter]} "
                    "must be in double quotes)"
                )
            if last > line or checks.bad_lines:
                # a row on several lines, or a file with lines in another encoding: what
                # its cells cannot show (most rows are one line of a well-encoded file)
                problem = (checks.unclosed_quote(line, last, problem is not None)
                           or checks.problem(line, last) or problem)
            yield CsvRow(line, values, problem)
    except csv.Error as exc:
        raise InvalidInput(
            f"line {last + 1}: not a readable CSV file ({exc}); nothing was imported"
        ) from exc
