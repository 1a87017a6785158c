"""Writes of the authorities app: finding or creating the authority records names refer to.

Batched (a FRUS document names dozens of people, a batch thousands): a few queries for a
whole batch of names, not several per name. A person is found by the source's authority id
when it has one, else by name key; a place by name key. New ones get a stable public id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fonds.authorities.models import Person, PersonName, Place
from fonds.bulk import free_public_ids, insert_rows, rows_where_in
from fonds.core.names.keys import name_key
from fonds.core.records import Agent

Identity = tuple[str, str]  # ("person-authority", key) or ("person-name", name key)


@dataclass(frozen=True, slots=True)
class KnownPerson:
    pk: int
    name: str


def _identity(agent: Agent) -> Identity:
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
    keys = [_identity(agent) for agent in agents]
    found = _existing(set(keys))
    missing: dict[Identity, Agent] = {}
    for agent, key in zip(agents, keys, strict=True):
        if key not in found and key not in missing:
            missing[key] = agent  # the first agent naming a new person describes them
    if missing:
        _create(missing)
        found |= _existing(set(missing))
    if any(key not in found for key in keys):
        raise ValueError("a person could not be found or created")
    people = [found[key] for key in keys]
    _add_names(people, agents)
    return people


PERSON_COLUMNS = (
    "public_id",
    "name",
    "name_key",
    "authority_key",
    "description",
    "is_organization",
)


def _create(missing: dict[Identity, Agent]) -> None:
    """Create the people no one has named before, in order, with one statement; a person
    another ingest has just created meanwhile is left as it is (and found by the caller)."""
    ids = free_public_ids(Person, [f"{kind}:{value}" for kind, value in missing])
    rows = [
        (public_id, a.name, name_key(a.name), a.authority_key, a.description, a.is_organization)
        for public_id, a in zip(ids, missing.values(), strict=True)
    ]
    insert_rows(Person, PERSON_COLUMNS, rows, skip_conflicts=True)


def _existing(keys: set[Identity]) -> dict[Identity, KnownPerson]:
    authority = {value for kind, value in keys if kind == "person-authority"}
    names = {value for kind, value in keys if kind == "person-name"}
    found: dict[Identity, KnownPerson] = {}
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
    """Record every name form the agents give that their person does not have yet."""
    wanted = {
        (person.pk, form)
        for person, agent in zip(people, agents, strict=True)
        for form in (agent.name, *agent.variants)
        if form != person.name
    }
    if not wanted:
        return
    known = set(
        rows_where_in(PersonName, ("person", "name"), "person", sorted({pk for pk, _ in wanted}))
    )
    insert_rows(PersonName, ("person", "name"), sorted(wanted - known), skip_conflicts=True)


@dataclass(frozen=True, slots=True)
class KnownPlace:
    pk: int
    name: str


def places_for_names(names: Sequence[str]) -> list[int]:
    """The place (pk) each name refers to (by name key), in order; missing places are created."""
    return [place.pk for place in known_places_for_names(names)]


def known_places_for_names(names: Sequence[str]) -> list[KnownPlace]:
    """As `places_for_names`, with each place's name as stored."""
    keys = [name_key(name) for name in names]
    found = _places_by_key(set(keys))
    missing = {key: name for name, key in zip(names, keys, strict=True) if key not in found}
    if missing:
        ids = free_public_ids(Place, [f"place:{key}" for key in missing])
        rows = [(i, name, key) for i, (key, name) in zip(ids, missing.items(), strict=True)]
        insert_rows(Place, ("public_id", "name", "name_key"), rows, skip_conflicts=True)
        found |= _places_by_key(set(missing))
    return [found[key] for key in keys]


def _places_by_key(keys: set[str]) -> dict[str, KnownPlace]:
    rows = rows_where_in(Place, ("name_key", "pk", "name"), "name_key", keys)
    return {key: KnownPlace(pk, name) for key, pk, name in rows}


def person_save_edits(person: Person) -> None:
    """Save a curator's edits, keeping the name key in step with the name; a person the
    curator creates gets its public id as an ingested one would."""
    person.name_key = name_key(person.name)
    if not person.public_id:
        kind, value = _identity(Agent(person.name, authority_key=person.authority_key))
        person.public_id = free_public_ids(Person, [f"{kind}:{value}"])[0]
    person.save()


def place_save_edits(place: Place) -> None:
    place.name_key = name_key(place.name)
    if not place.public_id:
        place.public_id = free_public_ids(Place, [f"place:{place.name_key}"])[0]
    place.save()
