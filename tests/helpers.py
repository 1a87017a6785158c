"""Helpers shared by the Django tests: ingest seed files through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from fonds.archive.models import Document
from fonds.archive.services import Outcome, document_upsert
from fonds.core.pipeline import plan
from fonds.core.records import DocumentRecord, Extracted, Source


def records_of(path: Path) -> list[DocumentRecord]:
    items = list(plan(Source(str(path), path.read_bytes())))
    assert all(isinstance(i, Extracted) for i in items), items
    return [i.record for i in items if isinstance(i, Extracted)]


def ingest(path: Path) -> list[tuple[Document, Outcome]]:
    return [document_upsert(record) for record in records_of(path)]
