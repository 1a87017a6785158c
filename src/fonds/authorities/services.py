"""Writes of the authorities app: finding or creating the authority records names refer to.

Batched per document (a FRUS document names dozens of people): a handful of queries per
document, not several per name.
"""

from __future__ import annotations

from collections.abc import Sequence

from fonds.authorities.models import Person, PersonName, Place
from fonds.core.names.keys import name_key
from fonds.core.records import Agent


def people_for_agents(agents: Sequence[Agent]) -> list[Person]:
    """The person each agent names, in order: by the source's authority id when it has one, else
    by the normalized name. Missing people are created; name forms the record gives (the name
    and its variants) are added to the person."""
    by_authority = _existing_by_authority({a.authority_key for a in agents if a.authority_key})
    by_key = _existing_by_name_key({name_key(a.name) for a in agents if not a.authority_key})
    people: list[Person] = []
    for agent in agents:
        person = _lookup(agent, by_authority, by_key)
        if person is None:
            person = Person.objects.create(
                name=agent.name,
                name_key=name_key(agent.name),
                authority_key=agent.authority_key,
                description=agent.description,
                is_organization=agent.is_organization,
            )
            _remember(person, by_authority, by_key)
        people.append(person)
    _add_names(people, agents)
    return people


def _existing_by_authority(keys: set[str]) -> dict[str, Person]:
    return (
        {p.authority_key: p for p in Person.objects.filter(authority_key__in=keys)} if keys else {}
    )


def _existing_by_name_key(keys: set[str]) -> dict[str, Person]:
    if not keys:
        return {}
    found: dict[str, Person] = {}
    for person in Person.objects.filter(name_key__in=keys, authority_key="").order_by("pk"):
        found.setdefault(person.name_key, person)
    return found


def _lookup(
    agent: Agent, by_authority: dict[str, Person], by_key: dict[str, Person]
) -> Person | None:
    if agent.authority_key:
        return by_authority.get(agent.authority_key)
    return by_key.get(name_key(agent.name))


def _remember(person: Person, by_authority: dict[str, Person], by_key: dict[str, Person]) -> None:
    if person.authority_key:
        by_authority[person.authority_key] = person
    else:
        by_key[person.name_key] = person


def _add_names(people: list[Person], agents: Sequence[Agent]) -> None:
    wanted = {
        (person.pk, form)
        for person, agent in zip(people, agents, strict=True)
        for form in (agent.name, *agent.variants)
        if form != person.name
    }
    if not wanted:
        return
    known = set(
        PersonName.objects.filter(person__in={pk for pk, _ in wanted}).values_list("person", "name")
    )
    PersonName.objects.bulk_create(
        [PersonName(person_id=pk, name=form) for pk, form in sorted(wanted - known)],
        ignore_conflicts=True,
    )


def places_for_names(names: Sequence[str]) -> list[Place]:
    """The place each name refers to (by name key), in order; missing places are created."""
    keys = [name_key(name) for name in names]
    found = {p.name_key: p for p in Place.objects.filter(name_key__in=set(keys))}
    for name, key in zip(names, keys, strict=True):
        if key not in found:
            found[key] = Place.objects.create(name=name, name_key=key)
    return [found[key] for key in keys]


def person_save_edits(person: Person) -> None:
    """Save a curator's edits, keeping the name key in step with the name."""
    person.name_key = name_key(person.name)
    person.save()


def place_save_edits(place: Place) -> None:
    place.name_key = name_key(place.name)
    place.save()
