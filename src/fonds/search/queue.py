"""The index queue's one write: documents whose index entries must be brought in line."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from fonds.bulk import insert_rows
from fonds.search.models import IndexQueueEntry


def index_enqueue(document_pks: Iterable[int]) -> None:
    now = timezone.now()
    insert_rows(
        IndexQueueEntry, ("document_pk", "enqueued_at"), ((pk, now) for pk in set(document_pks))
    )
