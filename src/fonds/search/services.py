"""Writes of the search app: the index queue and the index itself."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fonds.search.backends import IndexBusy, get_backend
from fonds.search.models import IndexQueueEntry
from fonds.search.selectors import index_documents

log = logging.getLogger(__name__)
_state = threading.local()
BATCH = 500


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


def index_catch_up(batch: int = BATCH) -> int:
    """Bring the index in line with every queued change; returns how many documents it applied.

    Queue rows are deleted only after the index committed their documents, so a crash in
    between leaves them queued and the next catch-up repairs the index.
    """
    backend = get_backend()
    applied = 0
    while True:
        entries = list(
            IndexQueueEntry.objects.order_by("pk").values_list("pk", "document_pk")[:batch]
        )
        if not entries:
            return applied
        pks = {document_pk for _, document_pk in entries}
        backend.apply(remove_pks=pks, add=index_documents(pks))
        IndexQueueEntry.objects.filter(pk__in=[entry_pk for entry_pk, _ in entries]).delete()
        applied += len(pks)


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
