"""Writes of the archive: atomic, one record at a time, named <entity>_<action>."""

from __future__ import annotations

import base64
import hashlib
from enum import StrEnum

from django.db import transaction

from fonds.archive.convert import fill_document
from fonds.archive.models import Collection, Document, DocumentPerson, DocumentPlace, DocumentText
from fonds.authorities.lookups import current
from fonds.authorities.services import people_for_agents, places_for_names
from fonds.core.extraction.dates import bounds
from fonds.core.records import CollectionRef, DocumentRecord
from fonds.core.serialize import content_hash


class Outcome(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def public_id_for(source_key: str, attempt: int = 0) -> str:
    """A short, stable identifier derived from the record's origin: the same record gets the
    same id in every installation; stored once, it never changes afterwards."""
    digest = hashlib.sha256(f"{source_key}#{attempt}".encode()).digest()
    return base64.b32encode(digest).decode("ascii")[:10].lower()


def document_upsert(
    record: DocumentRecord, public_id: str | None = None
) -> tuple[Document, Outcome]:
    """Create or update the document for this record, in one transaction."""
    digest = content_hash(record)
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(source_key=record.source_key).first()
        if document is not None and document.content_hash == digest:
            return document, Outcome.UNCHANGED
        outcome = Outcome.NEW if document is None else Outcome.UPDATED
        if document is None:
            document = Document(
                source_key=record.source_key, public_id=public_id or _free_id(record.source_key)
            )
        fill_document(document, record)
        document.content_hash = digest
        document.collection_id = _collection_id(record.collections)
        document.save()
        _replace_parts(document, record, is_new=outcome is Outcome.NEW)
    return document, outcome


def _free_id(source_key: str) -> str:
    for attempt in range(100):
        candidate = public_id_for(source_key, attempt)
        if not Document.objects.filter(public_id=candidate).exists():
            return candidate
    raise RuntimeError("no free document identifier")  # 100 collisions of 50-bit hashes


def _collection_id(path: tuple[CollectionRef, ...]) -> int | None:
    """The pk of the collection a record's path ends in (remembered during bulk ingest)."""
    if not path:
        return None
    key = ("collection-path", path)
    known = current().get(key)
    if known is None:
        leaf = _collection_path(path)
        known = leaf.pk if leaf else None
        current().remember(key, known)
    return int(known) if known is not None else None


def _collection_path(path: tuple[CollectionRef, ...]) -> Collection | None:
    """The collections of a record's path, created or corrected as needed (one query when all
    exist). A new collection goes after its existing siblings: ingest order is document order."""
    existing = {c.key: c for c in Collection.objects.filter(key__in=[ref.key for ref in path])}
    parent: Collection | None = None
    for ref in path:
        collection = existing.get(ref.key)
        parent_pk = parent.pk if parent else None
        if collection is None:
            siblings = Collection.objects.filter(parent=parent).count()
            collection = Collection.objects.create(
                key=ref.key, title=ref.title, parent=parent, position=siblings
            )
        elif collection.title != ref.title or collection.parent_id != parent_pk:
            collection.title, collection.parent = ref.title, parent
            collection.save(update_fields=["title", "parent"])
        parent = collection
    return parent


def _replace_parts(document: Document, record: DocumentRecord, *, is_new: bool) -> None:
    if not is_new:  # a new document has no parts yet: skip three deletes
        document.texts.all().delete()
        document.person_links.all().delete()
        document.place_links.all().delete()
    DocumentText.objects.bulk_create(
        DocumentText(
            document=document,
            position=position,
            kind=text.kind.value,
            language=text.language,
            body=text.body,
            notes=[{"marker": n.marker, "body": n.body} for n in text.notes],
        )
        for position, text in enumerate(record.texts)
    )
    _link_people(document, record)
    _link_places(document, record)


def _link_people(document: Document, record: DocumentRecord) -> None:
    seen: set[tuple[int, str]] = set()
    links = []
    people = people_for_agents(record.people)
    for position, (agent, person) in enumerate(zip(record.people, people, strict=True)):
        if (person, agent.role.value) in seen:
            continue
        seen.add((person, agent.role.value))
        links.append(
            DocumentPerson(
                document=document,
                person_id=person,
                role=agent.role.value,
                name_as_written=agent.name,
                description=agent.description,
                variants=list(agent.variants),
                position=position,
            )
        )
    DocumentPerson.objects.bulk_create(links)


def _link_places(document: Document, record: DocumentRecord) -> None:
    seen: set[tuple[int, str]] = set()
    links = []
    places = places_for_names([ref.name for ref in record.places])
    for position, (ref, place) in enumerate(zip(record.places, places, strict=True)):
        if (place, ref.role.value) not in seen:
            seen.add((place, ref.role.value))
            links.append(
                DocumentPlace(
                    document=document, place_id=place, role=ref.role.value, position=position
                )
            )
    DocumentPlace.objects.bulk_create(links)


def document_save_edits(document: Document) -> None:
    """Save a curator's edits, keeping derived columns (the date bounds) in step."""
    span = bounds(document.date_edtf) if document.date_edtf else None
    document.date_start, document.date_end = span if span else (None, None)
    document.save()


class ImportConflict(ValueError):
    """An exported id already names a different document here."""


def document_import(
    public_id: str, status: str, record: DocumentRecord
) -> tuple[Document, Outcome]:
    """Store a document from a fonds export, keeping its id and status."""
    if status not in Document.Status.values:
        raise ValueError(f"status '{status}' is not one of {', '.join(Document.Status.values)}")
    with transaction.atomic():
        holder = Document.objects.filter(public_id=public_id).exclude(source_key=record.source_key)
        if holder.exists():
            raise ImportConflict(f"id '{public_id}' already names another document")
        document, outcome = document_upsert(record, public_id=public_id)
        if document.status != status:
            document.status = status
            document.save(update_fields=["status"])
            outcome = Outcome.UPDATED if outcome is Outcome.UNCHANGED else outcome
    return document, outcome
