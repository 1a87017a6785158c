"""Reads of the archive. Each read that shows documents takes the viewer's `Gate` and starts
from `visibility.visible_documents`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Length

from fonds.archive.convert import document_to_record
from fonds.archive.models import Collection, Document, DocumentPerson, DocumentPlace
from fonds.archive.visibility import visible_documents
from fonds.authorities.models import Person, Place
from fonds.core.export import Exported
from fonds.core.visibility import Gate


def with_relations(documents: QuerySet[Document]) -> QuerySet[Document]:
    return documents.select_related("collection__parent__parent").prefetch_related(
        "texts",
        Prefetch("person_links", queryset=DocumentPerson.objects.select_related("person")),
        Prefetch("place_links", queryset=DocumentPlace.objects.select_related("place")),
    )


def document_list(gate: Gate) -> QuerySet[Document]:
    """Visible documents, newest date first (undated last)."""
    return (
        visible_documents(gate)
        .order_by("-date_start", "title")
        .only("public_id", "title", "date_display", "date_edtf", "summary", "date_start")
    )


def visible_document(gate: Gate, public_id: str) -> Document | None:
    return with_relations(visible_documents(gate)).filter(public_id=public_id).first()


def summaries_by_pk(gate: Gate, pks: Iterable[int]) -> dict[int, Document]:
    """What a result list shows of visible documents: no texts, no relations. (The rule is
    applied to the rows read, `Gate.admits` itself: a result page's few rows cost less to check
    than the filter costs to build.)"""
    columns = ("public_id", "title", "date_display", "date_edtf", "summary", "status")
    documents = Document.objects.filter(pk__in=list(pks)).only(*columns, "embargo_until")
    return {
        document.pk: document
        for document in documents
        if gate.admits(document.status, document.embargo_until)
    }


def visible_pks(gate: Gate, pks: Iterable[int], chunk: int = 500) -> set[int]:
    """Which of these documents the gate admits (asked `chunk` at a time: a search export may
    name a hundred thousand, more than a statement may have parameters)."""
    wanted, found = list(pks), set()
    for start in range(0, len(wanted), chunk):
        part = wanted[start : start + chunk]
        found |= set(visible_documents(gate).filter(pk__in=part).values_list("pk", flat=True))
    return found


def documents_for_export(
    gate: Gate,
    collection_key: str | None = None,
    pks: Iterable[int] | None = None,
    chunk: int = 500,
) -> Iterator[Exported]:
    """The documents the gate admits (a curator's: every one, drafts included), or those of
    one collection and its sub-collections, or those named; in id order, streamed."""
    documents = visible_documents(gate).order_by("public_id")
    if collection_key is not None:
        documents = documents.filter(collection__in=collection_and_descendants(collection_key))
    if pks is not None:
        documents = documents.filter(pk__in=list(pks))
    for document in with_relations(documents).iterator(chunk_size=chunk):
        embargo = document.embargo_until.isoformat() if document.embargo_until else ""
        yield Exported(document.public_id, document.status, document_to_record(document), embargo)


def collection_and_descendants(key: str) -> list[int]:
    found = list(Collection.objects.filter(key=key).values_list("pk", flat=True))
    frontier = found
    while frontier:
        frontier = list(Collection.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        found += frontier
    return found


def visible_count(gate: Gate, collection: Collection) -> int:
    """How many documents the gate admits in this collection and its sub-collections."""
    within = collection_and_descendants(collection.key)
    return visible_documents(gate).filter(collection__in=within).count()


def top_collections(gate: Gate) -> list[Collection]:
    """Collections without a parent (volumes, series) that hold a visible document, each with
    its count of them (its own and its sub-collections')."""
    return _with_counts(gate, Collection.objects.filter(parent=None).order_by("title"))


def _with_counts(gate: Gate, collections: Iterable[Collection]) -> list[Collection]:
    shown = []
    for collection in collections:
        count = visible_count(gate, collection)
        if count:
            collection.document_count = count  # type: ignore[attr-defined]
            shown.append(collection)
    return shown


def collection_by_key(gate: Gate, key: str) -> Collection | None:
    """The collection, if it holds a document the gate admits (else it is not shown at all)."""
    found = Collection.objects.select_related("parent__parent__parent").filter(key=key).first()
    return found if found is not None and visible_count(gate, found) else None


def collection_children(gate: Gate, collection: Collection) -> list[Collection]:
    """The sub-collections that hold a visible document, in the editors' order."""
    return _with_counts(gate, collection.children.order_by("position", "title"))


def collection_documents(gate: Gate, collection: Collection) -> QuerySet[Document]:
    """The visible documents directly in this collection, by their number (numerically)."""
    return (
        visible_documents(gate)
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


def visible_person(gate: Gate, public_id: str) -> Person | None:
    """The person with this id (or the record with it, merged into another: the caller
    redirects), if a document the gate admits names them or a record merged into them
    (people known only from hidden documents are not shown)."""
    found = Person.objects.select_related("merged_into").filter(public_id=public_id).first()
    if found is None:
        return None
    standing = found.merged_into or found
    named = visible_documents(gate).filter(
        Q(person_links__person=standing) | Q(person_links__person__merged_into=standing)
    )
    return found if named.exists() else None


def visible_place(gate: Gate, public_id: str) -> Place | None:
    documents = visible_documents(gate).filter(place_links__place=OuterRef("pk"))
    return Place.objects.filter(Exists(documents), public_id=public_id).first()
