"""The ingest plan: detect each file's format, read it, yield records. Stores nothing.

`plan` reads one file in this process. `plan_files` reads many in a second process, so that
parsing (pure CPU) overlaps the caller's storing (database time): records come back through a
bounded queue, which keeps memory flat however large the batch.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue as queue_module
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fonds.core.parsing import ParseError, detect
from fonds.core.parsing.csvmapping import CsvMapping
from fonds.core.records import Extracted, Failed, Source, pickled_by_fields
from fonds.core.serialize import digest_of, record_bytes, record_from_bytes

MAX_FILE_BYTES = 512 * 1024 * 1024
CHUNK = 32  # records per transfer from the reading process
QUEUE_SIZE = 32  # chunks in flight: the reader reads ahead while the storing side starts up


def plan(source: Source, csv_mapping: CsvMapping | None = None) -> Iterator[Extracted | Failed]:
    """Every record the file holds, or one Failed naming the reason the file cannot be read."""
    try:
        reader = detect(source.data, csv_mapping)
        yield from reader.read(source)
    except ParseError as error:
        yield Failed(reason=str(error))


@dataclass(frozen=True, slots=True)
class MappingSpec:
    """A CSV mapping as the user gave it (a TOML text, `field=Column` pairs): plain data that
    can cross to the reading process, where `build` makes the mapping."""

    toml: str | None = None
    pairs: tuple[str, ...] = ()

    def build(self) -> CsvMapping | None:
        if self.toml is None and not self.pairs:
            return None
        if self.toml is None:
            return CsvMapping.from_pairs(self.pairs)
        mapping = CsvMapping.from_toml(self.toml)
        return mapping.with_pairs(self.pairs) if self.pairs else mapping


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Planned:
    """One record (or refusal) read from a file, with the record's content hash (computed
    where it was read, over the bytes it crosses to the storing process as)."""

    path: str
    item: Extracted | Failed
    digest: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileDone:
    path: str
    size: int


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
    for planned, record in _read_file(path, csv_mapping):
        if isinstance(planned, Planned) and record:
            yield Planned(planned.path, planned.item, digest_of(record))
        else:
            yield planned


def _read_file(
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


class Reading:
    """`plan_file` for many files in a second process, which starts reading at once (the
    `fonds` command starts it before Django, so reading overlaps start-up). Iterate once."""

    def __init__(
        self, paths: Sequence[Path], mapping: MappingSpec | None = None, *, fork: bool = False
    ) -> None:
        # "spawn" starts a clean interpreter: nothing inherited (database connections, index
        # writers, threads). "fork" skips that start-up (a fifth of a second of imports), and is
        # safe only while the process has none of those: the command forks before Django starts.
        context: Any = multiprocessing.get_context("fork" if fork else "spawn")
        self.channel: Any = context.Queue(maxsize=QUEUE_SIZE)
        self.worker = context.Process(
            target=_produce,
            args=(list(paths), mapping or MappingSpec(), self.channel, os.getpid()),
            daemon=True,
        )
        self.worker.start()

    def __iter__(self) -> Iterator[Planned | FileDone]:
        try:
            yield from _consume(self.channel, self.worker)
        finally:
            self.close()

    def close(self) -> None:
        if self.worker.is_alive():
            self.worker.terminate()
        self.worker.join()


def _produce(paths: list[Path], spec: MappingSpec, channel: Any, parent: int) -> None:
    """Send records in chunks (one queue transfer per chunk, not per record), and each file's
    end at once, so the progress bar follows the files."""
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    csv_mapping = spec.build()
    chunk: list[Planned | FileDone | _Shipped] = []
    for path in paths:
        for item, record in _read_file(path, csv_mapping):
            chunk.append(_shipped(item, record))
            if len(chunk) >= CHUNK or isinstance(item, FileDone):
                _put(channel, chunk, parent)
                chunk = []
    _put(channel, None, parent)


def _shipped(item: Planned | FileDone, record: bytes) -> Planned | FileDone | _Shipped:
    if isinstance(item, Planned) and isinstance(item.item, Extracted):
        extracted = item.item
        return _Shipped(item.path, record, extracted.warnings, extracted.locator)
    return item


def _unshipped(item: Planned | FileDone | _Shipped) -> Planned | FileDone:
    if not isinstance(item, _Shipped):
        return item
    try:
        record = record_from_bytes(item.record)
    except pickle.UnpicklingError as error:  # a reader left something else than plain values
        return Planned(item.path, Failed(f"could not be passed on: {error}", item.locator))
    extracted = Extracted(record, item.warnings, item.locator)
    return Planned(item.path, extracted, digest_of(item.record))


def _exit_with(parent: int) -> None:
    """Leave when the storing process is gone (a killed ingest), whatever this one is doing:
    blocked on a full queue, or at its end waiting to hand over the last records."""
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _put(channel: Any, item: list[Planned | FileDone | _Shipped] | None, parent: int) -> None:
    """Wait for room in the queue, but not for a parent that is gone (killed ingest)."""
    while True:
        try:
            channel.put(item, timeout=1.0)
            return
        except queue_module.Full:
            if os.getppid() != parent:
                os._exit(1)


def _consume(channel: Any, worker: Any) -> Iterator[Planned | FileDone]:
    while True:
        try:
            item = channel.get(timeout=1.0)
        except queue_module.Empty:
            if not worker.is_alive():  # it died without its end marker
                raise RuntimeError("the reading process stopped unexpectedly") from None
            continue
        if item is None:
            return
        for shipped in item:
            yield _unshipped(shipped)
