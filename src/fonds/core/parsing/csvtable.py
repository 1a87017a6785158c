"""CSV tables, one record per row, their columns mapped to record fields.

The mapping (`CsvMapping`) says which column holds which field; it comes from a small TOML file
(`[columns] title = "Title"`, `[options] separator = ";"`), from `field=Column` pairs, or from
nothing: a column whose header is a field's name ("Title", "Source URL") maps to that field.
Explicit pairs win over names. Multi-valued cells (people, places, topics...) are split on the
`separator`.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2 (a
cell with line breaks still counts as one row). One bad row fails alone; a problem with the whole
file (a mapped column missing from the header, an undecodable byte) fails the file once.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from fonds.core.extraction.dates import parse_date
from fonds.core.parsing.base import SNIFF_BYTES, ParseError, decode_text
from fonds.core.records import (
    Agent,
    DateSpan,
    DocumentRecord,
    Extracted,
    Failed,
    Place,
    Role,
    Source,
    Text,
    TextKind,
)

NAME = "csv"
MAX_CELL_CHARS = 10_000_000  # a cell this long is a broken file (an unclosed quote), not a text
# The csv module's own limit only guards streamed input; ours is in memory, so it is raised far
# enough that an oversized cell is still read and refused by its row (MAX_CELL_CHARS), not fatal.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
_DELIMITERS = (",", ";", "\t")
_SNIFF_ROWS = 50
_DETECT_CHARS = 65536
_HEADER_CELL_CHARS = 64

TEXT_FIELDS = (
    "title",
    "summary",
    "citation",
    "source_url",
    "rights",
    "source",
    "original_archive",
    "source_note",
    "classification",
    "precedence",
    "number",
)
LIST_FIELDS = ("topics", "places", "credits", "original_language")
# One column of people per role: "people" for those merely named, "authors", "recipients"...
AGENT_FIELDS: Mapping[str, Role] = MappingProxyType(
    {"people": Role.MENTIONED} | {f"{role.value}s": role for role in Role if role != Role.MENTIONED}
)
FIELDS = frozenset(
    (*TEXT_FIELDS, *LIST_FIELDS, *AGENT_FIELDS, "date", "text", "text_language", "source_key")
)
_ALIASES = {"original_languages": "original_language", "language": "text_language"}
_OPTIONS = frozenset({"separator", "delimiter", "text_kind", "text_language"})


class MappingError(ValueError):
    """A mapping that cannot be used; the message says which field, column or option is wrong."""


def field_name(name: str) -> str:
    """A header or mapping key as a field name: "Source URL" -> "source_url"."""
    key = "_".join(name.strip().lower().replace("-", " ").split())
    return _ALIASES.get(key, key)


@dataclass(frozen=True, slots=True)
class CsvMapping:
    """Which column holds which field, and how to read cells.

    `columns`: field name -> column header. `separator` splits multi-valued cells. `delimiter`:
    the CSV delimiter, "" to detect it. `text_kind` and `text_language` describe the "text"
    column (a column mapped to `text_language` overrides the language row by row).
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    separator: str = ";"
    delimiter: str = ""
    text_kind: TextKind = TextKind.TRANSLATION
    text_language: str = ""

    def __post_init__(self) -> None:
        columns = {field_name(key): column.strip() for key, column in self.columns.items()}
        for key, column in columns.items():
            if key not in FIELDS:
                raise MappingError(
                    f"unknown field '{key}'; fields are: {', '.join(sorted(FIELDS))}"
                )
            if not column:
                raise MappingError(f"field '{key}' is mapped to an empty column name")
        if not self.separator:
            raise MappingError("the separator for multi-valued cells cannot be empty")
        if len(self.delimiter) > 1:
            raise MappingError(f"the delimiter must be one character, not '{self.delimiter}'")
        object.__setattr__(self, "columns", MappingProxyType(columns))

    @classmethod
    def from_pairs(cls, pairs: Iterable[str], *, separator: str = ";") -> CsvMapping:
        """A mapping from command-line pairs: `["title=Title", "date=Date written"]`."""
        return cls(separator=separator).with_pairs(pairs)

    @classmethod
    def from_toml(cls, text: str) -> CsvMapping:
        """A mapping from a TOML file's text: `[columns]` field = "Column", `[options]`."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise MappingError(f"mapping file is not valid TOML: {error}") from None
        extra = set(data) - {"columns", "options"}
        if extra:
            raise MappingError(f"unknown table [{sorted(extra)[0]}]: expected [columns], [options]")
        columns = _string_table(data, "columns")
        options = _string_table(data, "options")
        unknown = set(options) - _OPTIONS
        if unknown:
            allowed = ", ".join(sorted(_OPTIONS))
            raise MappingError(f"unknown option '{sorted(unknown)[0]}'; options are: {allowed}")
        return cls(
            columns,
            separator=options.get("separator", ";"),
            delimiter=_delimiter_option(options.get("delimiter", "")),
            text_kind=_text_kind(options.get("text_kind", TextKind.TRANSLATION.value)),
            text_language=options.get("text_language", ""),
        )

    def with_pairs(self, pairs: Iterable[str]) -> CsvMapping:
        """This mapping with `field=Column` pairs added; a pair overrides the same field."""
        columns = dict(self.columns)
        for pair in pairs:
            key, equals, column = pair.partition("=")
            if not equals or not key.strip() or not column.strip():
                raise MappingError(f"'{pair}' is not FIELD=COLUMN (e.g. title=Title)")
            columns[field_name(key)] = column.strip()
        return replace(self, columns=columns)

    def resolve(self, header: Sequence[str], name: str) -> dict[str, int]:
        """Field -> column index for this header; MappingError when a mapped column is absent."""
        resolved = {key: _column(header, column, key, name) for key, column in self.columns.items()}
        used = set(resolved.values())
        for index, cell in enumerate(header):
            key = field_name(cell)
            if key in FIELDS and key not in resolved and index not in used:
                resolved[key] = index
        return resolved


def _string_table(data: dict[str, Any], table: str) -> dict[str, str]:
    values = data.get(table, {})
    if not isinstance(values, dict):
        raise MappingError(f"[{table}] must be a table")
    for key, value in values.items():
        if not isinstance(value, str):
            raise MappingError(f"[{table}] {key}: expected a string, got {type(value).__name__}")
    return values


def _text_kind(value: str) -> TextKind:
    try:
        return TextKind(value.strip().lower())
    except ValueError:
        allowed = ", ".join(kind.value for kind in TextKind)
        raise MappingError(f"text_kind '{value}' is not one of {allowed}") from None


def _delimiter_option(value: str) -> str:
    return "\t" if value.strip().lower() == "tab" else value


def _column(header: Sequence[str], column: str, key: str, name: str) -> int:
    """The index of a mapped column: its exact name, else the same name in another case."""
    matches = [i for i, cell in enumerate(header) if cell.strip() == column]
    if not matches:
        matches = [
            i for i, cell in enumerate(header) if cell.strip().casefold() == column.casefold()
        ]
    if not matches:
        raise MappingError(f"column '{column}' mapped to {key} is not in the header of {name}")
    if len(matches) > 1:
        raise MappingError(
            f"column '{column}' appears {len(matches)} times in the header of {name}"
        )
    return matches[0]


class RowError(ValueError):
    """One row that cannot become a record."""


class CsvReader:
    """Reads CSV files with a mapping (`CsvReader(CsvMapping.from_pairs([...]))`)."""

    name = NAME

    def __init__(self, mapping: CsvMapping | None = None) -> None:
        self.mapping = mapping or CsvMapping()

    def sniff(self, head: bytes) -> bool:
        """A table whose header names the title column (so that `read` can use it), or, without
        one, a table regular enough that it cannot be prose: three rows or more, all as wide."""
        truncated = len(head) >= SNIFF_BYTES
        for rows in _tables(_head_text(head), truncated=truncated):
            if self._names_title(rows[0]) or _is_regular(rows):
                return True
        return False

    def _names_title(self, header: list[str]) -> bool:
        column = self.mapping.columns.get("title")
        if column is None:
            return any(field_name(cell) == "title" for cell in header)
        return any(cell.strip().casefold() == column.casefold() for cell in header)

    def read(self, source: Source) -> Iterator[Extracted | Failed]:
        try:
            text = decode_text(source.data)
        except ParseError as error:
            yield Failed(str(error))
            return
        if not text.strip():
            yield Failed("empty file")
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
            record, warnings = self._record(row, number)
        except RowError as error:
            return Failed(f"{locator}: {error}", locator)
        return Extracted(record, warnings, locator)

    def _record(self, row: list[str], number: int) -> tuple[DocumentRecord, tuple[str, ...]]:
        _check_cells(row, self.width)
        warnings: tuple[str, ...] = ()
        if len(row) < self.width:
            warnings = (
                f"row {number} has {len(row)} of {self.width} cells: the rest read as empty",
            )
        cells = {key: (row[i].strip() if i < len(row) else "") for key, i in self.columns.items()}
        title = " ".join(cells["title"].split())
        if not title:
            raise RowError("the title is empty")
        date = _date(cells.get("date", ""))
        record = DocumentRecord(
            source_key="",
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
        return replace(record, source_key=self._key(record, cells, number)), warnings

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
        values = (" ".join(v.split()) for v in cells.get(key, "").split(self.mapping.separator))
        return tuple(dict.fromkeys(v for v in values if v))

    def _key(self, record: DocumentRecord, cells: dict[str, str], number: int) -> str:
        if "source_key" in self.columns:
            key = cells["source_key"]
            if not key:
                raise RowError("the source_key is empty")
            clash = f"source_key '{key}' repeats row {{row}}"
        else:
            key = derived_key(record.title, record.date, record.source_url)
            clash = "same title and date as row {row}: map a source_key column to tell them apart"
        if key in self.keys:
            raise RowError(clash.format(row=self.keys[key]))
        self.keys[key] = number
        return key


def derived_key(title: str, date: DateSpan | None, source_url: str = "") -> str:
    """A row's identity without a key column: the same rule as the page formats (extraction.page),
    so a document keeps one record whichever format brings it, and never the file's name."""
    if source_url:
        return f"url:{source_url}"
    edtf = date.edtf if date else ""
    digest = hashlib.sha256(f"{' '.join(title.lower().split())}|{edtf}".encode()).hexdigest()
    return f"title-date:{digest[:20]}"


def _date(cell: str) -> DateSpan | None:
    if not cell:
        return None
    date = parse_date(cell)
    if date is None:
        raise RowError(f"date '{cell}' is not a date")
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
