"""Writes of the authorities app: finding or creating the authority records names refer to.

Batched per document (a FRUS document names dozens of people): a handful of queries per
document, not several per name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from fonds.authorities.lookups import current
from fonds.authorities.models import Person, PersonName, Place
from fonds.bulk import insert_rows, rows_where_in
from fonds.core.names.keys import name_key
from fonds.core.records import Agent


@dataclass(frozen=True, slots=True)
class KnownPerson:
    pk: int
    name: str


def _identity(agent: Agent) -> tuple[str, str]:
    """Who an agent is: the source's authority id when it has one, else the normalized name."""
    if agent.authority_key:
        return ("person-authority", agent.authority_key)
    return ("person-name", name_key(agent.name))


def people_for_agents(agents: Sequence[Agent]) -> list[int]:
    """The person (pk) each agent names, in order. Missing people are created; name forms the
    record gives (the name and its variants) are added to the person."""
    return [person.pk for person in persons_for_agents(agents)]


def persons_for_agents(agents: Sequence[Agent]) -> list[KnownPerson]:
    """As `people_for_agents`, with each person's name as stored."""
    lookups = current()
    keys = [_identity(agent) for agent in agents]
    found: dict[tuple[str, str], KnownPerson] = {}
    for key in keys:
        if (known := lookups.get(key)) is not None:
            found[key] = known
    fresh = _existing({key for key in keys if key not in found})
    missing: dict[tuple[str, str], Agent] = {}
    for agent, key in zip(agents, keys, strict=True):
        if key not in found and key not in fresh and key not in missing:
            missing[key] = agent  # the first agent naming a new person describes them
    fresh |= _created(missing)
    for key, known in fresh.items():
        lookups.remember(key, known)
    found |= fresh
    people = [found[key] for key in keys]
    _add_names(people, agents)
    return people


PERSON_COLUMNS = ("name", "name_key", "authority_key", "description", "is_organization")


def _created(missing: dict[tuple[str, str], Agent]) -> dict[tuple[str, str], KnownPerson]:
    """Create the people no one has named before, in order, with one statement."""
    rows = [
        (a.name, name_key(a.name), a.authority_key, a.description, a.is_organization)
        for a in missing.values()
    ]
    if connection.vendor != "sqlite":
        made = [Person(**dict(zip(PERSON_COLUMNS, row, strict=True))) for row in rows]
        people = Person.objects.bulk_create(made)  # pks come back (RETURNING)
        return {key: KnownPerson(p.pk, p.name) for key, p in zip(missing, people, strict=True)}
    # SQLite has one writer at a time, and this transaction holds the lock since it began: the
    # people just written are found by their keys as any other, without building model objects
    insert_rows(Person, PERSON_COLUMNS, rows)
    return _existing(set(missing))


def _existing(keys: set[tuple[str, str]]) -> dict[tuple[str, str], KnownPerson]:
    authority = {value for kind, value in keys if kind == "person-authority"}
    names = {value for kind, value in keys if kind == "person-name"}
    found: dict[tuple[str, str], KnownPerson] = {}
    if authority:
        for pk, name, key in rows_where_in(
            Person, ("pk", "name", "authority_key"), "authority_key", authority
        ):
            found[("person-authority", key)] = KnownPerson(pk, name)
    if names:
        rows = rows_where_in(
            Person, ("pk", "name", "name_key"), "name_key", names, also=("authority_key", "")
        )
        for pk, name, key in rows:
            found.setdefault(("person-name", key), KnownPerson(pk, name))
    return found


def _add_names(people: list[KnownPerson], agents: Sequence[Agent]) -> None:
    lookups = current()
    wanted = {
        (person.pk, form)
        for person, agent in zip(people, agents, strict=True)
        for form in (agent.name, *agent.variants)
        if form != person.name and lookups.get(("person-form", person.pk, form)) is None
    }
    if not wanted:
        return
    known = set(
        rows_where_in(PersonName, ("person", "name"), "person", sorted({pk for pk, _ in wanted}))
    )
    PersonName.objects.bulk_create(
        [PersonName(person_id=pk, name=form) for pk, form in sorted(wanted - known)],
        ignore_conflicts=True,
    )
    for pk, form in wanted:
        lookups.remember(("person-form", pk, form), True)


@dataclass(frozen=True, slots=True)
class KnownPlace:
    pk: int
    name: str


def places_for_names(names: Sequence[str]) -> list[int]:
    """The place (pk) each name refers to (by name key), in order; missing places are created."""
    return [place.pk for place in known_places_for_names(names)]


def known_places_for_names(names: Sequence[str]) -> list[KnownPlace]:
    """As `places_for_names`, with each place's name as stored."""
    lookups = current()
    keys = [name_key(name) for name in names]
    found = {key: known for key in keys if (known := lookups.get(("place", key))) is not None}
    wanted = set(keys) - set(found)
    fresh = {
        key: KnownPlace(pk, name)
        for key, pk, name in rows_where_in(Place, ("name_key", "pk", "name"), "name_key", wanted)
    }
    missing: dict[str, Place] = {}
    for name, key in zip(names, keys, strict=True):
        if key not in found and key not in fresh and key not in missing:
            missing[key] = Place(name=name, name_key=key)
    Place.objects.bulk_create(missing.values())
    fresh |= {key: KnownPlace(place.pk, place.name) for key, place in missing.items()}
    for key, known in fresh.items():
        lookups.remember(("place", key), known)
    found |= fresh
    return [found[key] for key in keys]


def person_save_edits(person: Person) -> None:
    """Save a curator's edits, keeping the name key in step with the name."""
    person.name_key = name_key(person.name)
    person.save()


def place_save_edits(place: Place) -> None:
    place.name_key = name_key(place.name)
    place.save()
