"""JSON Lines in fonds' own record schema, plus the fonds id and status: the lossless format.

One line per document: the record's fields (as `fonds.core.serialize` writes them) with "id"
and "status" added, and "embargo_until" (YYYY-MM-DD) for an embargoed document. `fonds import`
reads it back with ids, status and embargo kept; `fonds ingest` reads it as records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TextIO

from fonds.core.export import Exported
from fonds.core.records import Failed
from fonds.core.serialize import SchemaError, record_from_dict, record_to_dict

_ID = re.compile(r"[a-z0-9]{4,16}")


def write(items: Iterable[Exported], out: TextIO) -> int:
    count = 0
    for item in items:
        line = {"id": item.public_id, "status": item.status, **record_to_dict(item.record)}
        if item.embargo_until:
            line["embargo_until"] = item.embargo_until
        out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def read(lines: Iterable[str]) -> Iterator[Exported | Failed]:
    """Lines of a fonds JSON Lines export -> records with their ids; a bad line names itself."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise SchemaError("expected an object")
            public_id, status = data.get("id"), data.get("status", "published")
            if not isinstance(public_id, str) or not _ID.fullmatch(public_id):
                raise SchemaError("field 'id': expected a fonds id (lower-case letters and digits)")
            if not isinstance(status, str):
                raise SchemaError("field 'status': expected a string")
            embargo = _embargo(data.get("embargo_until"))
            yield Exported(public_id, status, record_from_dict(data), embargo)
        except (ValueError, SchemaError) as error:
            yield Failed(str(error), locator=f"line {number}")


def _embargo(value: object) -> str:
    """An embargo's first public day as written (ISO 8601 calendar date), or ""."""
    if value is None or value == "":
        return ""
    try:
        return date.fromisoformat(str(value)).isoformat() if isinstance(value, str) else _bad()
    except ValueError:
        return _bad()


def _bad() -> str:
    raise SchemaError("field 'embargo_until': expected a date (YYYY-MM-DD)")
