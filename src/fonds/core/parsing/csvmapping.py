"""Which CSV column holds which record field: `CsvMapping`, and the field names it knows.

A mapping comes from a small TOML file, from `field=Column` pairs (the command line's `--map`),
or from nothing: then a column whose header is a field's name ("Title", "Source URL") maps to
that field. Pairs override the file, and explicit columns win over names.

    # mapping.toml
    [columns]
    title = "Titel"
    date = "Datum"
    authors = "Verfasser"   # one column of people per role: people, authors, recipients...
    [options]
    separator = ";"         # splits multi-valued cells (people, places, topics, credits...)
    delimiter = ","         # the CSV delimiter; by default it is detected (, ; or tab)
    text_kind = "translation"
    text_language = "German"
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from fonds.core.records import Role, TextKind


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Fields whose cell is the value as it is.
TEXT_FIELDS = _words(
    "title summary citation source_url rights source original_archive source_note classification"
    " precedence number"
)
# Fields whose cell holds several values, split on the separator.
LIST_FIELDS = _words("topics places credits original_language")
# One column of people per role: "people" for those merely named, "authors", "recipients"...
AGENT_FIELDS: Mapping[str, Role] = MappingProxyType(
    {"people": Role.MENTIONED} | {f"{role.value}s": role for role in Role if role != Role.MENTIONED}
)
FIELDS = frozenset(
    (*TEXT_FIELDS, *LIST_FIELDS, *AGENT_FIELDS, "date", "text", "text_language", "source_key")
)
_ALIASES = {"original_languages": "original_language"}
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
        by_name = _by_name(header, set(resolved), set(resolved.values()), name)
        return resolved | by_name


def _by_name(header: Sequence[str], mapped: set[str], used: set[int], name: str) -> dict[str, int]:
    """Columns named after a field that is not mapped explicitly; two of them are ambiguous."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = field_name(cell)
        if key not in FIELDS or key in mapped or index in used:
            continue
        if key in found:
            raise MappingError(
                f"columns {found[key] + 1} and {index + 1} both name the field {key} in the header"
                f" of {name}: rename one, or map {key} to one of them"
            )
        found[key] = index
    return found


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
