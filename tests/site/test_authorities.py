"""Pages and API of people, organizations and places, on the two seeds."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.test import Client
from tests.conftest import SEED_PAGETEXT
from tests.helpers import records_of
from tests.site.conftest import Seeds

from fonds.archive.services import documents_store
from fonds.authorities.models import Person, Place
from fonds.core.records import Place as PlaceRef

KIM, KUZNETSOV = "Kim Byeong-jik", "Vasily Kuznetsov"


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def test_a_person_page_lists_their_documents_with_roles_and_companions(
    client: Client, seeds: Seeds
) -> None:
    kim = Person.objects.get(name=KIM)
    page = _page(client, f"/people/{kim.public_id}")
    assert f"<h1>{KIM}</h1>" in page
    april, may = page.index(seeds.april.public_id), page.index(seeds.may.public_id)
    assert april < may  # oldest first
    assert "Documents (2)" in page
    kuznetsov = Person.objects.get(name=KUZNETSOV)
    assert f'href="/people/{kuznetsov.public_id}">{KUZNETSOV}</a> <span class="count">2' in page
    assert f"/search?person={kim.public_id}" in page


def test_the_people_list_goes_a_to_z_with_a_letter_and_a_filter(
    client: Client, seeds: Seeds
) -> None:
    everyone = _page(client, "/people")
    assert everyone.index(KIM) < everyone.index(KUZNETSOV)
    by_k = _page(client, "/people?letter=K")
    assert KIM in by_k and KUZNETSOV not in by_k  # "Vasily Kuznetsov" is under V
    assert KUZNETSOV in _page(client, "/people?letter=v")
    filtered = _page(client, "/people?q=kuzn")
    assert KUZNETSOV in filtered and KIM not in filtered
    assert KIM in _page(client, "/people?q=Pyong")  # any form of the name
    assert "None here" in _page(client, "/people?q=nobody-at-all")


def test_document_pages_and_facets_link_to_the_pages(client: Client, seeds: Seeds) -> None:
    kim = Person.objects.get(name=KIM)
    document = _page(client, f"/documents/{seeds.may.public_id}")
    assert f'href="/people/{kim.public_id}"' in document
    results = _page(client, "/search?q=Kuznetsov")
    assert f'href="/people/{kim.public_id}" title="About {KIM}"' in results


def test_a_place_page(client: Client, seeds: Seeds) -> None:
    record = replace(records_of(SEED_PAGETEXT)[0], source_key="with-a-place", title="Placed",
                     places=(PlaceRef("Pyongyang"),))  # fmt: skip
    documents_store([record])
    place = Place.objects.get(name="Pyongyang")
    page = _page(client, f"/places/{place.public_id}")
    assert "<h1>Pyongyang</h1>" in page and "Placed" in page and "Documents (1)" in page
    assert _page(client, "/places").count("Pyongyang") == 1
    data = client.get(f"/api/places/{place.public_id}").json()
    assert [d["title"] for d in data["documents"]] == ["Placed"]


def test_an_organization_asked_for_as_a_person_is_redirected(client: Client, seeds: Seeds) -> None:
    kim = Person.objects.get(name=KIM)
    Person.objects.filter(pk=kim.pk).update(is_organization=True)
    response = client.get(f"/people/{kim.public_id}")
    assert response.status_code == 302
    assert response["Location"] == f"/organizations/{kim.public_id}"
    assert KIM in _page(client, "/organizations") and KIM not in _page(client, "/people")


def test_the_api(client: Client, seeds: Seeds) -> None:
    kim = Person.objects.get(name=KIM)
    listed: Any = client.get("/api/people?q=byeong").json()
    assert [(r["id"], r["name"], r["documents"]) for r in listed["results"]] == [
        (kim.public_id, KIM, 2)
    ]
    one = client.get(f"/api/people/{kim.public_id}").json()
    assert one["kind"] == "person" and one["url"] == f"/people/{kim.public_id}"
    assert [d["id"] for d in one["documents"]] == [seeds.april.public_id, seeds.may.public_id]
    assert set(one["names"]) >= {"Kim Pyong Jik"}
    assert client.get("/api/people/nobody").status_code == 404
    assert client.get(f"/api/organizations/{kim.public_id}").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/people?q=%00", "/people?letter=%00", "/places?q=a%00b", "/api/people?q=%00&letter=%00",
     "/people?letter=%FF", "/api/people?page=-3"],
)  # fmt: skip
def test_odd_parameters_are_harmless(client: Client, seeds: Seeds, url: str) -> None:
    assert client.get(url).status_code == 200
