"""CSV: one row per document, multi-valued cells joined by "; ". Readable in a spreadsheet;
the columns match the names `fonds ingest` maps by default, so an export can be re-ingested."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from fonds.core.export import Exported
from fonds.core.records import DocumentRecord

SEPARATOR = "; "
COLUMNS = (
    "id",
    "source_key",
    "title",
    "date",
    "date_display",
    "summary",
    "people",
    "places",
    "topics",
    "original_language",
    "citation",
    "source_url",
    "archival_reference",
    "credits",
    "rights",
    "collection",
    "number",
    "text",
)


def write(items: Iterable[Exported], out: TextIO) -> int:
    table = csv.writer(out, lineterminator="\n")
    table.writerow(COLUMNS)
    count = 0
    for item in items:
        table.writerow(_row(item.public_id, item.record))
        count += 1
    return count


def _row(public_id: str, record: DocumentRecord) -> list[str]:
    reference = record.archival_reference
    return [
        public_id,
        record.source_key,
        record.title,
        record.date.edtf if record.date else "",
        record.date.display if record.date else "",
        record.summary,
        SEPARATOR.join(agent.name for agent in record.people),
        SEPARATOR.join(place.name for place in record.places),
        SEPARATOR.join(record.topics),
        SEPARATOR.join(record.original_languages),
        record.citation,
        record.source_url,
        reference.text if reference else "",
        SEPARATOR.join(record.credits),
        record.rights,
        " > ".join(ref.title for ref in record.collections),
        record.number,
        "\n\n".join(text.body for text in record.texts),
    ]
