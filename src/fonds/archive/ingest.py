"""Ingest files into the archive: each record read, extracted and stored in its own transaction.

One bad file, or one bad record inside a file, never stops the others and never leaves half a
record: a record is either stored whole (document, texts, links) or not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from fonds.archive.services import Outcome, document_upsert
from fonds.authorities.lookups import remembering
from fonds.core.pipeline import FileDone, MappingSpec, plan_files
from fonds.core.records import Extracted, Failed


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


def ingest_paths(
    files: Sequence[Path],
    report: IngestReport,
    mapping: MappingSpec | None = None,
    on_progress: Callable[[int], None] = lambda _bytes_done: None,
    *,
    in_background: bool = True,
) -> None:
    """Store every record of these files. Reading runs in a second process (parsing overlaps
    storing); `on_progress` gets the bytes of each file read, and 0 after each record."""
    with remembering():  # people, places and collections found once are not looked up again
        for planned in plan_files(files, mapping, in_background=in_background):
            if isinstance(planned, FileDone):
                on_progress(planned.size)
            else:
                _store(planned.item, planned.path, report)
                on_progress(0)


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


__all__ = ["IngestReport", "MappingSpec", "Outcome", "files_under", "ingest_paths"]
