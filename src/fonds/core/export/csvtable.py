"""CSV: one row per document, multi-valued cells joined by "; ". Readable in a spreadsheet;
the columns match the names `fonds ingest` maps by default, so an export can be re-ingested."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import TextIO

from fonds.core.export import Exported
from fonds.core.records import DocumentRecord

SEPARATOR = "; "
Cell = Callable[[DocumentRecord], str]


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


# Each field of the record schema, and the column(s) it becomes: one line per field (a test
# holds this to `DocumentRecord`'s fields). Parts with structure of their own (notes, glossary,
# levels) have no spreadsheet form: the jsonl export keeps them.
COLUMN_OF_FIELD: dict[str, tuple[tuple[str, Cell], ...]] = {
    "source_key": (("source_key", lambda r: r.source_key),),
    "title": (("title", lambda r: r.title),),
    "date": (
        ("date", lambda r: r.date.edtf if r.date else ""),
        ("date_display", lambda r: r.date.display if r.date else ""),
    ),
    "summary": (("summary", lambda r: r.summary),),
    "people": (("people", lambda r: _joined(agent.name for agent in r.people)),),
    "places": (("places", lambda r: _joined(place.name for place in r.places)),),
    "topics": (("topics", lambda r: _joined(r.topics)),),
    "original_languages": (("original_language", lambda r: _joined(r.original_languages)),),
    "citation": (("citation", lambda r: r.citation),),
    "source_url": (("source_url", lambda r: r.source_url),),
    "archival_reference": (
        ("archival_reference", lambda r: r.archival_reference.text if r.archival_reference else ""),
    ),
    "credits": (("credits", lambda r: _joined(r.credits)),),
    "rights": (("rights", lambda r: r.rights),),
    "source": (("source", lambda r: r.source),),
    "original_archive": (("original_archive", lambda r: r.original_archive),),
    "source_note": (("source_note", lambda r: r.source_note),),
    "classification": (("classification", lambda r: r.classification),),
    "precedence": (("precedence", lambda r: r.precedence),),
    "glossary": (),
    "collections": (("collection", lambda r: " > ".join(ref.title for ref in r.collections)),),
    "number": (("number", lambda r: r.number),),
    "source_format": (),
    "texts": (("text", lambda r: "\n\n".join(text.body for text in r.texts)),),
}
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
