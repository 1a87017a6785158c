"""People and places: found by authority id or name key, never duplicated by a difference of
case or spacing, each with a stable public id."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from fonds.authorities.models import Person, Place
from fonds.authorities.selectors import person_by_public_id, person_labels, place_by_public_id
from fonds.authorities.services import (
    known_places_for_names,
    people_for_agents,
    person_save_edits,
)
from fonds.core.identifiers import public_id_for
from fonds.core.records import Agent

pytestmark = pytest.mark.django_db


def test_spellings_that_differ_in_case_or_spacing_find_one_person() -> None:
    first = people_for_agents([Agent("Kim Byeong-jik")])
    again = people_for_agents([Agent("KIM  Byeong jik"), Agent("kim byeong-jik")])
    assert again == first * 2
    assert Person.objects.count() == 1
    forms = set(Person.objects.get().names.values_list("name", flat=True))
    assert forms == {"KIM  Byeong jik", "kim byeong-jik"}


def test_the_database_refuses_a_second_person_for_a_name_key() -> None:
    people_for_agents([Agent("Kim Byeong-jik")])
    with pytest.raises(IntegrityError, match=r"(?i)unique"):
        Person.objects.create(public_id="x", name="Kim Byeong Jik", name_key="kim byeong jik")


def test_an_authority_id_keeps_people_of_one_name_apart() -> None:
    pks = people_for_agents(
        [Agent("John Smith", authority_key="v1#p1"), Agent("John Smith", authority_key="v2#p9")]
    )
    assert len(set(pks)) == 2


def test_public_ids_derive_from_what_identifies_them_and_find_them() -> None:
    people_for_agents([Agent("Dean Rusk", authority_key="frus1964-68v26#p_RD1")])
    person = Person.objects.get()
    assert person.public_id == public_id_for("person-authority:frus1964-68v26#p_RD1")
    assert person_by_public_id(person.public_id) == person
    assert person_labels([person.public_id, "nobody"]) == {person.public_id: "Dean Rusk"}
    (place,) = known_places_for_names(["Hanoi"])
    assert Place.objects.get(pk=place.pk).public_id == public_id_for("place:hanoi")
    assert place_by_public_id(public_id_for("place:hanoi")) is not None


def test_a_curator_made_person_gets_an_id_and_keeps_it_through_renames() -> None:
    person = Person(name="Anatoly Dobrynin")
    person_save_edits(person)
    given = person.public_id
    assert given == public_id_for("person-name:anatoly dobrynin")
    person.name = "A. F. Dobrynin"
    person_save_edits(person)
    person.refresh_from_db()
    assert person.public_id == given
