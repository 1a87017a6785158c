"""The ingest plan for one file: detect its format, read it, yield records. Stores nothing."""

from __future__ import annotations

from collections.abc import Iterator

from fonds.core.parsing import ParseError, detect
from fonds.core.records import Extracted, Failed, Source


def plan(source: Source) -> Iterator[Extracted | Failed]:
    """Every record the file holds, or one Failed naming the reason the file cannot be read."""
    try:
        reader = detect(source.data)
        yield from reader.read(source)
    except ParseError as error:
        yield Failed(reason=str(error))
