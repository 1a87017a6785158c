"""Reads of the authorities: people and places by their public ids, for the back office and
for labels. Whether a person or place may be shown to a viewer depends on the documents that
name them: pages use `archive.selectors.visible_person` / `visible_place`, which apply the gate.
"""

from __future__ import annotations

from collections.abc import Iterable

from fonds.authorities.models import Person, Place
from fonds.core.names.keys import name_key


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


def namesake_of(name: str, other_than: int | None = None) -> Person | None:
    """The person known only by this name (by its name key), other than the one given."""
    found = Person.objects.filter(authority_key="", name_key=name_key(name))
    return found.exclude(pk=other_than).first() if other_than else found.first()
