"""Reads of the authorities: people and places by their public ids.

Whether a person or place may be shown depends on the documents that name them: the archive
app, which holds the visibility gate, decides that (`archive.selectors`).
"""

from __future__ import annotations

from collections.abc import Iterable

from fonds.authorities.models import Person, Place


def person_by_public_id(public_id: str) -> Person | None:
    return Person.objects.filter(public_id=public_id).first()


def place_by_public_id(public_id: str) -> Place | None:
    return Place.objects.filter(public_id=public_id).first()


def person_labels(public_ids: Iterable[str]) -> dict[str, str]:
    """Each person's name as stored, by public id (facet labels)."""
    wanted = list(public_ids)
    return dict(Person.objects.filter(public_id__in=wanted).values_list("public_id", "name"))


def place_labels(public_ids: Iterable[str]) -> dict[str, str]:
    wanted = list(public_ids)
    return dict(Place.objects.filter(public_id__in=wanted).values_list("public_id", "name"))
