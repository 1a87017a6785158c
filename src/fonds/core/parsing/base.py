"""What every input format module provides, and the helpers they share.

A format module turns the bytes of one file into records: `sniff` says from the first bytes
whether the file is in its format (formats are detected by content, never by extension), and
`read` yields one `Extracted` or `Failed` per record in the file, so that one bad record in a
batch never stops the others.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Mapping
from typing import Protocol

from fonds.core.records import Extracted, Failed, Source

SNIFF_BYTES = 4096


class ParseError(ValueError):
    """The input cannot be read at all; the message says why, for a curator."""


class FormatReader(Protocol):
    name: str

    def sniff(self, head: bytes) -> bool: ...

    def read(self, source: Source) -> Iterator[Extracted | Failed]: ...


def decode_text(data: bytes) -> str:
    """Decode text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused.

    Guessing a legacy encoding silently corrupts names (the very thing an archive must keep), so
    an undecodable byte is an error that names its offset.
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ParseError(f"not valid UTF-16 (byte offset {error.start})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise ParseError(
            f"not valid UTF-8 (byte 0x{bad} at offset {error.start}); save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_nonempty(data: bytes) -> str:
    """`decode_text`, refusing a file with nothing but whitespace in it."""
    text = decode_text(data)
    if not text.strip():
        raise ParseError("empty file")
    return text


def looks_binary(head: bytes) -> bool:
    """NUL bytes do not occur in text (UTF-16 aside, which announces itself with a BOM)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


# Labels of archive document pages (Wilson Center Digital Archive and its exports), normalized:
# lower case, no trailing colon. Value: the canonical section name.
LABELS: Mapping[str, str] = {
    "citation": "citation",
    "summary": "summary",
    "original language": "original_language",
    "original languages": "original_language",
    "contents": "contents",
    "author(s)": "authors",
    "authors": "authors",
    "author": "authors",
    "associated people & organizations": "people",
    "associated people": "people",
    "associated places": "places",
    "associated topics": "topics",
    "document information": "document_information",
    "source": "source",
    "original archive": "original_archive",
    "rights": "rights",
    "subject(s)": "topics",
    "record type": "record_type",
}


def label_of(line: str) -> str | None:
    """The canonical section a label line opens, or None if the line is not a label."""
    key = " ".join(line.strip().rstrip(":").split()).lower()
    return LABELS.get(key)
