"""Reads of the archive, and the one place that decides what the public may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length

from fonds.archive.convert import document_to_record
from fonds.archive.models import (
    Collection,
    Document,
    DocumentPerson,
    DocumentPlace,
    DocumentText,
)
from fonds.core.export import Exported
from fonds.core.search.documents import IndexedName, IndexSource


def public_documents() -> QuerySet[Document]:
    """Documents the public may see: published ones."""
    return Document.objects.filter(status=Document.Status.PUBLISHED)


def with_relations(documents: QuerySet[Document]) -> QuerySet[Document]:
    return documents.select_related("collection__parent__parent").prefetch_related(
        "texts",
        Prefetch("person_links", queryset=DocumentPerson.objects.select_related("person")),
        Prefetch("place_links", queryset=DocumentPlace.objects.select_related("place")),
    )


def document_list() -> QuerySet[Document]:
    """Public documents, newest date first (undated last)."""
    return (
        public_documents()
        .order_by("-date_start", "title")
        .only("public_id", "title", "date_display", "date_edtf", "summary", "date_start")
    )


def public_document(public_id: str) -> Document | None:
    return with_relations(public_documents()).filter(public_id=public_id).first()


def public_documents_by_pk(pks: Iterable[int]) -> dict[int, Document]:
    documents = with_relations(public_documents()).filter(pk__in=list(pks))
    return {document.pk: document for document in documents}


def public_index_sources(pks: Iterable[int]) -> list[IndexSource]:
    """What the search index is built from, for the public ones of these documents: four plain
    queries, no model instances (the index catch-up reads every document an ingest stores)."""
    wanted = list(pks)
    columns = ("pk", "public_id", "title", "summary", "date_edtf", "topics", "original_languages")
    documents = list(public_documents().filter(pk__in=wanted).values_list(*columns))
    shown = [row[0] for row in documents]
    bodies = _by_document(DocumentText.objects, shown, "body")
    people = {
        pk: [IndexedName(written or name, variants) for written, name, variants in rows]
        for pk, rows in _by_document(
            DocumentPerson.objects, shown, "name_as_written", "person__name", "variants"
        ).items()
    }
    places = _by_document(DocumentPlace.objects, shown, "place__name")
    return [
        IndexSource(
            pk,
            public_id,
            title,
            summary,
            edtf,
            bodies.get(pk, []),
            people.get(pk, []),
            places.get(pk, []),
            topics,
            languages,
        )
        for pk, public_id, title, summary, edtf, topics, languages in documents
    ]


def _by_document(manager: Any, documents: list[int], *columns: str) -> dict[int, list[Any]]:
    """The rows (one column: its values; several: tuples) of a document part, per document,
    in the parts' order."""
    found: dict[int, list[Any]] = defaultdict(list)
    rows = manager.filter(document__in=documents).order_by("document", "position")
    for document, *values in rows.values_list("document", *columns):
        found[document].append(values[0] if len(columns) == 1 else tuple(values))
    return found


def public_summaries_by_pk(pks: Iterable[int]) -> dict[int, Document]:
    """What a result list shows of public documents: no texts, no relations."""
    documents = (
        public_documents()
        .filter(pk__in=list(pks))
        .only("public_id", "title", "date_display", "date_edtf", "summary", "status")
    )
    return {document.pk: document for document in documents}


def public_pks(pks: Iterable[int]) -> set[int]:
    return set(public_documents().filter(pk__in=list(pks)).values_list("pk", flat=True))


def documents_by_pk(pks: Iterable[int]) -> QuerySet[Document]:
    return with_relations(Document.objects.filter(pk__in=list(pks)))


def documents_for_export(
    collection_key: str | None = None, pks: Iterable[int] | None = None, chunk: int = 500
) -> Iterator[Exported]:
    """Every document (drafts included: an export is for the archive's own keeping), or those of
    one collection and its sub-collections, or those named; in id order, streamed."""
    documents = Document.objects.order_by("public_id")
    if collection_key is not None:
        documents = documents.filter(collection__in=collection_and_descendants(collection_key))
    if pks is not None:
        documents = documents.filter(pk__in=list(pks))
    for document in with_relations(documents).iterator(chunk_size=chunk):
        yield Exported(document.public_id, document.status, document_to_record(document))


def collection_and_descendants(key: str) -> list[int]:
    found = list(Collection.objects.filter(key=key).values_list("pk", flat=True))
    frontier = found
    while frontier:
        frontier = list(Collection.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        found += frontier
    return found


def top_collections() -> list[Collection]:
    """Collections without a parent (volumes, series), each with its count of public documents
    (its own and its sub-collections')."""
    collections = list(Collection.objects.filter(parent=None).order_by("title"))
    for collection in collections:
        collection.document_count = (
            public_documents()
            .filter(  # type: ignore[attr-defined]
                collection__in=collection_and_descendants(collection.key)
            )
            .count()
        )
    return collections


def collection_by_key(key: str) -> Collection | None:
    return Collection.objects.select_related("parent__parent__parent").filter(key=key).first()


def collection_children(collection: Collection) -> QuerySet[Collection]:
    return collection.children.order_by("position", "title")


def collection_documents(collection: Collection) -> QuerySet[Document]:
    """The public documents directly in this collection, by their number (numerically)."""
    return (
        public_documents()
        .filter(collection=collection)
        .annotate(number_length=Length("number"))
        .order_by("number_length", "number", "date_start", "title")
        .only("public_id", "title", "date_display", "number", "summary")
    )


def collection_path_of(collection: Collection) -> list[Collection]:
    """Root first, this collection last."""
    path = []
    current: Collection | None = collection
    while current is not None:
        path.append(current)
        current = current.parent
    return list(reversed(path))
