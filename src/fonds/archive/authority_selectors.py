"""Reads of people, organizations and places through the visibility gate: an authority is
shown when a document the viewer may see names it, and only those documents count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from fonds.archive.models import Document, DocumentPerson, DocumentPlace
from fonds.archive.visibility import visible_documents
from fonds.authorities.models import Person, PersonName, Place
from fonds.core.names.keys import name_key
from fonds.core.visibility import Gate

PERSON, ORGANIZATION = "person", "organization"


def kind_of(person: Person) -> str:
    return ORGANIZATION if person.is_organization else PERSON


def people_documents(gate: Gate, person: OuterRef | Person) -> QuerySet[Document]:
    """The visible documents naming a person, through any record merged into them."""
    return visible_documents(gate).filter(
        Q(person_links__person=person) | Q(person_links__person__merged_into=person)
    )


def visible_people(
    gate: Gate, kind: str = PERSON, letter: str = "", q: str = ""
) -> QuerySet[Person]:
    """People (or organizations) standing for themselves whom a visible document names, A to
    Z, each with its count of them; `letter` keeps names starting with it, `q` names any of
    whose forms contains it."""
    documents = people_documents(gate, OuterRef("pk"))
    people = Person.objects.filter(
        Exists(documents), merged_into=None, is_organization=kind == ORGANIZATION
    )
    if letter:
        people = people.filter(name_key__startswith=name_key(letter)[:1])
    if q.strip():
        key, text = name_key(q), q.strip()
        people = people.filter(
            Q(name_key__contains=key)
            | Q(names__name__icontains=text)
            | Q(merged__name_key__contains=key)
        ).distinct()
    counted = documents.order_by().values(one=Value(1)).annotate(n=Count("pk", distinct=True))
    return people.annotate(document_count=Subquery(counted.values("n"))).order_by("name_key", "pk")


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


def names_of(person: Person) -> list[str]:
    """Every other name of a person: the forms their records were seen under, and the names of
    the records merged into them."""
    records = Person.objects.filter(Q(pk=person.pk) | Q(merged_into=person))
    forms = PersonName.objects.filter(person__in=records).values_list("name", flat=True)
    names = [*records.values_list("name", flat=True), *forms]
    return sorted(set(names) - {person.name})


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
    records = Q(person=person) | Q(person__merged_into=person)
    return appearances(gate, DocumentPerson.objects.filter(records))


def place_appearances(gate: Gate, place: Place) -> list[Appearance]:
    return appearances(gate, DocumentPlace.objects.filter(place=place))


def companions(gate: Gate, person: Person, limit: int = 10) -> list[tuple[Person, int]]:
    """The people who appear in the most visible documents with this one (each counted as the
    person they stand for)."""
    shared = people_documents(gate, person)
    standing = Coalesce("person__merged_into", "person")
    links = DocumentPerson.objects.filter(document__in=shared).annotate(standing=standing)
    links = links.exclude(standing=person.pk)
    grouped = links.values("standing").annotate(n=Count("document", distinct=True))
    top = Counter(dict(grouped.values_list("standing", "n"))).most_common(limit)
    people = Person.objects.in_bulk([pk for pk, _ in top])
    return [(people[pk], n) for pk, n in top]
