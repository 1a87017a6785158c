"""Reads of people, organizations and places through the visibility gate: an authority is
shown when a document the viewer may see names it, and only those documents count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from fonds.archive.models import Document, DocumentPerson, DocumentPlace
from fonds.archive.visibility import visible_documents
from fonds.authorities.models import Person, Place
from fonds.core.names.keys import name_key
from fonds.core.visibility import Gate

PERSON, ORGANIZATION = "person", "organization"


def kind_of(person: Person) -> str:
    return ORGANIZATION if person.is_organization else PERSON


def visible_people(
    gate: Gate, kind: str = PERSON, letter: str = "", q: str = ""
) -> QuerySet[Person]:
    """People (or organizations) named by a visible document, A to Z, each with its count of
    them; `letter` keeps names starting with it, `q` names any of whose forms contains it."""
    documents = visible_documents(gate).filter(person_links__person=OuterRef("pk"))
    people = Person.objects.filter(Exists(documents), is_organization=kind == ORGANIZATION)
    if letter:
        people = people.filter(name_key__startswith=name_key(letter)[:1])
    if q.strip():
        key = name_key(q)
        people = people.filter(Q(name_key__contains=key) | Q(names__name__icontains=q.strip()))
    visible = Q(document_links__document__in=visible_documents(gate))
    return people.annotate(
        document_count=Count("document_links__document", filter=visible, distinct=True)
    ).order_by("name_key", "pk")


def visible_places(gate: Gate, letter: str = "", q: str = "") -> QuerySet[Place]:
    documents = visible_documents(gate).filter(place_links__place=OuterRef("pk"))
    places = Place.objects.filter(Exists(documents))
    if letter:
        places = places.filter(name_key__startswith=name_key(letter)[:1])
    if q.strip():
        places = places.filter(name_key__contains=name_key(q))
    visible = Q(document_links__document__in=visible_documents(gate))
    return places.annotate(
        document_count=Count("document_links__document", filter=visible, distinct=True)
    ).order_by("name_key", "pk")


@dataclass(frozen=True)
class Appearance:
    """A document an authority appears in, and how."""

    document: Document
    roles: tuple[str, ...]


def appearances(
    gate: Gate, links: QuerySet[DocumentPerson] | QuerySet[DocumentPlace]
) -> list[Appearance]:
    """The visible documents of these links, oldest first (undated last), with the roles."""
    shown = links.filter(document__in=visible_documents(gate)).select_related("document")
    roles: dict[int, list[str]] = {}
    documents: dict[int, Document] = {}
    for link in shown.order_by("document__date_start", "document__title", "position"):
        documents.setdefault(link.document_id, link.document)
        roles.setdefault(link.document_id, []).append(link.role)
    ordered = sorted(
        documents.values(), key=lambda d: (d.date_start is None, d.date_start or 0, d.title)
    )
    return [Appearance(d, tuple(dict.fromkeys(roles[d.pk]))) for d in ordered]


def person_appearances(gate: Gate, person: Person) -> list[Appearance]:
    return appearances(gate, DocumentPerson.objects.filter(person=person))


def place_appearances(gate: Gate, place: Place) -> list[Appearance]:
    return appearances(gate, DocumentPlace.objects.filter(place=place))


def companions(gate: Gate, person: Person, limit: int = 10) -> list[tuple[Person, int]]:
    """The people who appear in the most visible documents with this one."""
    shared = visible_documents(gate).filter(person_links__person=person)
    links = DocumentPerson.objects.filter(document__in=shared).exclude(person=person)
    counts = Counter(
        dict(
            links.values("person")
            .annotate(n=Count("document", distinct=True))
            .values_list("person", "n")
        )
    )
    top = counts.most_common(limit)
    people = Person.objects.in_bulk([pk for pk, _ in top])
    return [(people[pk], n) for pk, n in top]
