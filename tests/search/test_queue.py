"""The index queue: written with the change, applied after commit (or by the open feed of a
bulk write), repaired after a crash."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT
from tests.helpers import records_of

from fonds.archive.ingest import IngestReport, ingest_paths
from fonds.archive.models import Document
from fonds.archive.services import document_save_edits, document_upsert, documents_store
from fonds.core.search.params import search_request
from fonds.core.visibility import public_gate
from fonds.search import services
from fonds.search.backends import IndexBusy, get_backend, tantivy_backend
from fonds.search.models import IndexQueueEntry
from fonds.search.selectors import search_documents
from fonds.search.services import index_catch_up, index_feed, index_rebuild

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    page = search_documents(search_request({"q": [text]}), public_gate())
    return [r.document.public_id for r in page.results]


def stored(*paths: Any) -> list[Document]:
    """Upsert the records of these files; the on-commit catch-ups are not run (pytest-django
    runs each test in a transaction that never commits)."""
    return [document_upsert(record)[0] for path in paths for record in records_of(path)]


def test_a_write_queues_its_document_in_the_same_transaction() -> None:
    (document,) = stored(SEED_PAGETEXT)
    assert IndexQueueEntry.objects.filter(document_pk=document.pk).exists()
    assert found("howitzers") == []
    assert index_catch_up() == 1
    assert found("howitzers") == [document.public_id]
    assert not IndexQueueEntry.objects.exists()


def test_after_commit_the_index_catches_up(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        (document,) = stored(SEED_MARKDOWN)
    assert found("Pravda") == [document.public_id]


def test_a_bulk_write_queues_its_documents_and_they_are_indexed_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        documents_store(records_of(SEED_PAGETEXT) + records_of(SEED_MARKDOWN))
    assert len(found("Kuznetsov")) == 2
    assert not IndexQueueEntry.objects.exists()


def test_index_failure_keeps_the_queue_for_the_next_catch_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (document,) = stored(SEED_PAGETEXT)
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


def test_unpublished_documents_stay_hidden_and_deleted_ones_leave_the_index() -> None:
    documents = stored(SEED_PAGETEXT, SEED_MARKDOWN)
    index_catch_up()
    assert len(found("Kuznetsov")) == 2
    documents[0].status = Document.Status.DRAFT
    document_save_edits(documents[0])
    documents[1].delete()
    assert get_backend().count() == 2
    assert found("Kuznetsov") == []  # the queue and the database decide before the catch-up
    index_catch_up()
    assert get_backend().count() == 1  # the draft stays, marked as one; the public never sees it
    assert found("Kuznetsov") == []


def test_reindex_rebuilds_from_the_database() -> None:
    stored(SEED_PAGETEXT, SEED_MARKDOWN)
    get_backend().clear()
    IndexQueueEntry.objects.all().delete()
    assert found("Kuznetsov") == []
    assert index_rebuild() == 2
    assert len(found("Kuznetsov")) == 2


def test_an_ingest_with_an_open_feed_indexes_its_documents_and_clears_their_queue_rows(
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = IngestReport()
    with index_feed(), django_capture_on_commit_callbacks(execute=True):
        ingest_paths([SEED_PAGETEXT, SEED_MARKDOWN], report, in_background=False)
    assert report.counts["new"] == 2
    assert len(found("Kuznetsov")) == 2  # no catch-up ran: the feed indexed them
    assert not IndexQueueEntry.objects.exists()


def test_an_ingest_while_another_process_writes_the_index_leaves_its_work_queued(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.FONDS_SEARCH_BACKEND = "tantivy"  # the backend with one writer at a time
    holder = get_backend().index.writer(heap_size=15_000_000, num_threads=1)  # type: ignore[attr-defined]
    try:
        report = IngestReport()
        with index_feed(), django_capture_on_commit_callbacks(execute=True):
            ingest_paths([SEED_PAGETEXT, SEED_MARKDOWN], report, in_background=False)
        assert report.counts["new"] == 2
        assert IndexQueueEntry.objects.count() == 2
        assert found("Kuznetsov") == []
    finally:
        holder.rollback()
        holder.wait_merging_threads()
    assert index_catch_up() == 2
    assert len(found("Kuznetsov")) == 2


def test_a_long_ingest_makes_its_documents_searchable_as_it_goes(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with index_feed(commit_seconds=0.0):
        with django_capture_on_commit_callbacks(execute=True):
            documents_store(records_of(SEED_PAGETEXT))
        assert len(found("howitzers")) == 1  # committed before the ingest ends
        assert not IndexQueueEntry.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            documents_store(records_of(SEED_MARKDOWN))
    assert len(found("Kuznetsov")) == 2


def test_while_an_ingest_holds_the_index_an_edit_waits_for_nothing_and_is_applied_with_it(
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.FONDS_SEARCH_BACKEND = "tantivy"  # the backend with one writer at a time
    with index_feed() as feed:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            (document,) = stored(SEED_PAGETEXT)  # a curator's save, handed to the open feed
        assert time.monotonic() - started < 0.5
        assert IndexQueueEntry.objects.filter(document_pk=document.pk).exists()
        assert found("howitzers") == []
        feed.commit()  # the ingest's next commit applies it
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


def test_an_index_laid_out_by_an_earlier_fonds_is_rebuilt_by_the_catch_up(settings: Any) -> None:
    settings.FONDS_SEARCH_BACKEND = "tantivy"
    stored(SEED_PAGETEXT, SEED_MARKDOWN)
    index_catch_up()
    folder = Path(settings.FONDS_INDEX_DIR)
    (folder / "fonds-schema.json").write_text(json.dumps({"version": "0"}))
    tantivy_backend_cache_clear()
    services.index_catch_up_safely()
    assert json.loads((folder / "fonds-schema.json").read_text())["version"] != "0"
    assert len(found("Kuznetsov")) == 2


def tantivy_backend_cache_clear() -> None:
    """Forget the open index, as a new process would."""
    from fonds.search import backends

    backends._tantivy_at.cache_clear()
