"""The reading process: files read, and their records extracted, in a second process while the
caller stores what comes back through a bounded queue (memory stays flat however large the batch).

This module imports only what starting that process needs, so that `fonds ingest` can start it
within a few hundredths of a second: the readers themselves (lxml and every format module) are
imported by the reading process, while the storing process imports Django.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from fonds.core.parsing.csvmapping import CsvMapping
    from fonds.core.pipeline import FileDone, Planned

CHUNK = 32  # records per transfer from the reading process
QUEUE_SIZE = 32  # chunks in flight: the reader reads ahead while the storing side starts up


class MappingSpec(NamedTuple):
    """A CSV mapping as the user gave it (a TOML text, `field=Column` pairs): plain data that
    can cross to the reading process, where `build` makes the mapping. (A named tuple, not a
    dataclass: importing `dataclasses` would add about 12 ms before the fork.)"""

    toml: str | None = None
    pairs: tuple[str, ...] = ()

    def build(self) -> CsvMapping | None:
        if self.toml is None and not self.pairs:
            return None
        from fonds.core.parsing.csvmapping import CsvMapping

        if self.toml is None:
            return CsvMapping.from_pairs(self.pairs)
        mapping = CsvMapping.from_toml(self.toml)
        return mapping.with_pairs(self.pairs) if self.pairs else mapping


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


class Reading:
    """`pipeline.plan_file` for many files in a second process, which starts reading at once
    (the `fonds` command starts it before Django, so reading overlaps start-up). Iterate once."""

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
    from fonds.core.collecting import bulk_work, started
    from fonds.core.pipeline import FileDone, read_file, shipped

    started()  # forked while the command starts: the readers are imported now
    csv_mapping = spec.build()
    chunk: list[Any] = []
    with bulk_work():
        for path in paths:
            for item, record in read_file(path, csv_mapping):
                chunk.append(shipped(item, record))
                if len(chunk) >= CHUNK or isinstance(item, FileDone):
                    _put(channel, chunk, parent)
                    chunk = []
    _put(channel, None, parent)


def _exit_with(parent: int) -> None:
    """Leave when the storing process is gone (a killed ingest), whatever this one is doing:
    blocked on a full queue, or at its end waiting to hand over the last records."""
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _put(channel: Any, item: list[Any] | None, parent: int) -> None:
    """Wait for room in the queue, but not for a parent that is gone (killed ingest)."""
    while True:
        try:
            channel.put(item, timeout=1.0)
            return
        except queue_module.Full:
            if os.getppid() != parent:
                os._exit(1)


def _consume(channel: Any, worker: Any) -> Iterator[Planned | FileDone]:
    from fonds.core.pipeline import unshipped

    while True:
        try:
            item = channel.get(timeout=1.0)
        except queue_module.Empty:
            if not worker.is_alive():  # it died without its end marker
                raise RuntimeError("the reading process stopped unexpectedly") from None
            continue
        if item is None:
            return
        for each in item:
            yield unshipped(each)
