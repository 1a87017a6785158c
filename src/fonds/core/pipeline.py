"""The ingest plan: detect each file's format, read it, yield records. Stores nothing.

`plan` reads one file in this process. `plan_files` reads many, by default in a second process
(`Reading`), so that parsing (pure CPU) overlaps the caller's storing (database time); records
come back through a bounded queue, so memory stays flat however large the batch.
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
from fonds.core.records import Extracted, Failed, Source
from fonds.core.serialize import content_hash

MAX_FILE_BYTES = 512 * 1024 * 1024
CHUNK = 32  # records per transfer from the reading process
QUEUE_SIZE = 32  # chunks in flight: the reader reads ahead while the storing side starts up
_PICKLING_ERRORS = (pickle.PicklingError, TypeError, AttributeError, RecursionError)


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


@dataclass(frozen=True, slots=True)
class Planned:
    """One record (or refusal) read from a file, with the record's content hash (taken where
    it was read: the reading process is the one with time to spare)."""

    path: str
    item: Extracted | Failed
    digest: str = ""


@dataclass(frozen=True, slots=True)
class FileDone:
    path: str
    size: int


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


def plan(source: Source, csv_mapping: CsvMapping | None = None) -> Iterator[Extracted | Failed]:
    """Every record the file holds, or one Failed naming the reason the file cannot be read."""
    try:
        reader = detect(source.data, csv_mapping)
        yield from reader.read(source)
    except ParseError as error:
        yield Failed(reason=str(error))


def plan_file(path: Path, csv_mapping: CsvMapping | None = None) -> Iterator[Planned | FileDone]:
    """A file's records, then FileDone; a file that cannot be read at all gives one Failed."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OSError(f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as error:
        yield Planned(name, Failed(error.strerror or str(error)))
        yield FileDone(name, 0)
        return
    try:
        for item in plan(Source(name, data), csv_mapping):
            yield _planned(name, item)
    except Exception as error:  # a reader bug must not stop the batch; say which file
        yield Planned(name, Failed(f"unexpected error while reading: {error!r}"))
    yield FileDone(name, size)


def _planned(name: str, item: Extracted | Failed) -> Planned:
    """The item with its record's content hash; a record whose value cannot be serialized (a
    reader bug left something else than plain values in it) is refused, named."""
    if isinstance(item, Failed):
        return Planned(name, item)
    try:
        return Planned(name, item, content_hash(item.record))
    except (TypeError, ValueError) as error:
        return Planned(name, Failed(f"could not be passed on: {error}", item.locator))


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
    """`plan_file` for many files in a second process, which starts reading at once. Iterate
    once."""

    def __init__(
        self, paths: Sequence[Path], mapping: MappingSpec | None = None, *, fork: bool = False
    ) -> None:
        # "spawn" starts a clean interpreter: nothing inherited (database connections, index
        # writers, threads). "fork" skips that start-up (a fifth of a second of imports), and is
        # safe only while the process has none of those: `fonds ingest` forks before it opens
        # the database.
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
    chunk: list[Planned | FileDone] = []
    for path in paths:
        for item in plan_file(path, csv_mapping):
            chunk.append(item)
            if len(chunk) >= CHUNK or isinstance(item, FileDone):
                _put(channel, _pickled(chunk), parent)
                chunk = []
    _put(channel, None, parent)


def _pickled(chunk: list[Planned | FileDone]) -> bytes:
    """The chunk pickled here, not by the queue's feeder thread, which would only print the
    error of an item that cannot be pickled and drop its whole chunk: such an item (a reader
    bug) is sent as a failure naming it instead."""
    try:
        return pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL)
    except _PICKLING_ERRORS:
        return pickle.dumps([_picklable(item) for item in chunk], pickle.HIGHEST_PROTOCOL)


def _picklable(item: Planned | FileDone) -> Planned | FileDone:
    try:
        pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
    except _PICKLING_ERRORS as error:
        locator = item.item.locator if isinstance(item, Planned) else ""
        return Planned(item.path, Failed(f"could not be passed on: {error}", locator))
    return item


def _exit_with(parent: int) -> None:
    """Leave when the storing process is gone (a killed ingest), whatever this one is doing:
    blocked on a full queue, or at its end waiting to hand over the last records."""
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _put(channel: Any, item: bytes | None, parent: int) -> None:
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
        yield from pickle.loads(item)
