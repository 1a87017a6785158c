"""Receivers that put every change to the archive on the index queue, in the same transaction.

This is the one road into the index: the archive writes and says so (model signals, or
`documents_written` for bulk statements); the search app queues the documents in the writing
transaction, and applies the queue once that transaction has committed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from fonds.archive.models import Document, DocumentPerson, DocumentPlace, DocumentText
from fonds.archive.signals import documents_written
from fonds.authorities.models import Person, Place
from fonds.authorities.signals import people_regrouped
from fonds.search import services


def connect() -> None:
    post_save.connect(_document_changed, sender=Document, dispatch_uid="fonds-index-Document")
    post_delete.connect(_document_changed, sender=Document, dispatch_uid="fonds-unindex-Document")
    documents_written.connect(_documents_written, dispatch_uid="fonds-index-written")
    people_regrouped.connect(_people_regrouped, dispatch_uid="fonds-index-regrouped")
    for model in (DocumentText, DocumentPerson, DocumentPlace):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"fonds-index-{model.__name__}")
        post_delete.connect(
            _part_changed, sender=model, dispatch_uid=f"fonds-unindex-{model.__name__}"
        )
    for model in (Person, Place):
        post_save.connect(
            _authority_changed, sender=model, dispatch_uid=f"fonds-index-{model.__name__}"
        )


def _document_changed(sender: type, instance: Document, **kwargs: Any) -> None:
    _enqueue([instance.pk])


def _documents_written(sender: type, pks: Iterable[int], **kwargs: Any) -> None:
    _enqueue(list(pks))


def _people_regrouped(sender: type, pks: Iterable[int], **kwargs: Any) -> None:
    """People merged or split: their documents' people facets and names change."""
    links = DocumentPerson.objects.filter(person__in=list(pks))
    _enqueue(list(links.values_list("document", flat=True).distinct()))


def _part_changed(
    sender: type, instance: DocumentText | DocumentPerson | DocumentPlace, **kwargs: Any
) -> None:
    _enqueue([instance.document_id])


def _authority_changed(sender: type, instance: Person | Place, **kwargs: Any) -> None:
    if not kwargs.get("created"):
        _enqueue(list(instance.documents.values_list("pk", flat=True)))


def _enqueue(document_pks: list[int]) -> None:
    if not document_pks:
        return
    services.index_enqueue(document_pks)
    transaction.on_commit(services.index_after_commit)
