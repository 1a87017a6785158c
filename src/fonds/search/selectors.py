"""Reads of the search app: index entries built from the database, and searches through the
visibility gate, their results re-checked against the database before anyone sees them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from fonds.archive.models import Document, DocumentPerson, DocumentPlace, DocumentText
from fonds.archive.selectors import summaries_by_pk, visible_pks
from fonds.archive.visibility import visible_documents
from fonds.authorities.models import Person, PersonName
from fonds.core.search.contract import FacetCount, IndexDocument, SearchRequest, Snippet
from fonds.core.search.documents import index_entry
from fonds.core.search.sources import IndexedName, IndexedPlace, IndexSource
from fonds.core.visibility import Gate
from fonds.search.backends import get_backend
from fonds.search.models import IndexQueueEntry
from fonds.search.queue import index_enqueue

DOCUMENT_COLUMNS = (
    "pk",
    "public_id",
    "title",
    "summary",
    "date_edtf",
    "topics",
    "original_languages",
    "status",
    "embargo_until",
)


def index_documents(pks: Iterable[int]) -> list[IndexDocument]:
    """What the index should hold for these documents (every one that exists, whatever its
    status: the index stores what the gate needs and filters at query time)."""
    return [index_entry(source) for source in index_sources(pks)]


def index_sources(pks: Iterable[int]) -> list[IndexSource]:
    """The stored fields the index is built from: four plain queries, no model instances."""
    documents = list(Document.objects.filter(pk__in=list(pks)).values(*DOCUMENT_COLUMNS))
    found = [row["pk"] for row in documents]
    bodies = _by_document(DocumentText.objects, found, "body")
    people = _by_document(
        DocumentPerson.objects.annotate(
            standing=Coalesce("person__merged_into__public_id", "person__public_id"),
            standing_name=Coalesce("person__merged_into__name", "person__name"),
        ),
        found,
        "standing",
        "name_as_written",
        "person__name",
        "variants",
        "standing_name",
    )
    forms = _name_forms({row[0] for rows in people.values() for row in rows})
    places = _by_document(DocumentPlace.objects, found, "place__public_id", "place__name")
    return [
        IndexSource(
            pk=row["pk"],
            public_id=row["public_id"],
            title=row["title"],
            summary=row["summary"],
            date_edtf=row["date_edtf"],
            bodies=bodies.get(row["pk"], []),
            people=[
                IndexedName(i, written or name, [*variants, *forms.get(i, ())], label)
                for i, written, name, variants, label in people.get(row["pk"], [])
            ],
            places=[IndexedPlace(i, name) for i, name in places.get(row["pk"], [])],
            topics=row["topics"],
            languages=row["original_languages"],
            status=row["status"],
            embargo_until=row["embargo_until"],
        )
        for row in documents
    ]


def _name_forms(standing: set[str]) -> dict[str, list[str]]:
    """Every name of each person (by the id they stand under): the names of all their records
    and the forms those were seen under, so that a search for one finds the others."""
    people = dict(Person.objects.filter(public_id__in=standing).values_list("pk", "public_id"))
    records = Person.objects.filter(Q(pk__in=people) | Q(merged_into__in=people))
    found: dict[str, list[str]] = defaultdict(list)
    record_of: dict[int, str] = {}
    for pk, into, name in records.values_list("pk", "merged_into", "name"):
        record_of[pk] = people[into or pk]
        found[record_of[pk]].append(name)
    for pk, name in PersonName.objects.filter(person__in=record_of).values_list("person", "name"):
        found[record_of[pk]].append(name)
    return found


def _by_document(manager: Any, documents: list[int], *columns: str) -> dict[int, list[Any]]:
    """The rows (one column: its values; several: tuples) of a document part, per document,
    in the parts' order."""
    found: dict[int, list[Any]] = defaultdict(list)
    rows = manager.filter(document__in=documents).order_by("document", "position")
    for document, *values in rows.values_list("document", *columns):
        found[document].append(values[0] if len(columns) == 1 else tuple(values))
    return found


@dataclass(frozen=True)
class Result:
    document: Document
    snippet: Snippet | None


@dataclass(frozen=True)
class ResultPage:
    total: int
    results: list[Result]
    facets: Mapping[str, tuple[FacetCount, ...]]
    request: SearchRequest


def search_documents(request: SearchRequest, gate: Gate) -> ResultPage:
    """A search as this gate's viewer may see it: the index filters by the gate, and leaves out
    queued documents the database now hides (their entries may say otherwise), so that no
    total or facet counts them; each hit is re-checked against the database."""
    request = replace(request, gate=gate, exclude=hidden_but_queued(gate))
    response = get_backend().search(request)
    documents = summaries_by_pk(gate, (hit.pk for hit in response.hits))
    results = [
        Result(documents[hit.pk], hit.snippet) for hit in response.hits if hit.pk in documents
    ]
    stale = len(response.hits) - len(results)
    if stale:
        _repair([hit.pk for hit in response.hits if hit.pk not in documents])
    return ResultPage(
        total=max(0, response.total - stale),
        results=results,
        facets=response.facets,
        request=request,
    )


def hidden_but_queued(gate: Gate) -> frozenset[int]:
    """Documents waiting in the index queue that the gate does not admit now (deleted ones
    included): one query, however long the queue."""
    if not _queue_holds_any():  # the usual case
        return frozenset()
    admitted = visible_documents(gate).filter(pk=OuterRef("document_pk"))
    hidden = IndexQueueEntry.objects.filter(~Exists(admitted)).values_list("document_pk")
    return frozenset(pk for (pk,) in hidden.order_by().distinct())


def _queue_holds_any() -> bool:
    """One plain statement (the ORM's `exists()` costs more to build than to run)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {IndexQueueEntry._meta.db_table} LIMIT 1")
        return cursor.fetchone() is not None


def _repair(pks: list[int]) -> None:
    """The index named documents the database does not show: queue them, so that the next
    catch-up brings their entries in line."""
    index_enqueue(pks)


def matching_pks(request: SearchRequest, gate: Gate, limit: int = 100_000) -> list[int]:
    """Every document a search matches (for exports), in result order, through the gate."""
    backend = get_backend()
    pks: list[int] = []
    page = replace(request, offset=0, limit=1000, gate=gate, exclude=hidden_but_queued(gate))
    while len(pks) < limit:
        hits = backend.search(page).hits
        pks += [hit.pk for hit in hits]
        if len(hits) < page.limit:
            break
        page = replace(page, offset=page.offset + page.limit)
    visible = visible_pks(gate, pks)
    return [pk for pk in pks if pk in visible]
