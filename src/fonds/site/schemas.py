"""API schemas: the shape of documents in the JSON API (and in its OpenAPI description)."""

from __future__ import annotations

from ninja import Schema


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
