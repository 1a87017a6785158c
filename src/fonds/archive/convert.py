"""The one place the ORM meets fonds.core's dataclasses."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from fonds.archive.models import Document
from fonds.core.extraction.dates import bounds
from fonds.core.records import (
    Agent,
    CollectionRef,
    DateSpan,
    DocumentRecord,
    GlossaryEntry,
    Note,
    Place,
    PlaceRole,
    Role,
    Text,
    TextKind,
)
from fonds.core.serialize import reference_from_dict, reference_to_dict

# Record fields stored in a Document column of the same name as they are: the text fields
# (source_key is the document's identity, written once) and the lists of text (JSON lists).
# The others are spelled out below; tests/archive/test_record_schema.py checks every field.
PLAIN_FIELDS = tuple(
    f.name for f in fields(DocumentRecord) if f.type == "str" and f.name != "source_key"
)
TEXT_LISTS = tuple(f.name for f in fields(DocumentRecord) if f.type == "tuple[str, ...]")


def document_values(record: DocumentRecord) -> dict[str, Any]:
    """A Document's own columns (by field name) for a record; relations are written apart."""
    values = {name: getattr(record, name) for name in PLAIN_FIELDS}
    values |= {name: list(getattr(record, name)) for name in TEXT_LISTS}
    edtf = record.date.edtf if record.date else ""
    span = bounds(edtf) if edtf else None
    reference = record.archival_reference
    values.update(
        date_edtf=edtf,
        date_display=record.date.display if record.date else "",
        date_start=span[0] if span else None,
        date_end=span[1] if span else None,
        glossary=[{"term": g.term, "expansion": g.expansion} for g in record.glossary],
        archival_reference=reference_to_dict(reference) if reference else None,
    )
    return values


def fill_document(document: Document, record: DocumentRecord) -> None:
    """Set a Document's own columns from a record (relations are written by the service)."""
    for name, value in document_values(record).items():
        setattr(document, name, value)


def document_to_record(document: Document) -> DocumentRecord:
    """The record a Document holds now (after any curator edits). Expects prefetched relations."""
    stored = document.archival_reference
    reference = reference_from_dict(stored) if stored else None
    return DocumentRecord(
        source_key=document.source_key,
        date=DateSpan(document.date_edtf, document.date_display) if document.date_edtf else None,
        texts=tuple(_text(t) for t in document.texts.all()),
        people=tuple(_agent(link) for link in document.person_links.all()),
        places=tuple(
            Place(link.place.name, PlaceRole(link.role)) for link in document.place_links.all()
        ),
        archival_reference=reference,
        glossary=tuple(GlossaryEntry(g["term"], g.get("expansion", "")) for g in document.glossary),
        collections=collection_path(document),
        **{name: getattr(document, name) for name in PLAIN_FIELDS},
        **{name: tuple(getattr(document, name)) for name in TEXT_LISTS},
    )


def collection_path(document: Document) -> tuple[CollectionRef, ...]:
    path = []
    collection = document.collection
    while collection is not None:
        path.append(CollectionRef(collection.key, collection.title))
        collection = collection.parent
    return tuple(reversed(path))


def _text(text: Any) -> Text:
    notes = tuple(Note(n.get("marker", ""), n.get("body", "")) for n in text.notes)
    return Text(TextKind(text.kind), text.language, text.body, notes)


def _agent(link: Any) -> Agent:
    person = link.person
    return Agent(
        name=link.name_as_written or person.name,
        role=Role(link.role),
        description=link.description,
        variants=tuple(link.variants),
        authority_key=person.authority_key,
        is_organization=person.is_organization,
    )
