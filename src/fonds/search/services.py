"""Writes of the search app: the index queue and the index itself."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fonds.core.search.contract import IndexDocument
from fonds.search.backends import IndexBusy, get_backend
from fonds.search.models import IndexQueueEntry
from fonds.search.selectors import index_documents

log = logging.getLogger(__name__)
_state = threading.local()
BATCH = 100  # documents read from the database at a time
ROUND = 5000  # queue entries applied per index commit


def index_enqueue(document_pks: Iterable[int]) -> None:
    IndexQueueEntry.objects.bulk_create(IndexQueueEntry(document_pk=pk) for pk in set(document_pks))


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Within this block writes are queued but the index is not updated per transaction; the
    caller runs `index_catch_up()` once at the end (bulk ingest)."""
    previous = getattr(_state, "deferred", False)
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = previous


def indexing_is_deferred() -> bool:
    return bool(getattr(_state, "deferred", False))


def index_catch_up(round_size: int = ROUND) -> int:
    """Bring the index in line with every queued change; returns how many documents it applied.

    Each round takes up to `round_size` queue entries and applies them as one index commit,
    reading the documents `BATCH` at a time (memory stays flat however long the queue; few
    commits keep tantivy's segment merging small). Queue rows are deleted only after that commit,
    so a crash in between leaves them queued and the next catch-up repairs the index.
    """
    backend = get_backend()
    applied = 0
    while True:
        entries = list(
            IndexQueueEntry.objects.order_by("pk").values_list("pk", "document_pk")[:round_size]
        )
        if not entries:
            return applied
        pks = sorted({document_pk for _, document_pk in entries})
        backend.apply(remove_pks=pks, add=_in_batches(pks))
        IndexQueueEntry.objects.filter(pk__in=[entry_pk for entry_pk, _ in entries]).delete()
        applied += len(pks)


def _in_batches(pks: list[int]) -> Iterator[IndexDocument]:
    for start in range(0, len(pks), BATCH):
        yield from index_documents(pks[start : start + BATCH])


def index_catch_up_safely() -> None:
    """Catch up, but never fail the request or command that triggered it: what is not applied
    now stays queued."""
    try:
        index_catch_up()
    except IndexBusy as error:
        log.info("index catch-up postponed: %s", error)
    except Exception:
        log.exception("index catch-up failed; the changes stay queued")


def index_rebuild() -> int:
    """Rebuild the whole index from the database (`fonds reindex`)."""
    from fonds.archive.models import Document

    backend = get_backend()
    backend.clear()
    IndexQueueEntry.objects.all().delete()
    index_enqueue(Document.objects.values_list("pk", flat=True))
    return index_catch_up()
