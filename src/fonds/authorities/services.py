"""Writes of the authorities app: finding or creating the authority record a name refers to."""

from __future__ import annotations

from fonds.authorities.models import Person, PersonName, Place
from fonds.core.names.keys import name_key
from fonds.core.records import Agent


def person_for_agent(agent: Agent) -> Person:
    """The person this agent names: by the source's authority id when it has one, else by the
    normalized name. Name forms the record gives (variants) are added to the person."""
    key = name_key(agent.name)
    if agent.authority_key:
        person, _ = Person.objects.get_or_create(
            authority_key=agent.authority_key,
            defaults={
                "name": agent.name,
                "name_key": key,
                "description": agent.description,
                "is_organization": agent.is_organization,
            },
        )
    else:
        person = Person.objects.filter(
            name_key=key, authority_key=""
        ).first() or Person.objects.create(
            name=agent.name,
            name_key=key,
            description=agent.description,
            is_organization=agent.is_organization,
        )
    _add_names(person, (agent.name, *agent.variants))
    return person


def _add_names(person: Person, names: tuple[str, ...]) -> None:
    known = set(person.names.values_list("name", flat=True)) | {person.name}
    PersonName.objects.bulk_create(
        [PersonName(person=person, name=name) for name in dict.fromkeys(names) if name not in known]
    )


def place_for_name(name: str) -> Place:
    place, _ = Place.objects.get_or_create(name_key=name_key(name), defaults={"name": name})
    return place
