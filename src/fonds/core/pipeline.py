"""The ingest plan for one file: detect its format, read it, yield records. Stores nothing."""

from __future__ import annotations

from collections.abc import Iterator

from fonds.core.parsing import ParseError, detect
from fonds.core.parsing.csvmapping import CsvMapping
from fonds.core.records import Extracted, Failed, Source


def plan(source: Source, csv_mapping: CsvMapping | None = None) -> Iterator[Extracted | Failed]:
    """Every record the file holds, or one Failed naming the reason the file cannot be read."""
    try:
        reader = detect(source.data, csv_mapping)
        yield from reader.read(source)
    except ParseError as error:
        yield Failed(reason=str(error))
