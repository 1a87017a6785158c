"""JSON Lines in fonds' own record schema: one `serialize.record_to_json` object per line.

This is what `fonds export` writes, so `import` of an export is lossless: every field, the
`source_key` (the record's identity) and the `source_format` it first came from are kept as they
are. Each line stands alone: a bad line fails with its line number and the others are read. Blank
lines are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from fonds.core.parsing.base import SNIFF_BYTES, ParseError, decode_nonempty
from fonds.core.records import DocumentRecord, Extracted, Failed, Source
from fonds.core.serialize import SchemaError, record_from_dict

NAME = "jsonl"
_FIELDS = frozenset(DocumentRecord.__dataclass_fields__)
_FIRST_KEY = re.compile(r'^\{\s*"([^"\\]{1,64})"\s*:')
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}


class JsonLinesReader:
    name = NAME

    def sniff(self, head: bytes) -> bool:
        """The first line is a JSON object with a "source_key"; if the sample cuts that line
        short, it must at least open like a record: `{"` and a record field as its first key."""
        text = head.decode("utf-8-sig", errors="replace").lstrip(" \t\r\n")
        line, newline, _rest = text.partition("\n")
        if not line.startswith("{"):
            return False
        if not newline and len(head) >= SNIFF_BYTES:
            first = _FIRST_KEY.match(line)
            return first is not None and (first.group(1) in _FIELDS or '"source_key"' in line)
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            return False
        return isinstance(value, dict) and "source_key" in value

    def read(self, source: Source) -> Iterator[Extracted | Failed]:
        try:
            text = decode_nonempty(source.data)
        except ParseError as error:
            yield Failed(str(error))
            return
        lines = text.split("\n")  # not splitlines(): U+2028 may stand raw inside a JSON string
        seen: dict[str, int] = {}
        for number, line in enumerate(lines, start=1):
            if line.strip():
                cut = number == len(lines) and not text.endswith("\n")
                yield _line(line, number, seen, cut)


def _line(
    line: str, number: int, seen: dict[str, int], last_without_newline: bool
) -> Extracted | Failed:
    locator = f"line {number}"
    try:
        record = record_from_dict(_object(line, last_without_newline))
    except (SchemaError, _LineError) as error:
        return Failed(f"{locator}: {error}", locator)
    if record.source_key in seen:
        reason = f"source_key '{record.source_key}' repeats line {seen[record.source_key]}"
        return Failed(f"{locator}: {reason}", locator)
    seen[record.source_key] = number
    return Extracted(record, (), locator)


class _LineError(ValueError):
    """A line that is not one JSON object."""


def _object(line: str, last_without_newline: bool) -> object:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        hint = " (the file may be truncated)" if last_without_newline else ""
        raise _LineError(f"not JSON: {error.msg}: column {error.colno}{hint}") from None
    except RecursionError:
        raise _LineError("not JSON fonds can read: nested too deeply") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise _LineError(f"not JSON fonds can read: {str(error).split(';')[0]}") from None
    if not isinstance(value, dict):
        kind = _JSON_TYPES.get(type(value), "a number" if value is not None else "null")
        raise _LineError(f"expected a JSON object (a record), got {kind}")
    return value


READER = JsonLinesReader()
