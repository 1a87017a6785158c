"""CSV: one row per document, multi-valued cells joined by "; ". Readable in a spreadsheet;
the columns match the names `fonds ingest` maps by default, so an export can be re-ingested."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import fields
from operator import attrgetter
from typing import Any, TextIO

from fonds.core.export import Exported
from fonds.core.records import DocumentRecord

SEPARATOR = "; "
Cell = Callable[[DocumentRecord], str]


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


# The record fields whose columns are not simply the field itself (a text field becomes a
# column of its name, a list of text one cell joined by "; "): a date is two columns, parts
# are shown by their names or titles. Parts with structure of their own (notes, glossary,
# levels) have no spreadsheet form: the jsonl export keeps them.
SPECIAL_COLUMNS: dict[str, tuple[tuple[str, Cell], ...]] = {
    "date": (
        ("date", lambda r: r.date.edtf if r.date else ""),
        ("date_display", lambda r: r.date.display if r.date else ""),
    ),
    "people": (("people", lambda r: _joined(agent.name for agent in r.people)),),
    "places": (("places", lambda r: _joined(place.name for place in r.places)),),
    "original_languages": (("original_language", lambda r: _joined(r.original_languages)),),
    "archival_reference": (
        ("archival_reference", lambda r: r.archival_reference.text if r.archival_reference else ""),
    ),
    "glossary": (),
    "collections": (("collection", lambda r: " > ".join(ref.title for ref in r.collections)),),
    "source_format": (),
    "texts": (("text", lambda r: "\n\n".join(text.body for text in r.texts)),),
}


def _columns(name: str, kind: Any) -> tuple[tuple[str, Cell], ...]:
    """A field's columns: its special ones, or one column of its name."""
    if name in SPECIAL_COLUMNS:
        return SPECIAL_COLUMNS[name]
    if kind == "str":
        return ((name, attrgetter(name)),)
    if kind == "tuple[str, ...]":
        return ((name, lambda r: _joined(getattr(r, name))),)
    raise TypeError(f"{name}: a field of type {kind} needs its columns in SPECIAL_COLUMNS")


# In the record's order, the texts last (the longest cells: a spreadsheet reads better so)
_ORDER = sorted(fields(DocumentRecord), key=lambda f: f.name == "texts")
COLUMN_OF_FIELD = {f.name: _columns(f.name, f.type) for f in _ORDER}
CELLS = tuple(cell for cells in COLUMN_OF_FIELD.values() for cell in cells)
COLUMNS = ("id", *(name for name, _ in CELLS))


def write(items: Iterable[Exported], out: TextIO) -> int:
    table = csv.writer(out, lineterminator="\n")
    table.writerow(COLUMNS)
    count = 0
    for item in items:
        table.writerow([item.public_id, *(cell(item.record) for _, cell in CELLS)])
        count += 1
    return count
