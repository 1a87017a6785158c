"""Reads of the archive, and the one place that decides what the public may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from fonds.archive.models import Document, DocumentPerson, DocumentPlace


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


def documents_by_pk(pks: Iterable[int]) -> QuerySet[Document]:
    return with_relations(Document.objects.filter(pk__in=list(pks)))
