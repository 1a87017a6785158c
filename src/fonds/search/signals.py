"""Receivers that put every change to the archive on the index queue, in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from fonds.archive.models import Document, DocumentPerson, DocumentPlace, DocumentText
from fonds.authorities.models import Person, Place
from fonds.search import services


def connect() -> None:
    for model in (Document,):
        post_save.connect(
            _document_changed, sender=model, dispatch_uid=f"fonds-index-{model.__name__}"
        )
        post_delete.connect(
            _document_changed, sender=model, dispatch_uid=f"fonds-unindex-{model.__name__}"
        )
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
    if not services.indexing_is_deferred():
        transaction.on_commit(services.index_catch_up_safely)
