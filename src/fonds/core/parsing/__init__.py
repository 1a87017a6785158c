"""bytes -> records, one input format per module; `detect` picks the module by content."""

from __future__ import annotations

from fonds.core.parsing.base import SNIFF_BYTES, FormatReader, ParseError, looks_binary

__all__ = ["FormatReader", "ParseError", "detect", "readers"]


def readers() -> tuple[FormatReader, ...]:
    """Every known format, most specific first: the first whose `sniff` accepts a file reads it."""
    from fonds.core.parsing import markdown, pagetext, tei

    return (tei.READER, markdown.READER, pagetext.READER)


def detect(data: bytes) -> FormatReader:
    """The reader for these bytes, or ParseError saying why none fits."""
    if not data.strip():
        raise ParseError("empty file")
    head = data[:SNIFF_BYTES]
    if looks_binary(head):
        raise ParseError("binary file, not a text or XML record")
    for reader in readers():
        if reader.sniff(head):
            return reader
    raise ParseError(
        "no recognizable record: expected a Markdown export, a page-text capture"
        " (a date line, then a title), TEI XML, CSV or JSON Lines"
    )
