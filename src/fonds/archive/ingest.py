"""Ingest files into the archive: each record read, extracted and stored in its own transaction.

One bad file, or one bad record inside a file, never stops the others and never leaves half a
record: a record is either stored whole (document, texts, links) or not at all.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from fonds.archive.services import Outcome, document_upsert
from fonds.core.parsing.csvmapping import CsvMapping
from fonds.core.pipeline import plan
from fonds.core.records import Extracted, Failed, Source

log = logging.getLogger(__name__)
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.counts["failed"]


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and files inside folders named (recursively, in name order), skipping hidden
    files and README files, which describe a folder rather than hold records."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                hidden = any(part.startswith(".") for part in relative.parts)
                if child.is_file() and not hidden and not child.name.upper().startswith("README"):
                    yield child
        else:
            yield path


def ingest_file(
    path: Path,
    report: IngestReport,
    on_record: Callable[[], None] = lambda: None,
    csv_mapping: CsvMapping | None = None,
) -> None:
    try:
        source = Source(name=str(path), data=_read(path))
    except OSError as error:
        _fail(report, str(path), "", error.strerror or str(error))
        return
    try:
        for item in plan(source, csv_mapping):
            _store(item, source.name, report)
            on_record()
    except Exception as error:  # a reader bug must not stop the batch; say which file
        log.exception("reading %s failed", path)
        _fail(report, str(path), "", f"unexpected error while reading: {error}")


def _read(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise OSError(f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
    return path.read_bytes()


def _store(item: Extracted | Failed, name: str, report: IngestReport) -> None:
    if isinstance(item, Failed):
        _fail(report, name, item.locator, item.reason)
        return
    try:
        _document, outcome = document_upsert(item.record)
    except (DatabaseError, ValueError) as error:
        _fail(report, name, item.locator, f"could not be stored: {error}")
        return
    report.counts[outcome.value] += 1
    where = f"{name} {item.locator}".strip()
    report.warnings.extend(f"{where}: {warning}" for warning in item.warnings)


def _fail(report: IngestReport, name: str, locator: str, reason: str) -> None:
    report.counts["failed"] += 1
    if locator and reason.startswith(f"{locator}: "):
        reason = reason.removeprefix(f"{locator}: ")  # readers may name the row themselves
    report.failures.append(f"{name}{' ' + locator if locator else ''}: {reason}")


__all__ = ["IngestReport", "Outcome", "files_under", "ingest_file"]
