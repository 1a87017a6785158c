"""The ingest plan: detect each file's format, read it, yield records. Stores nothing.

`plan` reads one file in this process. `plan_files` reads many, by default in a second process
(`reading.Reading`), so that parsing (pure CPU) overlaps the caller's storing (database time).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from fonds.core.parsing import ParseError, detect
from fonds.core.parsing.csvmapping import CsvMapping
from fonds.core.reading import MappingSpec, Reading, files_under
from fonds.core.records import Extracted, Failed, Source, pickled_by_fields, quick_init
from fonds.core.serialize import digest_of, record_bytes, record_from_bytes

MAX_FILE_BYTES = 512 * 1024 * 1024


def plan(source: Source, csv_mapping: CsvMapping | None = None) -> Iterator[Extracted | Failed]:
    """Every record the file holds, or one Failed naming the reason the file cannot be read."""
    try:
        reader = detect(source.data, csv_mapping)
        yield from reader.read(source)
    except ParseError as error:
        yield Failed(reason=str(error))


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Planned:
    """One record (or refusal) read from a file, with the record's content hash (computed
    where it was read, over the bytes it crosses to the storing process as)."""

    path: str
    item: Extracted | Failed
    digest: str = ""


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileDone:
    path: str
    size: int


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _Shipped:
    """A Planned record as it crosses from the reading process: the record as the bytes its
    content hash is taken over, so that it is pickled once, not twice. The storing process
    takes the hash (reading is the busier side)."""

    path: str
    record: bytes
    warnings: tuple[str, ...]
    locator: str


def plan_file(path: Path, csv_mapping: CsvMapping | None = None) -> Iterator[Planned | FileDone]:
    """A file's records, then FileDone; a file that cannot be read at all gives one Failed."""
    for planned, record in read_file(path, csv_mapping):
        if isinstance(planned, Planned) and record:
            yield Planned(planned.path, planned.item, digest_of(record))
        else:
            yield planned


def read_file(
    path: Path, csv_mapping: CsvMapping | None
) -> Iterator[tuple[Planned | FileDone, bytes]]:
    """`plan_file`, each record with the bytes its content hash is taken over (and without
    the hash: whoever takes the record takes it)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OSError(f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        yield Planned(name, Failed(error.strerror or str(error))), b""
        yield FileDone(name, 0), b""
        return
    try:
        for item in plan(Source(name, data), csv_mapping):
            if isinstance(item, Extracted):
                try:
                    record = record_bytes(item.record)
                except (pickle.PicklingError, TypeError, AttributeError) as error:
                    failed = Failed(f"could not be passed on: {error}", item.locator)
                    yield Planned(name, failed), b""
                    continue
                yield Planned(name, item), record
            else:
                yield Planned(name, item), b""
    except Exception as error:  # a reader bug must not stop the batch; say which file
        yield Planned(name, Failed(f"unexpected error while reading: {error!r}")), b""
    yield FileDone(name, size), b""


def plan_files(
    paths: Sequence[Path], mapping: MappingSpec | None = None, *, in_background: bool = True
) -> Iterator[Planned | FileDone]:
    """Every file's records in order, read in a second process when `in_background`."""
    if not in_background:
        csv_mapping = (mapping or MappingSpec()).build()
        for path in paths:
            yield from plan_file(path, csv_mapping)
        return
    yield from Reading(paths, mapping)


def shipped(item: Planned | FileDone, record: bytes) -> Planned | FileDone | _Shipped:
    """What the reading process sends for an item `read_file` gave."""
    if isinstance(item, Planned) and isinstance(item.item, Extracted):
        extracted = item.item
        return _Shipped(item.path, record, extracted.warnings, extracted.locator)
    return item


def unshipped(item: Planned | FileDone | _Shipped) -> Planned | FileDone:
    """The item the reading process sent, as the storing process takes it."""
    if not isinstance(item, _Shipped):
        return item
    try:
        record = record_from_bytes(item.record)
    except pickle.UnpicklingError as error:  # a reader left something else than plain values
        return Planned(item.path, Failed(f"could not be passed on: {error}", item.locator))
    extracted = Extracted(record, item.warnings, item.locator)
    return Planned(item.path, extracted, digest_of(item.record))


__all__ = [
    "FileDone",
    "MappingSpec",
    "Planned",
    "Reading",
    "files_under",
    "plan",
    "plan_file",
    "plan_files",
    "read_file",
]
