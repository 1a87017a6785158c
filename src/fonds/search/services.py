"""Writes of the search app: the index queue and the index itself.

Every change to the archive is queued in the transaction that makes it (`signals`); after the
commit the queue is applied, by this process's open `IndexFeed` during a bulk write, else by a
catch-up. Queue rows are deleted only after the index has committed what they name, so a crash
in between is repaired by the next catch-up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from fonds.archive.models import Document
from fonds.search.backends import IndexBusy, IndexOutdated, discard_outdated, get_backend
from fonds.search.backends.base import IndexSession, SearchBackend
from fonds.search.models import IndexQueueEntry
from fonds.search.queue import index_enqueue
from fonds.search.selectors import index_documents

log = logging.getLogger(__name__)
BATCH = 500  # documents read from the database at a time
ROUND = 5000  # queue entries applied per index commit
FEED_COMMIT_SECONDS = 30.0  # how long a bulk write's documents may wait to become searchable
COMMAND_PATIENCE = 60.0  # seconds a command waits for the index another process is writing


def writable_backend() -> SearchBackend:
    """The configured backend; an embedded index an earlier fonds laid out differently is
    replaced by an empty one and every document queued, so the catch-up rebuilds it."""
    try:
        return get_backend()
    except IndexOutdated as error:
        log.warning("%s: rebuilding it from the database", error)
        discard_outdated()
        index_enqueue(Document.objects.values_list("pk", flat=True))
        return get_backend()


def index_catch_up(
    round_size: int = ROUND, *, patience: float = 0.0, session: IndexSession | None = None
) -> int:
    """Bring the index in line with every queued change; returns how many documents it applied.

    Each round takes up to `round_size` queue entries and applies them as one index commit,
    reading the documents `BATCH` at a time (memory stays flat however long the queue; few
    commits keep tantivy's segment merging small). With an empty queue the index is not
    touched; otherwise its writer is waited for up to `patience` seconds (IndexBusy after
    that), or the caller's open `session` is used.
    """
    if session is not None:
        return _apply_queue(session, round_size)
    backend = writable_backend()  # first: an outdated index queues everything
    if not IndexQueueEntry.objects.exists():
        return 0
    with backend.session(patience) as own:
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
        for start in range(0, len(pks), BATCH):
            _apply(session, pks[start : start + BATCH])
        session.commit()
        IndexQueueEntry.objects.filter(pk__in=[entry_pk for entry_pk, _ in entries]).delete()
        applied += len(pks)


def _apply(session: IndexSession, pks: list[int]) -> None:
    """Bring these documents' entries in line with the database: deleted ones leave."""
    session.remove(pks)
    session.replace(index_documents(pks))


class IndexFeed:
    """An open index session for the length of a bulk write (`fonds ingest`, `fonds import`):
    what each of its transactions queues is handed to the session as soon as it commits
    (tantivy indexes it in its own thread while the next batch is stored), and committed
    every `commit_seconds` and at the end; queue rows are deleted after each commit. Without
    a session (the index is busy elsewhere) everything stays queued for the next catch-up."""

    def __init__(self, session: IndexSession | None, commit_seconds: float) -> None:
        self.session = session
        self.commit_seconds = commit_seconds
        self.committed_at = time.monotonic()
        self.handed: list[int] = []  # queue entries handed over, not yet committed
        self.last_entry = 0

    def apply_queued(self) -> None:
        """Hand over what was queued since the last call."""
        if self.session is None:
            return
        entries = list(
            IndexQueueEntry.objects.filter(pk__gt=self.last_entry)
            .order_by("pk")
            .values_list("pk", "document_pk")
        )
        if not entries:
            return
        pks = sorted({document_pk for _, document_pk in entries})
        for start in range(0, len(pks), BATCH):
            _apply(self.session, pks[start : start + BATCH])
        self.handed += [entry for entry, _ in entries]
        self.last_entry = entries[-1][0]
        if time.monotonic() - self.committed_at >= self.commit_seconds:
            self.commit()

    def commit(self) -> None:
        """Commit what was handed over, then apply whatever else is queued (an entry whose
        transaction committed after a later-numbered one), through the same session."""
        if self.session is None:
            return
        self.session.commit()
        for start in range(0, len(self.handed), ROUND):
            IndexQueueEntry.objects.filter(pk__in=self.handed[start : start + ROUND]).delete()
        self.handed = []
        index_catch_up(session=self.session)
        self.committed_at = time.monotonic()


_open_feeds: list[IndexFeed] = []  # the feed this process holds the index writer for, if any


@contextmanager
def index_feed(
    commit_seconds: float = FEED_COMMIT_SECONDS, patience: float = 0.0
) -> Iterator[IndexFeed]:
    """An `IndexFeed` for the length of a bulk write: while it is open, every commit's queue
    goes to it (`index_after_commit`). On an error the uncommitted part is rolled back; its
    queue entries stay for the catch-up."""
    with ExitStack() as stack:
        try:
            session: IndexSession | None = stack.enter_context(writable_backend().session(patience))
        except IndexBusy as error:
            log.info("indexing left to the catch-up: %s", error)
            session = None
        feed = IndexFeed(session, commit_seconds)
        _open_feeds.append(feed)
        try:
            yield feed
            feed.apply_queued()
            feed.commit()
        finally:
            _open_feeds.remove(feed)


def index_after_commit() -> None:
    """After a transaction that queued documents: hand them to this process's open feed, or
    catch the index up (never failing the request or command that wrote)."""
    if _open_feeds:
        _open_feeds[-1].apply_queued()
    else:
        index_catch_up_safely()


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
    """Rebuild the whole index from the database (`fonds reindex`); an index an earlier fonds
    laid out differently is replaced."""
    discard_outdated()
    writable_backend().clear()
    IndexQueueEntry.objects.all().delete()
    index_enqueue(Document.objects.values_list("pk", flat=True))
    return index_catch_up(patience=COMMAND_PATIENCE)
