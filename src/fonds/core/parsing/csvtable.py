"""CSV tables, one record per row, their columns mapped to record fields (see `csvmapping`).

The delimiter (comma, semicolon or tab) is detected unless the mapping sets it; the file is UTF-8
(a BOM is fine) or UTF-16 with a BOM (Excel's "Unicode text"). Multi-valued cells (people, places,
topics...) are split on the mapping's `separator`.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2 (a
cell with line breaks still counts as one row). One bad row fails alone, with its number; a
problem with the whole file (a mapped column missing from the header, an undecodable byte) fails
the file once.

Identity: the `source_key` column if one is mapped, else the same rule as the page formats (the
source URL, else the title and date), never the file's name: the same rows ingested again from
anywhere update their records. Two rows of one file with the same key: the second one fails.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from fonds.core.extraction.dates import parse_date
from fonds.core.extraction.identity import source_key_for
from fonds.core.parsing.base import SNIFF_BYTES, ParseError, decode_nonempty
from fonds.core.parsing.csvmapping import (
    AGENT_FIELDS,
    FIELDS,
    CsvMapping,
    MappingError,
    field_name,
)
from fonds.core.records import (
    Agent,
    DateSpan,
    DocumentRecord,
    Extracted,
    Failed,
    Place,
    Source,
    Text,
)

__all__ = ["FIELDS", "READER", "CsvMapping", "CsvReader", "MappingError", "derived_key"]

NAME = "csv"
MAX_CELL_CHARS = 10_000_000  # a cell this long is a broken file (an unclosed quote), not a text
# The csv module's own limit only guards streamed input; ours is in memory, so it is raised far
# enough that an oversized cell is still read and refused by its row (MAX_CELL_CHARS), not fatal.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
_DELIMITERS = (",", ";", "\t")
_SNIFF_ROWS = 50
_DETECT_CHARS = 65536
_HEADER_CELL_CHARS = 64
_DATE_CHARS = 80  # "May 21, 1965 - June 2, 1965" is long for a date; a paragraph is not one


class RowError(ValueError):
    """One row that cannot become a record."""


class CsvReader:
    """Reads CSV files with a mapping (`CsvReader(CsvMapping.from_pairs([...]))`)."""

    name = NAME

    def __init__(self, mapping: CsvMapping | None = None) -> None:
        self.mapping = mapping or CsvMapping()

    def sniff(self, head: bytes) -> bool:
        """A table whose header has the title column, or else a table regular enough that it
        cannot be prose: three rows or more, all as wide."""
        truncated = len(head) >= SNIFF_BYTES
        for rows in _tables(_head_text(head), truncated=truncated):
            if self._names_title(rows[0]) or _is_regular(rows):
                return True
        return False

    def _names_title(self, header: list[str]) -> bool:
        """The header has the title column: the mapped one, or one named "title" and (without a
        mapping from the user, who says the file is a table) another column named after a field."""
        column = self.mapping.columns.get("title")
        if column is not None:
            return any(cell.strip().casefold() == column.casefold() for cell in header)
        names = {field_name(cell) for cell in header} & FIELDS
        return "title" in names and (len(names) >= 2 or bool(self.mapping.columns))

    def read(self, source: Source) -> Iterator[Extracted | Failed]:
        try:
            text = decode_nonempty(source.data)
        except ParseError as error:
            yield Failed(str(error))
            return
        delimiter = self.mapping.delimiter or _detect(text)
        csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        yield from _Table(self.mapping, source.name).read(rows)


@dataclass(slots=True)
class _Table:
    """The state of reading one file: its columns, and the keys its rows have used."""

    mapping: CsvMapping
    name: str
    columns: dict[str, int] = field(default_factory=dict)
    width: int = 0
    keys: dict[str, int] = field(default_factory=dict)

    def read(self, rows: Iterator[list[str]]) -> Iterator[Extracted | Failed]:
        number = 0
        while True:
            number += 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                yield Failed(f"row {number}: {_csv_problem(error)}", f"row {number}")
                if number == 1:
                    return  # without a header no row can be read
                continue
            if number == 1:
                failure = (
                    self._header(row) if row else Failed("the first line is blank, not a header")
                )
                if failure is not None:
                    yield failure
                    return
            elif any(cell.strip() for cell in row):
                yield self._row(row, number)

    def _header(self, header: list[str]) -> Failed | None:
        header = [cell.removeprefix("\ufeff") for cell in header]
        try:
            self.columns = self.mapping.resolve(header, self.name)
        except MappingError as error:
            return Failed(str(error))
        if "title" not in self.columns:
            return Failed(
                f"no title column in {self.name}: map one with title=COLUMN"
                f" (the header has: {', '.join(header)})"
            )
        self.width = len(header)
        return None

    def _row(self, row: list[str], number: int) -> Extracted | Failed:
        locator = f"row {number}"
        try:
            _check_cells(row, self.width)
            cells = {
                key: (row[i].strip() if i < len(row) else "") for key, i in self.columns.items()
            }
            record = self._record(cells, number)
        except RowError as error:
            return Failed(f"{locator}: {error}", locator)
        warnings: tuple[str, ...] = ()
        if len(row) < self.width:
            warnings = (f"{locator} has {len(row)} of {self.width} cells: the rest read as empty",)
        return Extracted(record, warnings, locator)

    def _record(self, cells: dict[str, str], number: int) -> DocumentRecord:
        title = " ".join(cells["title"].split())
        if not title:
            raise RowError("the title is empty")
        date = _date(cells.get("date", ""))
        return DocumentRecord(
            source_key=self._key(title, date, cells, number),
            title=title,
            date=date,
            texts=self._texts(cells),
            people=self._people(cells),
            places=tuple(Place(name) for name in self._split(cells, "places")),
            topics=self._split(cells, "topics"),
            credits=self._split(cells, "credits"),
            original_languages=self._split(cells, "original_language"),
            summary=cells.get("summary", ""),
            citation=cells.get("citation", ""),
            source_url=cells.get("source_url", ""),
            rights=cells.get("rights", ""),
            source=cells.get("source", ""),
            original_archive=cells.get("original_archive", ""),
            source_note=cells.get("source_note", ""),
            classification=cells.get("classification", ""),
            precedence=cells.get("precedence", ""),
            number=cells.get("number", ""),
            source_format=NAME,
        )

    def _texts(self, cells: dict[str, str]) -> tuple[Text, ...]:
        body = cells.get("text", "")
        if not body:
            return ()
        language = cells.get("text_language") or self.mapping.text_language
        return (Text(self.mapping.text_kind, language, body),)

    def _people(self, cells: dict[str, str]) -> tuple[Agent, ...]:
        return tuple(
            Agent(name, role)
            for key, role in AGENT_FIELDS.items()
            for name in self._split(cells, key)
        )

    def _split(self, cells: dict[str, str], key: str) -> tuple[str, ...]:
        cell = cells.get(key)
        if not cell:
            return ()
        values = (" ".join(v.split()) for v in cell.split(self.mapping.separator))
        return tuple(dict.fromkeys(v for v in values if v))

    def _key(self, title: str, date: DateSpan | None, cells: dict[str, str], number: int) -> str:
        """The row's identity; a second row with the same one would overwrite the first."""
        explicit = "source_key" in self.columns
        key = (
            cells["source_key"]
            if explicit
            else derived_key(title, date, cells.get("source_url", ""))
        )
        if not key:
            raise RowError("the source_key is empty")
        first = self.keys.setdefault(key, number)
        if first == number:
            return key
        if explicit:
            raise RowError(f"source_key '{key}' repeats row {first}")
        if key.startswith("url:"):
            raise RowError(f"same source URL as row {first}")
        raise RowError(
            f"same title and date as row {first}: map a source_key column to tell them apart"
        )


def derived_key(title: str, date: DateSpan | None, source_url: str = "") -> str:
    """A row's identity without a key column: the rule every format shares."""
    return source_key_for(title, date.edtf if date else "", source_url)


def _date(cell: str) -> DateSpan | None:
    if not cell:
        return None
    date = parse_date(cell) if len(cell) <= _DATE_CHARS else None
    if date is None:
        shown = cell if len(cell) <= _DATE_CHARS else cell[:_DATE_CHARS] + "…"
        raise RowError(f"date '{shown}' is not a date")
    return date


def _check_cells(row: list[str], width: int) -> None:
    if len(row) > width:
        raise RowError(
            f"{len(row)} cells but the header has {width} columns (an unquoted delimiter?)"
        )
    for index, cell in enumerate(row):
        if len(cell) > MAX_CELL_CHARS:
            raise RowError(
                f"cell {index + 1} holds {len(cell):,} characters; the limit is"
                f" {MAX_CELL_CHARS:,} (an unclosed quote?)"
            )


def _csv_problem(error: csv.Error) -> str:
    message = str(error)
    if "unexpected end of data" in message:
        return "a quoted cell is never closed (the file may be truncated)"
    if "field larger than field limit" in message:
        return f"a cell is larger than {_CSV_FIELD_LIMIT:,} characters"
    return f"malformed CSV: {message}"


# --- sniffing --------------------------------------------------------------------------------


def _head_text(head: bytes) -> str:
    """The head's text, leniently: a CSV in a wrong encoding is still a CSV, and `read` says
    precisely which byte is wrong, which a refusal to recognize the file would not."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    return head.decode("utf-8-sig", errors="replace")


def _detect(text: str) -> str:
    """The file's delimiter: the one under which it is a table, else the one its first line has
    most of."""
    sample = text[:_DETECT_CHARS]
    for delimiter in _DELIMITERS:
        if next(_tables(sample, truncated=len(text) > _DETECT_CHARS, only=delimiter), None):
            return delimiter
    first_line = sample.split("\n", 1)[0]
    return max(_DELIMITERS, key=first_line.count)


def _tables(sample: str, *, truncated: bool, only: str = "") -> Iterator[list[list[str]]]:
    """The sample's rows under each delimiter under which it is a table (a header, then rows).

    Prose and Markdown are refused: they start with markup or blank lines, their lines do not
    have equal numbers of commas, and their "header cells" are sentences, numbers or dates.
    """
    if not sample or sample[0].isspace() or sample[0] in "<{[#*>|-=":
        return
    if truncated and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]  # the last line may be cut off
    for delimiter in (only,) if only else _DELIMITERS:
        rows = _sample_rows(sample, delimiter)
        if _is_table(rows, truncated):
            yield rows


def _is_regular(rows: list[list[str]]) -> bool:
    data = [row for row in rows[1:] if row]
    return len(data) >= 2 and all(len(row) == len(rows[0]) for row in data)


def _sample_rows(sample: str, delimiter: str) -> list[list[str]]:
    """The sample's first rows, up to a malformed one (which `read` will report by its row)."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= _SNIFF_ROWS:
                break
    except csv.Error:
        pass
    return rows


def _is_table(rows: list[list[str]], truncated: bool) -> bool:
    """A header, then rows as wide as it: the first one, and at least half of them (a few
    ragged rows are a CSV with errors, which `read` reports row by row; prose is ragged
    throughout)."""
    if not rows or len(rows[0]) < 2 or not _is_header(rows[0]):
        return False
    width, data = len(rows[0]), rows[1:]
    while data and not data[-1]:
        data.pop()  # blank lines at the end
    if not data:
        return truncated  # a header and one long row cut off by the sample
    regular = sum(len(row) == width for row in data)
    return len(data[0]) == width and regular * 2 >= len(data)


def _is_header(cells: list[str]) -> bool:
    names = [cell.strip().casefold() for cell in cells]
    return len(set(names)) == len(names) and all(_is_header_cell(name) for name in names)


def _is_header_cell(name: str) -> bool:
    """A column name: short, a few words, not a number or a date (which would be data)."""
    if not name or len(name) > _HEADER_CELL_CHARS or len(name.split()) > 5:
        return False
    if name.replace(".", "").replace("-", "").isdigit():
        return False
    return parse_date(name) is None


READER = CsvReader()
