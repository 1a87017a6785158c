"""bytes -> records, one input format per module; `detect` picks the module by content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fonds.core.parsing.base import SNIFF_BYTES, FormatReader, ParseError, looks_binary

if TYPE_CHECKING:
    from fonds.core.parsing.csvmapping import CsvMapping

__all__ = ["FormatReader", "ParseError", "detect", "readers"]


def readers(csv_mapping: CsvMapping | None = None) -> tuple[FormatReader, ...]:
    """Every known format, most specific first: the first whose `sniff` accepts a file reads it.
    CSV comes last (its sniff is the loosest); a mapping makes it sniff the mapped headers."""
    from fonds.core.parsing import csvtable, jsonl, markdown, pagetext, tei, wordhtml

    csv_reader = csvtable.READER if csv_mapping is None else csvtable.CsvReader(csv_mapping)
    return (tei.READER, wordhtml.READER, jsonl.READER, markdown.READER, pagetext.READER, csv_reader)


def detect(data: bytes, csv_mapping: CsvMapping | None = None) -> FormatReader:
    """The reader for these bytes, or ParseError saying why none fits."""
    if not data.strip():
        raise ParseError("empty file")
    head = data[:SNIFF_BYTES]
    if looks_binary(head):
        raise ParseError("binary file, not a text or XML record")
    for reader in readers(csv_mapping):
        if reader.sniff(head):
            return reader
    raise ParseError(
        "no recognizable record: expected a Markdown export, a page-text capture"
        " (a date line, then a title), TEI XML, CSV or JSON Lines"
    )
