"""Writers of whole archives (or parts): one format per module, streaming, deterministic.

Every writer takes an iterable of `Exported` (a record with its fonds id, status and embargo)
and a text stream; the same records always produce the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TextIO

from fonds.core.records import DocumentRecord


@dataclass(frozen=True, slots=True)
class Exported:
    """A document as exports carry it: its record and what the archive adds to it."""

    public_id: str
    status: str
    record: DocumentRecord
    embargo_until: str = ""  # the first public day (ISO 8601), or "" when not embargoed


Writer = Callable[[Iterable[Exported], TextIO], int]


def writers() -> dict[str, Writer]:
    from fonds.core.export import csvtable, dublincore, jsonl, tei

    return {"jsonl": jsonl.write, "csv": csvtable.write, "tei": tei.write, "dc": dublincore.write}
