"""Writes of the archive, named <entity>_<action>: every record is stored whole or not at all.

`document_upsert` stores one record in its own transaction. `documents_store` stores a batch
(bulk ingest) in one transaction with a few statements per table for the whole batch; should
any record of it be refused by the database, the batch is rolled back and stored again one
record at a time, so the good records are kept and the bad one is named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from django.db import DatabaseError, transaction
from django.utils import timezone

from fonds.archive.convert import document_values, fill_document
from fonds.archive.models import Collection, Document, DocumentPerson, DocumentPlace, DocumentText
from fonds.archive.signals import documents_written
from fonds.authorities.merging import Consolidation
from fonds.authorities.models import Person
from fonds.authorities.services import (
    KnownPerson,
    KnownPlace,
    known_places_for_names,
    people_for_agents,
    persons_for_agents,
    places_for_names,
)
from fonds.bulk import free_public_ids, insert_rows, rows_where_in
from fonds.core.export import Exported
from fonds.core.extraction.dates import bounds
from fonds.core.records import CollectionRef, DocumentRecord
from fonds.core.serialize import content_hash

T = TypeVar("T")


class Outcome(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def document_upsert(
    record: DocumentRecord, public_id: str | None = None
) -> tuple[Document, Outcome]:
    """Create or update the document for this record, in one transaction."""
    digest = content_hash(record)
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(source_key=record.source_key).first()
        stored = document.content_hash if document is not None else None
        if stored is not None and _same_content(record.source_key, stored, record, digest):
            return document, Outcome.UNCHANGED
        outcome = Outcome.NEW if document is None else Outcome.UPDATED
        if document is None:
            document = Document(
                source_key=record.source_key,
                public_id=public_id or free_public_ids(Document, [record.source_key])[0],
            )
        fill_document(document, record)
        document.content_hash = digest
        document.collection_id = _collection_id(record.collections)
        document.save()
        _replace_parts(document, record, is_new=outcome is Outcome.NEW)
    return document, outcome


def _same_content(source_key: str, stored: str, record: DocumentRecord, digest: str) -> bool:
    """Whether the stored document holds this record unchanged: its stored hash is the
    record's."""
    return stored == digest


def _collection_id(path: tuple[CollectionRef, ...]) -> int | None:
    """The pk of the collection a record's path ends in (remembered during bulk ingest)."""
    return _collection_ids([path])[path]


def _collection_ids(
    paths: Iterable[tuple[CollectionRef, ...]],
) -> dict[tuple[CollectionRef, ...], int | None]:
    """The pk of the collection each path ends in, the collections created or corrected as
    needed, path by path in the order given (one query for all that exist already)."""
    found: dict[tuple[CollectionRef, ...], int | None] = {(): None}
    unknown = [path for path in dict.fromkeys(paths) if path not in found]
    keys = {ref.key for path in unknown for ref in path}
    existing = {c.key: c for c in Collection.objects.filter(key__in=keys)} if keys else {}
    children: dict[int | None, int] = {}
    for path in unknown:
        found[path] = _collection_path(path, existing, children).pk
    return found


def _collection_path(
    path: tuple[CollectionRef, ...],
    existing: dict[str, Collection],
    children: dict[int | None, int],
) -> Collection:
    """The collections of a non-empty path, created or corrected as needed; `existing` (by key)
    and `children` (how many each parent has, counted once) are kept up to date. A new
    collection goes after its existing siblings: ingest order is document order."""
    parent: Collection | None = None
    for ref in path:
        collection = existing.get(ref.key)
        parent_pk = parent.pk if parent else None
        if collection is None:
            if parent_pk not in children:
                children[parent_pk] = Collection.objects.filter(parent=parent).count()
            collection = Collection.objects.create(
                key=ref.key, title=ref.title, parent=parent, position=children[parent_pk]
            )
            children[parent_pk] += 1
            existing[ref.key] = collection
        elif collection.title != ref.title or collection.parent_id != parent_pk:
            collection.title, collection.parent = ref.title, parent
            collection.save(update_fields=["title", "parent"])
        parent = collection
    assert parent is not None
    return parent


TEXT_COLUMNS = ("document", "position", "kind", "language", "body", "notes")
PERSON_LINK_COLUMNS = (
    "document",
    "person",
    "role",
    "name_as_written",
    "description",
    "variants",
    "position",
)
PLACE_LINK_COLUMNS = ("document", "place", "role", "position")


def _replace_parts(document: Document, record: DocumentRecord, *, is_new: bool) -> None:
    """Write the record's texts and links (the document's own save has told the search app)."""
    if not is_new:  # a new document has no parts yet: skip three deletes
        document.texts.all().delete()
        document.person_links.all().delete()
        document.place_links.all().delete()
    insert_rows(DocumentText, TEXT_COLUMNS, _texts(document.pk, record))
    people = people_for_agents(record.people)
    insert_rows(DocumentPerson, PERSON_LINK_COLUMNS, _person_links(document.pk, record, people))
    places = places_for_names([ref.name for ref in record.places])
    insert_rows(DocumentPlace, PLACE_LINK_COLUMNS, _place_links(document.pk, record, places))


Row = tuple[Any, ...]


def _texts(document_pk: int, record: DocumentRecord) -> list[Row]:
    return [
        (
            document_pk,
            position,
            text.kind.value,
            text.language,
            text.body,
            [{"marker": n.marker, "body": n.body} for n in text.notes],
        )
        for position, text in enumerate(record.texts)
    ]


def _person_links(document_pk: int, record: DocumentRecord, people: Sequence[int]) -> list[Row]:
    """One link per person and role (the first mention wins), in the record's order."""
    seen: set[tuple[int, str]] = set()
    links = []
    for position, (agent, person) in enumerate(zip(record.people, people, strict=True)):
        role = agent.role.value  # (an enum's `value` is a property: read it once)
        if (person, role) in seen:
            continue
        seen.add((person, role))
        links.append(
            (
                document_pk,
                person,
                role,
                agent.name,
                agent.description,
                list(agent.variants),
                position,
            )
        )
    return links


def _place_links(document_pk: int, record: DocumentRecord, places: Sequence[int]) -> list[Row]:
    seen: set[tuple[int, str]] = set()
    links = []
    for position, (ref, place) in enumerate(zip(record.places, places, strict=True)):
        role = ref.role.value
        if (place, role) not in seen:
            seen.add((place, role))
            links.append((document_pk, place, role, position))
    return links


@dataclass(frozen=True, slots=True)
class Stored:
    """What became of one record of a batch: an outcome, or the reason it was refused."""

    outcome: Outcome | None
    error: str = ""


@dataclass
class StoredBatch:
    """A batch's results, in record order."""

    results: list[Stored]


def documents_store(
    records: Sequence[DocumentRecord],
    digests: Sequence[str] | None = None,
    consolidation: Consolidation | None = None,
) -> StoredBatch:
    """Store a batch of records (bulk ingest), each whole or not at all. `digests`: their
    content hashes, when the reader has computed them; `consolidation`: the ingest's, which
    finds who the people the batch creates are among those known already."""
    hashes = digests or [content_hash(record) for record in records]
    return _batch_or_one_by_one(
        records,
        lambda batch: _store_batch(batch, hashes, consolidation),
        lambda r: document_upsert(r)[1],
    )


def _batch_or_one_by_one(
    items: Sequence[T], batch: Callable[[Sequence[T]], StoredBatch], alone: Callable[[T], Outcome]
) -> StoredBatch:
    """`batch(items)` in one transaction; should the database (or a check) refuse anything in
    it, everything is rolled back and each item stored by `alone` in a transaction of its own,
    so the good ones are kept and the refused one is named."""
    try:
        with transaction.atomic():
            return batch(items)
    except (DatabaseError, ValueError):
        return StoredBatch([_stored_alone(alone, item) for item in items])


def _stored_alone(alone: Callable[[T], Outcome], item: T) -> Stored:
    try:
        return Stored(alone(item))
    except (DatabaseError, ValueError) as error:
        return Stored(None, str(error))


def _store_batch(
    records: Sequence[DocumentRecord],
    digests: Sequence[str],
    consolidation: Consolidation | None = None,
) -> StoredBatch:
    """New records are written with one bulk statement per table for the whole batch; a record
    already stored (or named twice in the batch) goes through `document_upsert`. Collections,
    people and places are found or created first, in record order, for every record to be
    written, so the batch creates them in the order one-by-one storing would."""
    keys = [record.source_key for record in records]
    stored = dict(rows_where_in(Document, ("source_key", "content_hash"), "source_key", keys))
    first_of = {key: index for index, key in reversed(list(enumerate(keys)))}
    unchanged = {
        index
        for index, key in enumerate(keys)
        if first_of[key] == index
        and key in stored
        and _same_content(key, stored[key], records[index], digests[index])
    }
    fresh = [
        index for index, key in enumerate(keys) if key not in stored and first_of[key] == index
    ]
    people_before = _last_person()
    resolved = _resolve([record for i, record in enumerate(records) if i not in unchanged])
    if consolidation is not None:  # before the documents are indexed: under the right ids
        consolidation.batch(
            Person.objects.filter(pk__gt=people_before).values_list("pk", flat=True)
        )
    outcomes: dict[int, Outcome] = {index: Outcome.NEW for index in fresh}
    outcomes |= {index: Outcome.UNCHANGED for index in unchanged}
    batch = _insert_new([records[i] for i in fresh], [digests[i] for i in fresh], resolved)
    for index, record in enumerate(records):
        if index not in outcomes:  # stored and changed, or named again in this batch
            outcomes[index] = document_upsert(record)[1]
    batch.results = [Stored(outcomes[index]) for index in range(len(records))]
    return batch


def _last_person() -> int:
    return Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@dataclass
class _Resolved:
    """Collections by path, and each record's people and places, found or created."""

    collections: dict[tuple[CollectionRef, ...], int | None]
    persons: dict[int, list[KnownPerson]]  # by id() of the record
    places: dict[int, list[KnownPlace]]


def _resolve(records: Sequence[DocumentRecord]) -> _Resolved:
    collections = _collection_ids(record.collections for record in records)
    people = iter(persons_for_agents([agent for record in records for agent in record.people]))
    places = iter(known_places_for_names([r.name for record in records for r in record.places]))
    return _Resolved(
        collections,
        {id(record): [next(people) for _ in record.people] for record in records},
        {id(record): [next(places) for _ in record.places] for record in records},
    )


def _insert_new(
    records: Sequence[DocumentRecord],
    digests: Sequence[str],
    resolved: _Resolved,
    ids: Sequence[str] | None = None,
    states: Sequence[tuple[str, date | None]] | None = None,
) -> StoredBatch:
    """Insert new documents; `ids` and `states` (status and embargo: an import's) or fresh
    ids, published."""
    batch = StoredBatch([])
    if not records:
        return batch
    ids = ids or free_public_ids(Document, [record.source_key for record in records])
    states = states or [(Document.Status.PUBLISHED, None)] * len(records)
    now = timezone.now()
    documents = []
    for record, digest, public_id, (status, embargo) in zip(
        records, digests, ids, states, strict=True
    ):
        values = document_values(record)
        values.update(
            source_key=record.source_key,
            public_id=public_id,
            status=status,
            embargo_until=embargo,
            content_hash=digest,
            collection=resolved.collections[record.collections],
            created_at=now,
            updated_at=now,
        )
        documents.append(values)
    pks = _insert_documents(documents)
    texts: list[Row] = []
    person_links: list[Row] = []
    place_links: list[Row] = []
    for pk, record in zip(pks, records, strict=True):
        texts.extend(_texts(pk, record))
        people = [person.pk for person in resolved.persons[id(record)]]
        person_links.extend(_person_links(pk, record, people))
        places = [place.pk for place in resolved.places[id(record)]]
        place_links.extend(_place_links(pk, record, places))
    insert_rows(DocumentText, TEXT_COLUMNS, texts)
    insert_rows(DocumentPerson, PERSON_LINK_COLUMNS, person_links)
    insert_rows(DocumentPlace, PLACE_LINK_COLUMNS, place_links)
    # rows written in bulk send no model signals: say which documents changed, in this
    # transaction, so that listeners (the search app's index queue) commit with them
    documents_written.send(sender=Document, pks=pks)
    return batch


def _insert_documents(documents: Sequence[dict[str, Any]]) -> list[int]:
    """Insert new documents (column values by field name) in one statement; their pks."""
    columns = [f.name for f in Document._meta.concrete_fields if not f.primary_key]
    insert_rows(Document, columns, ([values[c] for c in columns] for values in documents))
    keys = [values["source_key"] for values in documents]
    pks = dict(rows_where_in(Document, ("source_key", "pk"), "source_key", keys))
    return [pks[key] for key in keys]


def _imported_unchanged(item: Exported, stored: tuple[Any, ...] | None) -> bool:
    """Whether the document stored under the item's source key is the item already: same id,
    status, embargo and content (what `document_import` would find, without its queries: a
    re-import of an unchanged export costs one query per batch, not three per document)."""
    if stored is None:
        return False
    public_id, status, embargo, digest = stored
    if isinstance(embargo, str):  # a raw row: SQLite returns dates as ISO text
        embargo = date.fromisoformat(embargo)
    if (public_id, status, embargo) != (item.public_id, item.status, _embargo_of(item)):
        return False
    record = item.record
    return _same_content(record.source_key, digest, record, content_hash(record))


def document_save_edits(document: Document) -> None:
    """Save a curator's edits, keeping derived columns (the date bounds) in step."""
    span = bounds(document.date_edtf) if document.date_edtf else None
    document.date_start, document.date_end = span if span else (None, None)
    document.save()


class ImportConflict(ValueError):
    """An exported id already names a different document here."""


def _embargo_of(item: Exported) -> date | None:
    return date.fromisoformat(item.embargo_until) if item.embargo_until else None


def document_import(item: Exported) -> tuple[Document, Outcome]:
    """Store a document from a fonds export, keeping its id, status and embargo."""
    if item.status not in Document.Status.values:
        allowed = ", ".join(Document.Status.values)
        raise ValueError(f"status '{item.status}' is not one of {allowed}")
    record, embargo = item.record, _embargo_of(item)
    with transaction.atomic():
        holder = Document.objects.filter(public_id=item.public_id)
        if holder.exclude(source_key=record.source_key).exists():
            raise ImportConflict(f"id '{item.public_id}' already names another document")
        document, outcome = document_upsert(record, public_id=item.public_id)
        if (document.status, document.embargo_until) != (item.status, embargo):
            document.status, document.embargo_until = item.status, embargo
            document.save(update_fields=["status", "embargo_until"])
            outcome = Outcome.UPDATED if outcome is Outcome.UNCHANGED else outcome
    return document, outcome


def documents_import(items: Sequence[Exported]) -> StoredBatch:
    """`document_import` for a batch (`fonds import`), in one transaction: documents new here
    whose ids are free are written in bulk; should the database or a conflict refuse anything,
    the batch is stored again one document at a time, so the refused one is named."""
    return _batch_or_one_by_one(items, _import_batch, lambda item: document_import(item)[1])


def _import_batch(items: Sequence[Exported]) -> StoredBatch:
    keys = [item.record.source_key for item in items]
    ids = [item.public_id for item in items]
    columns = ("source_key", "public_id", "status", "embargo_until", "content_hash")
    stored = {row[0]: row[1:] for row in rows_where_in(Document, columns, "source_key", keys)}
    taken_ids = {row[0] for row in rows_where_in(Document, ("public_id",), "public_id", ids)}
    first_key = {key: index for index, key in reversed(list(enumerate(keys)))}
    first_id = {public_id: index for index, public_id in reversed(list(enumerate(ids)))}
    fresh = [
        index
        for index, item in enumerate(items)
        if keys[index] not in stored
        and ids[index] not in taken_ids
        and first_key[keys[index]] == index
        and first_id[ids[index]] == index
        and item.status in Document.Status.values
    ]
    records = [items[index].record for index in fresh]
    batch = _insert_new(
        records,
        [content_hash(record) for record in records],
        _resolve(records),
        [ids[index] for index in fresh],
        [(items[index].status, _embargo_of(items[index])) for index in fresh],
    )
    fresh_set = set(fresh)
    results = []
    for index, item in enumerate(items):
        if index in fresh_set:
            results.append(Stored(Outcome.NEW))
        elif first_key[keys[index]] == index and _imported_unchanged(item, stored.get(keys[index])):
            results.append(Stored(Outcome.UNCHANGED))
        else:  # raises on a conflict or a bad status: the caller retries one by one
            results.append(Stored(document_import(item)[1]))
    batch.results = results
    return batch
