"""`fonds.bulk.rows_where_in`, the raw lookups ingest makes by a batch's keys: the same rows the
ORM's `__in` filter finds, across IN-list chunks, with the extra condition, in pk order."""

from __future__ import annotations

from typing import Any

import pytest

from fonds.authorities.models import Person
from fonds.bulk import IN_CHUNK, rows_where_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> list[Person]:
    count = IN_CHUNK * 2 + 7  # three chunks
    made = [
        Person(
            public_id=f"p{n}",
            name=f"Person {n}",
            name_key=f"person {n % (count // 2)}",  # each key twice
            # (one person known only by name per key: the second holder has an authority key)
            authority_key="" if n % 3 and n < count // 2 else f"#p{n}",
        )
        for n in range(count)
    ]
    return Person.objects.bulk_create(made)


def test_the_same_rows_as_the_orm_in_pk_order(people: list[Person]) -> None:
    keys = [person.name_key for person in reversed(people)] + ["nobody"]
    rows = rows_where_in(Person, ("pk", "name", "name_key"), "name_key", keys)
    expected = Person.objects.filter(name_key__in=keys).order_by("pk")
    assert rows == list(expected.values_list("pk", "name", "name_key"))
    assert len(rows) == len(people)


def test_with_the_extra_condition(people: list[Person]) -> None:
    keys = [person.name_key for person in people]
    rows = rows_where_in(Person, ("pk", "name_key"), "name_key", keys, also=("authority_key", ""))
    expected = Person.objects.filter(name_key__in=keys, authority_key="").order_by("pk")
    assert rows == list(expected.values_list("pk", "name_key"))
    assert 0 < len(rows) < len(people)


def test_no_values_no_query(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert rows_where_in(Person, ("pk",), "name_key", []) == []
