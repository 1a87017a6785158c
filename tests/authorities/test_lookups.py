"""Bulk-ingest lookups: remembered after commit, never after a rollback."""

from __future__ import annotations

import pytest
from django.db import transaction

from fonds.authorities.lookups import current, remembering
from fonds.authorities.models import Person
from fonds.authorities.services import people_for_agents, places_for_names
from fonds.core.records import Agent

pytestmark = pytest.mark.django_db(transaction=True)


def test_found_people_are_remembered_after_commit() -> None:
    with remembering() as lookups:
        with transaction.atomic():
            (pk,) = people_for_agents([Agent("Kim Il Sung")])
            assert lookups.get(("person-name", "kim il sung")) is None  # not committed yet
        assert lookups.get(("person-name", "kim il sung")).pk == pk
        with transaction.atomic():
            assert people_for_agents([Agent("KIM Il-sung")]) == [pk]
    assert Person.objects.count() == 1


def test_a_rolled_back_person_is_never_remembered() -> None:
    with remembering() as lookups:
        with pytest.raises(RuntimeError), transaction.atomic():
            people_for_agents([Agent("Vasily Kuznetsov", authority_key="v#p_KVV1")])
            raise RuntimeError("the record failed")
        assert lookups.get(("person-authority", "v#p_KVV1")) is None
        with transaction.atomic():
            (pk,) = people_for_agents([Agent("Vasily Kuznetsov", authority_key="v#p_KVV1")])
        assert Person.objects.filter(pk=pk).exists()


def test_nothing_is_remembered_outside_an_ingest() -> None:
    with transaction.atomic():
        places_for_names(["Moscow"])
    assert current().get(("place", "moscow")) is None
