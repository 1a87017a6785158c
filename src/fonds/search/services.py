"""Writes of the search app: the index queue and the index itself."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager

from django.utils import timezone

from fonds.bulk import insert_rows, rows_where_in
from fonds.core.search.documents import IndexSource, index_entry
from fonds.search.backends import IndexBusy, get_backend
from fonds.search.backends.base import IndexSession
from fonds.search.models import IndexQueueEntry
from fonds.search.selectors import index_documents

log = logging.getLogger(__name__)
_state = threading.local()
BATCH = 500  # documents read from the database at a time
ROUND = 5000  # queue entries applied per index commit
FEED_COMMIT_SECONDS = 30.0  # how long an ingest's new documents may wait to become searchable
COMMAND_PATIENCE = 60.0  # seconds a command waits for the index another process is writing


def index_enqueue(document_pks: Iterable[int]) -> None:
    now = timezone.now()
    insert_rows(
        IndexQueueEntry, ("document_pk", "enqueued_at"), ((pk, now) for pk in set(document_pks))
    )


def index_enqueue_new(document_pks: Sequence[int]) -> list[int]:
    """Queue documents this transaction has just created; returns the queue entries' pks.
    (Documents not yet committed are invisible to other transactions, so every entry naming
    them is this transaction's.)"""
    index_enqueue(document_pks)
    return [row[0] for row in rows_where_in(IndexQueueEntry, ("pk",), "document_pk", document_pks)]


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


def index_catch_up(
    round_size: int = ROUND, *, patience: float = 0.0, session: IndexSession | None = None
) -> int:
    """Bring the index in line with every queued change; returns how many documents it applied.

    Each round takes up to `round_size` queue entries and applies them as one index commit,
    reading the documents `BATCH` at a time (memory stays flat however long the queue; few
    commits keep tantivy's segment merging small). Queue rows are deleted only after that commit,
    so a crash in between leaves them queued and the next catch-up repairs the index. With an
    empty queue the index is not touched; otherwise its writer is waited for up to `patience`
    seconds (IndexBusy after that), or the caller's open `session` is used.
    """
    if not IndexQueueEntry.objects.exists():
        return 0
    if session is not None:
        return _apply_queue(session, round_size)
    with get_backend().session(patience) as own:
        return _apply_queue(own, round_size)


def _apply_queue(session: IndexSession, round_size: int) -> int:
    applied = 0
    while True:
        entries = list(
            IndexQueueEntry.objects.order_by("pk").values_list("pk", "document_pk")[:round_size]
        )
        if not entries:
            return applied
        pks = sorted({document_pk for _, document_pk in entries})
        session.remove(pks)  # deleted and unpublished ones leave; the others come back below
        for start in range(0, len(pks), BATCH):
            session.replace(index_documents(pks[start : start + BATCH]))
        session.commit()
        IndexQueueEntry.objects.filter(pk__in=[entry_pk for entry_pk, _ in entries]).delete()
        applied += len(pks)


class IndexFeed:
    """Bulk ingest's way into the index: documents handed over right after their transaction
    has committed go straight to an open index session (nothing is read back from the
    database), and their queue entries are deleted once the index has committed them. Without
    a session (the index is busy elsewhere) everything stays queued for the next catch-up."""

    def __init__(self, session: IndexSession | None, commit_seconds: float) -> None:
        self.session = session
        self.commit_seconds = commit_seconds
        self.committed_at = time.monotonic()
        self.uncommitted = 0
        self.queued: list[int] = []

    def add(self, sources: Sequence[IndexSource], queued: Sequence[int]) -> None:
        if self.session is None or not sources:
            return
        self.session.replace([index_entry(source) for source in sources])
        self.queued.extend(queued)
        self.uncommitted += len(sources)
        if time.monotonic() - self.committed_at >= self.commit_seconds:
            self.commit()

    def commit(self) -> None:
        """Commit what was handed over, then apply whatever else is queued (curators' edits
        made meanwhile, records updated rather than new) through the same session: while an
        ingest holds the index, nobody else can write it."""
        if self.session is None:
            return
        self.session.commit()
        for start in range(0, len(self.queued), ROUND):
            IndexQueueEntry.objects.filter(pk__in=self.queued[start : start + ROUND]).delete()
        self.queued, self.uncommitted = [], 0
        index_catch_up(session=self.session)
        self.committed_at = time.monotonic()


@contextmanager
def index_feed(
    commit_seconds: float = FEED_COMMIT_SECONDS, patience: float = 0.0
) -> Iterator[IndexFeed]:
    """An `IndexFeed` for the length of an ingest: committed at the end, and every
    `commit_seconds` so that search keeps up with a long ingest (an index commit waits for
    everything handed over so far: few of them keep a short ingest fast). On an error the
    uncommitted part is rolled back; its queue entries stay for the catch-up."""
    with ExitStack() as stack:
        try:
            session: IndexSession | None = stack.enter_context(get_backend().session(patience))
        except IndexBusy as error:
            log.info("indexing left to the catch-up: %s", error)
            session = None
        feed = IndexFeed(session, commit_seconds)
        yield feed
        feed.commit()


def index_catch_up_safely() -> None:
    """Catch up, but never fail or hold up the request or command that triggered it: if the
    index is being written elsewhere (an ingest, which applies the queue as it commits), what
    is not applied now stays queued."""
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
    return index_catch_up(patience=COMMAND_PATIENCE)
