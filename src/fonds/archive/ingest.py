"""Ingest files into the archive: records read and extracted in a second process, stored here
in batches.

One bad file, or one bad record inside a file, never stops the others and never leaves half a
record: a record is either stored whole (document, texts, links) or not at all. A killed ingest
loses at most the batch in flight; run again, it stores what is missing and nothing twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.db import transaction

from fonds.archive.services import Outcome, documents_store
from fonds.authorities.merging import Consolidated, Consolidation
from fonds.authorities.models import Person
from fonds.core.pipeline import FileDone, MappingSpec, Planned, files_under, plan_files
from fonds.core.records import Extracted, Failed

BATCH = 250  # records per transaction


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    people: Consolidated = field(default_factory=Consolidated)

    @property
    def failed(self) -> int:
        return self.counts["failed"]


def ingest_paths(
    files: Sequence[Path],
    report: IngestReport,
    mapping: MappingSpec | None = None,
    on_progress: Callable[[int], None] = lambda _bytes_done: None,
    *,
    in_background: bool = True,
    reading: Iterable[Planned | FileDone] | None = None,
) -> None:
    """Store every record of these files. Reading runs in a second process (parsing overlaps
    storing); records are stored in batches of up to `BATCH`, each record whole or not at all.
    `on_progress` gets the bytes of each file read, and 0 after each record. `reading`: the
    files' records, when the caller has already started reading them (see `Reading`)."""
    pending: list[Planned] = []
    people_before = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    consolidation = Consolidation()

    def flush() -> None:
        _store_batch(pending, report, consolidation)
        for _ in pending:
            on_progress(0)
        pending.clear()

    if reading is None:
        reading = plan_files(files, mapping, in_background=in_background)
    for planned in reading:
        if isinstance(planned, FileDone):
            flush()
            on_progress(planned.size)
        elif isinstance(planned.item, Failed):
            _fail(report, planned.path, planned.item.locator, planned.item.reason)
            on_progress(0)
        else:
            pending.append(planned)
            if len(pending) >= BATCH:
                flush()
    flush()
    # one person across sources: each batch's new people were compared as it was stored; those
    # of records stored one by one (a refused batch's) are compared now
    new_people = Person.objects.filter(pk__gt=people_before).values_list("pk", flat=True)
    with transaction.atomic():
        consolidation.batch(set(new_people) - consolidation.done, documents_indexed=True)
    report.people = consolidation.report


def _store_batch(
    pending: Sequence[Planned], report: IngestReport, consolidation: Consolidation
) -> None:
    """Store records read (each `Planned.item` is an Extracted)."""
    if not pending:
        return
    items = [cast(Extracted, planned.item) for planned in pending]
    digests = [planned.digest for planned in pending]
    batch = documents_store(
        [item.record for item in items], digests if all(digests) else None, consolidation
    )
    for planned, item, result in zip(pending, items, batch.results, strict=True):
        name = planned.path
        if result.outcome is None:
            _fail(report, name, item.locator, f"could not be stored: {result.error}")
            continue
        report.counts[result.outcome.value] += 1
        where = f"{name} {item.locator}".strip()
        report.warnings.extend(f"{where}: {warning}" for warning in item.warnings)


def _fail(report: IngestReport, name: str, locator: str, reason: str) -> None:
    report.counts["failed"] += 1
    if locator and reason.startswith(f"{locator}: "):
        reason = reason.removeprefix(f"{locator}: ")  # readers may name the row themselves
    report.failures.append(f"{name}{' ' + locator if locator else ''}: {reason}")


__all__ = ["IngestReport", "MappingSpec", "Outcome", "files_under", "ingest_paths"]
