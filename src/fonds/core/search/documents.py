"""What of a document the search engine sees: `IndexDocument`s, built from a record or from
the stored parts of a document (the index catch-up reads those straight from the database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fonds.core.extraction.dates import bounds
from fonds.core.records import DocumentRecord
from fonds.core.search.contract import IndexDocument


@dataclass(frozen=True, slots=True)
class IndexedName:
    """A person as a document names them: the name as written, and its other forms."""

    name: str
    variants: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class IndexSource:
    """The fields of a document the index is built from."""

    pk: int
    public_id: str
    title: str
    summary: str
    date_edtf: str
    bodies: Sequence[str]
    people: Sequence[IndexedName]
    places: Sequence[str]
    topics: Sequence[str]
    languages: Sequence[str]


def index_document(pk: int, public_id: str, record: DocumentRecord) -> IndexDocument:
    return index_entry(
        IndexSource(
            pk=pk,
            public_id=public_id,
            title=record.title,
            summary=record.summary,
            date_edtf=record.date.edtf if record.date else "",
            bodies=[text.body for text in record.texts],
            people=[IndexedName(agent.name, agent.variants) for agent in record.people],
            places=[place.name for place in record.places],
            topics=record.topics,
            languages=record.original_languages,
        )
    )


def index_entry(source: IndexSource) -> IndexDocument:
    span = bounds(source.date_edtf) if source.date_edtf else None
    names = [form for person in source.people for form in (person.name, *person.variants)]
    return IndexDocument(
        pk=source.pk,
        public_id=source.public_id,
        title=source.title,
        summary=source.summary,
        body="\n\n".join(source.bodies),
        names=tuple(dict.fromkeys(names)),
        people=tuple(dict.fromkeys(person.name for person in source.people)),
        places=tuple(dict.fromkeys(source.places)),
        topics=tuple(dict.fromkeys(source.topics)),
        languages=tuple(dict.fromkeys(source.languages)),
        year=span[0].year if span else None,
        date_start=_ordinal(span[0].isoformat()) if span else 0,
        date_end=_ordinal(span[1].isoformat()) if span else 0,
    )


def _ordinal(iso: str) -> int:
    return int(iso.replace("-", ""))
