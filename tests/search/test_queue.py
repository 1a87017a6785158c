"""The index queue: written with the change, applied after commit, repaired after a crash."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT
from tests.helpers import records_of

from fonds.archive.ingest import IngestReport, ingest_paths
from fonds.archive.models import Document
from fonds.archive.services import document_save_edits, document_upsert, documents_store
from fonds.core.search.params import search_request
from fonds.search import services
from fonds.search.backends import IndexBusy, get_backend, tantivy_backend
from fonds.search.models import IndexQueueEntry
from fonds.search.selectors import search_documents
from fonds.search.services import (
    deferred_indexing,
    index_catch_up,
    index_feed,
    index_rebuild,
)

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    page = search_documents(search_request({"q": [text]}))
    return [r.document.public_id for r in page.results]


def test_a_write_queues_its_document_in_the_same_transaction() -> None:
    with deferred_indexing():
        (record,) = records_of(SEED_PAGETEXT)
        document, _ = document_upsert(record)
    assert IndexQueueEntry.objects.filter(document_pk=document.pk).exists()
    assert found("howitzers") == []
    assert index_catch_up() == 1
    assert found("howitzers") == [document.public_id]
    assert not IndexQueueEntry.objects.exists()


def test_after_commit_the_index_catches_up(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        (record,) = records_of(SEED_MARKDOWN)
        document, _ = document_upsert(record)
    assert found("Pravda") == [document.public_id]


def test_index_failure_keeps_the_queue_for_the_next_catch_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with deferred_indexing():
        (record,) = records_of(SEED_PAGETEXT)
        document, _ = document_upsert(record)
    backend = get_backend()
    original = backend.session

    @contextmanager
    def failing_session(patience: float = 0.0) -> Iterator[Any]:
        with original(patience) as session:
            monkeypatch.setattr(session, "commit", crash)
            yield session

    def crash() -> None:
        raise OSError("disk full")  # the index cannot commit: nothing is lost from the queue

    monkeypatch.setattr(backend, "session", failing_session)
    with pytest.raises(OSError):
        index_catch_up()
    assert IndexQueueEntry.objects.filter(document_pk=document.pk).exists()
    monkeypatch.setattr(backend, "session", original)
    index_catch_up()
    assert found("howitzers") == [document.public_id]


def test_unpublished_and_deleted_documents_leave_the_index() -> None:
    with deferred_indexing():
        documents = [
            document_upsert(r)[0] for p in (SEED_PAGETEXT, SEED_MARKDOWN) for r in records_of(p)
        ]
    index_catch_up()
    assert len(found("Kuznetsov")) == 2
    with deferred_indexing():
        documents[0].status = Document.Status.DRAFT
        document_save_edits(documents[0])
        documents[1].delete()
    assert get_backend().count() == 2
    assert found("Kuznetsov") == []  # re-checked against the database even before catch-up
    index_catch_up()
    assert get_backend().count() == 0


def test_reindex_rebuilds_from_the_database() -> None:
    with deferred_indexing():
        for path in (SEED_PAGETEXT, SEED_MARKDOWN):
            for record in records_of(path):
                document_upsert(record)
    get_backend().clear()
    IndexQueueEntry.objects.all().delete()
    assert found("Kuznetsov") == []
    assert index_rebuild() == 2
    assert len(found("Kuznetsov")) == 2


def test_an_ingest_hands_new_documents_to_the_index_and_clears_their_queue_rows() -> None:
    report = IngestReport()
    with deferred_indexing():
        ingest_paths([SEED_PAGETEXT, SEED_MARKDOWN], report, in_background=False)
    assert report.counts["new"] == 2
    assert len(found("Kuznetsov")) == 2  # no catch-up ran: the feed indexed them
    assert not IndexQueueEntry.objects.exists()


def test_an_ingest_while_another_process_writes_the_index_leaves_its_work_queued(
    settings: Any,
) -> None:
    settings.FONDS_SEARCH_BACKEND = "tantivy"  # the backend with one writer at a time
    holder = get_backend().index.writer(heap_size=15_000_000, num_threads=1)  # type: ignore[attr-defined]
    try:
        report = IngestReport()
        with deferred_indexing():
            ingest_paths([SEED_PAGETEXT, SEED_MARKDOWN], report, in_background=False)
        assert report.counts["new"] == 2
        assert IndexQueueEntry.objects.count() == 2
        assert found("Kuznetsov") == []
    finally:
        holder.rollback()
        holder.wait_merging_threads()
    assert index_catch_up() == 2
    assert len(found("Kuznetsov")) == 2


def test_a_long_ingest_makes_its_documents_searchable_as_it_goes() -> None:
    with deferred_indexing(), index_feed(commit_seconds=0.0) as feed:
        batch = documents_store(records_of(SEED_PAGETEXT))
        feed.add(batch.indexable, batch.queued)
        assert len(found("howitzers")) == 1  # committed before the ingest ends
        assert not IndexQueueEntry.objects.exists()
        batch = documents_store(records_of(SEED_MARKDOWN))
        feed.add(batch.indexable, batch.queued)
    assert len(found("Kuznetsov")) == 2


def test_while_an_ingest_holds_the_index_an_edit_waits_for_nothing_and_is_applied_with_it(
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.FONDS_SEARCH_BACKEND = "tantivy"  # the backend with one writer at a time
    (record,) = records_of(SEED_PAGETEXT)
    with index_feed() as feed:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            document, _ = document_upsert(record)  # a curator's save, its catch-up on commit
        assert time.monotonic() - started < 0.5
        assert IndexQueueEntry.objects.filter(document_pk=document.pk).exists()
        assert found("howitzers") == []
        feed.commit()  # the ingest's next commit applies the queue too
        assert not IndexQueueEntry.objects.exists()
        assert found("howitzers") == [document.public_id]


def test_a_rebuild_while_the_index_is_held_fails_clearly(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FONDS_SEARCH_BACKEND = "tantivy"
    monkeypatch.setattr(tantivy_backend, "PATIENCE", 0.2)
    monkeypatch.setattr(services, "COMMAND_PATIENCE", 0.2)
    with index_feed(), pytest.raises(IndexBusy, match="being written by another process"):
        index_rebuild()
