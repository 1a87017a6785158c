"""DocumentRecord -> IndexDocument: what of a record the search engine sees."""

from __future__ import annotations

from fonds.core.extraction.dates import bounds
from fonds.core.records import DocumentRecord
from fonds.core.search.contract import IndexDocument


def index_document(pk: int, public_id: str, record: DocumentRecord) -> IndexDocument:
    span = bounds(record.date.edtf) if record.date else None
    names = [form for agent in record.people for form in (agent.name, *agent.variants)]
    return IndexDocument(
        pk=pk,
        public_id=public_id,
        title=record.title,
        summary=record.summary,
        body="\n\n".join(text.body for text in record.texts),
        names=tuple(dict.fromkeys(names)),
        people=tuple(dict.fromkeys(agent.name for agent in record.people)),
        places=tuple(dict.fromkeys(place.name for place in record.places)),
        topics=tuple(dict.fromkeys(record.topics)),
        languages=tuple(dict.fromkeys(record.original_languages)),
        year=span[0].year if span else None,
        date_start=_ordinal(span[0].isoformat()) if span else 0,
        date_end=_ordinal(span[1].isoformat()) if span else 0,
    )


def _ordinal(iso: str) -> int:
    return int(iso.replace("-", ""))
