"""API schemas: the shape of documents in the JSON API (and in its OpenAPI description)."""

from __future__ import annotations

from ninja import Schema
from pydantic import BaseModel

from fonds.core.records import (
    Agent,
    ArchivalLevel,
    ArchivalReference,
    CollectionRef,
    DateSpan,
    DocumentRecord,
    Place,
    Text,
    field_doc,
)

# Record fields the API does not show: how fonds knows the record at its origin, and which
# reader made it (the document's id and URL stand for them)
INTERNAL_FIELDS = frozenset({"source_key", "source_format"})


class DateOut(Schema):
    edtf: str
    display: str


class TextOut(Schema):
    kind: str
    language: str
    body: str
    notes: list[dict[str, str]]


class PersonOut(Schema):
    name: str
    role: str
    description: str
    variants: list[str]


class PlaceOut(Schema):
    name: str
    role: str


class LevelOut(Schema):
    kind: str
    value: str


class ReferenceOut(Schema):
    repository: str
    repository_name: str
    levels: list[LevelOut]
    text: str


class CollectionOut(Schema):
    key: str
    title: str


class DocumentOut(Schema):
    id: str
    url: str
    title: str
    date: DateOut | None
    summary: str
    citation: str
    source_url: str
    original_languages: list[str]
    texts: list[TextOut]
    people: list[PersonOut]
    places: list[PlaceOut]
    topics: list[str]
    archival_reference: ReferenceOut | None
    credits: list[str]
    rights: str
    source: str
    original_archive: str
    source_note: str
    classification: str
    precedence: str
    glossary: list[dict[str, str]]
    collections: list[CollectionOut]
    number: str


class SnippetOut(Schema):
    text: str
    highlights: list[tuple[int, int]]


class DocumentSummaryOut(Schema):
    id: str
    url: str
    title: str
    date: DateOut | None
    summary: str
    snippet: SnippetOut | None


class FacetCountOut(Schema):
    value: str  # a stable key: a person's or place's id, a year, a language
    label: str  # what to show: the person's or place's name; else the value
    count: int


class SearchOut(Schema):
    total: int
    page: int
    page_size: int
    results: list[DocumentSummaryOut]
    facets: dict[str, list[FacetCountOut]]


def _described_by(schema: type[BaseModel], record_class: type) -> None:
    """Give the schema's fields the descriptions the record class declares (OpenAPI shows them):
    each field is described once, in `core.records`."""
    declared = record_class.__dataclass_fields__  # type: ignore[attr-defined]
    for name, info in schema.model_fields.items():
        if name in declared:
            info.description = field_doc(record_class, name)
    schema.model_rebuild(force=True)


for _schema, _record in (
    (DateOut, DateSpan),
    (TextOut, Text),
    (PersonOut, Agent),
    (PlaceOut, Place),
    (LevelOut, ArchivalLevel),
    (ReferenceOut, ArchivalReference),
    (CollectionOut, CollectionRef),
    (DocumentOut, DocumentRecord),
):
    _described_by(_schema, _record)
