"""The visibility gate on the database: `core.visibility`'s one rule as a queryset filter.

Every read that shows documents (pages, API, counts, collections, exports, search re-checks)
starts from `visible_documents(gate)`; search indexes apply the same rule as a query filter.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from fonds.archive.models import Document
from fonds.core.visibility import ANONYMOUS, CURATOR, Gate, Status, Viewer

UNPUBLISHED_PERMISSION = "archive.view_unpublished"


def viewer_of(user: Any) -> Viewer:
    """The viewer a signed-in user (or the anonymous one) is: curators hold the permission."""
    if user is not None and user.is_authenticated and user.has_perm(UNPUBLISHED_PERMISSION):
        return CURATOR
    return ANONYMOUS


def gate_of(user: Any, at: datetime | None = None) -> Gate:
    return Gate.of(viewer_of(user), at)


def visible_documents(gate: Gate) -> QuerySet[Document]:
    """The documents this gate admits (`Gate.admits`, as a filter)."""
    if gate.sees_unpublished:
        return Document.objects.all()
    return Document.objects.filter(
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=gate.day),
        status=Status.PUBLISHED.value,
    )
