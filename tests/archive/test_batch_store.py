"""The bulk-ingest path (`documents_store`): a batch stores exactly what one-by-one storing
stores, queues every document it writes for the index in the same transaction, and a record
the database refuses is named while the rest of its batch is kept."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT
from tests.helpers import records_of

from fonds.archive.models import Collection, Document
from fonds.archive.selectors import documents_for_export
from fonds.archive.services import Outcome, document_upsert, documents_import, documents_store
from fonds.authorities.models import Person, Place
from fonds.core.export import Exported, jsonl
from fonds.core.records import Agent, CollectionRef, DocumentRecord
from fonds.core.serialize import content_hash
from fonds.core.visibility import CURATOR, Gate
from fonds.search.models import IndexQueueEntry

pytestmark = pytest.mark.django_db

NICARAGUA = (
    Path(__file__).resolve().parents[2].parent / "shared/corpus/frus/volumes/frus1894Nicaragua.xml"
)


@pytest.fixture(scope="module")
def records() -> list[DocumentRecord]:
    return records_of(NICARAGUA) + records_of(SEED_PAGETEXT) + records_of(SEED_MARKDOWN)


def exported() -> str:
    out = io.StringIO()
    jsonl.write(documents_for_export(Gate.of(CURATOR)), out)
    return out.getvalue()


def forget_everything() -> None:
    Document.objects.all().delete()
    Person.objects.all().delete()
    Place.objects.all().delete()
    Collection.objects.filter(parent__isnull=False).delete()
    Collection.objects.all().delete()


def test_a_batch_stores_what_one_by_one_storing_stores(records: list[DocumentRecord]) -> None:
    outcomes = [
        r.outcome
        for start in range(0, len(records), 7)
        for r in documents_store(records[start : start + 7]).results
    ]
    assert outcomes == [Outcome.NEW] * len(records)
    batched = exported()
    forget_everything()
    assert [document_upsert(record)[1] for record in records] == [Outcome.NEW] * len(records)
    assert exported() == batched
    assert batched.count("\n") == len(records)


def queued() -> set[int]:
    return set(IndexQueueEntry.objects.values_list("document_pk", flat=True))


def test_a_batch_queues_every_document_it_writes(records: list[DocumentRecord]) -> None:
    documents_store(records)
    assert queued() == set(Document.objects.values_list("pk", flat=True))
    assert len(queued()) == len(records)


def test_stored_records_in_a_batch_are_unchanged_or_updated(records: list[DocumentRecord]) -> None:
    first, second, third = records[:3]
    documents_store([first, second])
    IndexQueueEntry.objects.all().delete()
    changed = replace(second, title=second.title + " (revised)")
    batch = documents_store([first, changed, third])
    assert [r.outcome for r in batch.results] == [Outcome.UNCHANGED, Outcome.UPDATED, Outcome.NEW]
    assert Document.objects.get(source_key=second.source_key).title.endswith("(revised)")
    pk_of = dict(Document.objects.values_list("source_key", "pk"))
    assert queued() == {pk_of[second.source_key], pk_of[third.source_key]}  # not the unchanged


def test_a_record_named_twice_in_a_batch_is_new_then_updated(records: list[DocumentRecord]) -> None:
    record = records[0]
    again = replace(record, title="A second reading")
    batch = documents_store([record, again])
    assert [r.outcome for r in batch.results] == [Outcome.NEW, Outcome.UPDATED]
    assert Document.objects.get().title == "A second reading"


def test_a_refused_record_is_named_and_the_rest_of_its_batch_is_kept(
    records: list[DocumentRecord],
) -> None:
    # A lone surrogate (JSON allows "\ud800") cannot be encoded for either database.
    bad = replace(records[1], people=(Agent("Kim \ud800"),))
    batch = documents_store([records[0], bad, records[2]])
    assert [r.outcome for r in batch.results] == [Outcome.NEW, None, Outcome.NEW]
    assert "surrogate" in batch.results[1].error
    assert set(Document.objects.values_list("source_key", flat=True)) == {
        records[0].source_key,
        records[2].source_key,
    }
    assert not Person.objects.filter(name__startswith="Kim ").exists()


def test_an_import_batch_keeps_ids_statuses_and_embargoes(records: list[DocumentRecord]) -> None:
    items = [
        Exported(
            f"imported{n:02d}",
            "draft" if n == 1 else "published",
            record,
            "2031-01-01" if n == 2 else "",
        )
        for n, record in enumerate(records[:3])
    ]
    batch = documents_import(items)
    assert [r.outcome for r in batch.results] == [Outcome.NEW] * 3
    stored = dict(Document.objects.values_list("source_key", "public_id"))
    assert stored == {item.record.source_key: item.public_id for item in items}
    assert Document.objects.get(public_id="imported01").status == "draft"
    assert str(Document.objects.get(public_id="imported02").embargo_until) == "2031-01-01"
    # drafts too: the index stores each document's status and filters at query time
    assert queued() == set(Document.objects.values_list("pk", flat=True))
    again = documents_import(items)
    assert [r.outcome for r in again.results] == [Outcome.UNCHANGED] * 3
    lifted = documents_import([replace(items[2], embargo_until="")])
    assert [r.outcome for r in lifted.results] == [Outcome.UPDATED]
    assert Document.objects.get(public_id="imported02").embargo_until is None
    out = io.StringIO()
    jsonl.write(documents_for_export(Gate.of(CURATOR)), out)
    assert sum('"embargo_until"' in line for line in out.getvalue().splitlines()) == 0


def test_a_reimport_tells_unchanged_from_changed_in_one_batch(
    records: list[DocumentRecord],
) -> None:
    items = [Exported(f"imported{n:02d}", "published", r) for n, r in enumerate(records[:4])]
    documents_import(items)
    again = [
        items[0],  # unchanged
        Exported("imported01", "draft", records[1]),  # status changed
        Exported("imported02", "published", replace(records[2], title="revised")),  # content
        items[3],  # unchanged
        items[0],  # named twice: unchanged again
    ]
    batch = documents_import(again)
    assert [r.outcome for r in batch.results] == [
        Outcome.UNCHANGED,
        Outcome.UPDATED,
        Outcome.UPDATED,
        Outcome.UNCHANGED,
        Outcome.UNCHANGED,
    ]
    assert Document.objects.get(public_id="imported01").status == "draft"
    assert Document.objects.get(public_id="imported02").title == "revised"
    assert Document.objects.get(public_id="imported03").content_hash == content_hash(records[3])


def test_an_import_names_a_conflict_and_a_bad_status_and_keeps_the_rest(
    records: list[DocumentRecord],
) -> None:
    documents_import([Exported("taken00001", "published", records[0])])
    items = [
        Exported("taken00001", "published", records[1]),  # that id names another document
        Exported("fresh00002", "hidden", records[2]),
        Exported("fresh00003", "published", records[3]),
    ]
    batch = documents_import(items)
    assert [r.outcome for r in batch.results] == [None, None, Outcome.NEW]
    assert "already names another document" in batch.results[0].error
    assert "status 'hidden'" in batch.results[1].error
    assert set(Document.objects.values_list("public_id", flat=True)) == {"taken00001", "fresh00003"}


def test_a_stored_record_named_twice_ends_as_its_last_version(
    records: list[DocumentRecord],
) -> None:
    first = records[0]
    documents_store([first])
    revised = replace(first, title="version B")
    batch = documents_store([revised, first])
    assert [r.outcome for r in batch.results] == [Outcome.UPDATED, Outcome.UPDATED]
    assert Document.objects.get().title == first.title  # as storing one at a time would


def test_a_batch_creates_collections_in_record_order(records: list[DocumentRecord]) -> None:
    volume = CollectionRef("vol", "A volume")
    moved = replace(records[0], collections=(volume, CollectionRef("vol/ch1", "Chapter 1")))
    fresh = replace(records[1], collections=(volume, CollectionRef("vol/ch2", "Chapter 2")))
    documents_store([replace(records[0], collections=(volume,))])
    documents_store([moved, fresh])  # an update, then a new record
    chapters = Collection.objects.filter(parent__key="vol").order_by("position")
    assert list(chapters.values_list("key", flat=True)) == ["vol/ch1", "vol/ch2"]


@pytest.mark.parametrize("one_by_one", [False, True], ids=["batch", "one-by-one"])
def test_a_stored_hash_not_the_records_own_is_an_update(
    records: list[DocumentRecord], one_by_one: bool
) -> None:
    """A record is unchanged only when its stored hash is its content hash (a hash taken
    otherwise, as by an earlier fonds, makes it an update once, and the hash is then its own)."""
    record = records[0]
    documents_store([record])
    Document.objects.update(content_hash="0" * 64)
    outcome = document_upsert(record)[1] if one_by_one else documents_store([record]).results[0]
    assert (outcome if one_by_one else outcome.outcome) is Outcome.UPDATED
    assert Document.objects.get().content_hash == content_hash(record)
    again = document_upsert(record)[1] if one_by_one else documents_store([record]).results[0]
    assert (again if one_by_one else again.outcome) is Outcome.UNCHANGED
    changed = replace(record, title=record.title + " (revised)")
    assert documents_store([changed]).results[0].outcome is Outcome.UPDATED
