"""API schemas: the shape of documents in the JSON API (and in its OpenAPI description). A
document's schema is derived from the record's declarations (`core.records`): a field added
there reaches the API with its description."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from ninja import Field, Schema
from pydantic import create_model

from fonds.core.records import (
    Agent,
    ArchivalLevel,
    ArchivalReference,
    CollectionRef,
    DateSpan,
    DocumentRecord,
    GlossaryEntry,
    Note,
    Place,
    Text,
    field_doc,
)

# Record fields the API does not show: how fonds knows the record at its origin, and which
# reader made it (the document's id and URL stand for them)
INTERNAL_FIELDS = frozenset({"source_key", "source_format"})


# What the API leaves out of a record's parts, and why: the source's own identifiers and the
# organization flag belong to the authority records, which have ids and pages of their own.
NOT_SHOWN: dict[type, frozenset[str]] = {
    DocumentRecord: INTERNAL_FIELDS,
    Agent: frozenset({"authority_key", "is_organization"}),
    Place: frozenset({"authority_key"}),
}
# The names the parts' schemas go by in the OpenAPI description.
SCHEMA_NAMES = {
    DocumentRecord: "DocumentOut",
    DateSpan: "DateOut",
    Agent: "PersonOut",
    Place: "PlaceOut",
    ArchivalLevel: "LevelOut",
    ArchivalReference: "ReferenceOut",
    CollectionRef: "CollectionOut",
    Text: "TextOut",
    Note: "NoteOut",
    GlossaryEntry: "GlossaryEntryOut",
}


def schema_of(record_class: type, *leading: tuple[str, Any]) -> type[Schema]:
    """The API schema of a record class, derived from its declarations: each field with its
    type (enums as their values, tuples as lists, parts as their own schemas) and its doc as
    description; `leading` fields (name, (type, default)) come first."""
    hints = get_type_hints(record_class)
    shown = [f for f in fields(record_class) if f.name not in NOT_SHOWN.get(record_class, ())]
    declared = {
        f.name: (_api_type(hints[f.name]), Field(..., description=field_doc(record_class, f.name)))
        for f in shown
    }
    name = SCHEMA_NAMES.get(record_class, f"{record_class.__name__}Out")
    return create_model(name, __base__=Schema, **dict(leading), **declared)  # type: ignore[call-overload,no-any-return]


def _api_type(hint: Any) -> Any:
    """A record field's type as the API shows it."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return str
    if is_dataclass(hint):
        return part_schema(hint)  # type: ignore[arg-type]
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        return list[_api_type(args[0])]  # type: ignore[misc]
    if origin in (Union, UnionType):
        (part,) = [arg for arg in args if arg is not type(None)]
        return _api_type(part) | None
    return hint


@cache
def part_schema(record_class: type) -> type[Schema]:
    """A part's schema, made once (one schema of each name in the OpenAPI description)."""
    return schema_of(record_class)


DocumentOut = schema_of(DocumentRecord, ("id", (str, ...)), ("url", (str, ...)))
DateOut = part_schema(DateSpan)


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
