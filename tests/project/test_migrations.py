"""An archive made by an earlier fonds migrates: namesakes known only by name are merged into
one person (their documents and name forms kept), and people and places get public ids."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fonds.core.identifiers import public_id_for

BEFORE = [
    ("authorities", "0001_initial"),
    ("archive", "0002_links_indexed_by_their_unique_constraint"),
]
AFTER = [("authorities", "0003_unique_ids_and_name_keys")]


@pytest.mark.django_db(transaction=True)
def test_namesakes_are_merged_and_ids_given() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    person, place = apps.get_model("authorities", "Person"), apps.get_model("authorities", "Place")
    document = apps.get_model("archive", "Document")
    link = apps.get_model("archive", "DocumentPerson")
    first = person.objects.create(name="Kim Byeong-jik", name_key="kim byeong jik")
    second = person.objects.create(name="KIM Byeong Jik", name_key="kim byeong jik")
    keyed = person.objects.create(
        name="Kim Byeong-jik", name_key="kim byeong jik", authority_key="v#p1"
    )
    place.objects.create(name="Moscow", name_key="moscow")
    docs = [
        document.objects.create(public_id=f"d{n}", source_key=f"k{n}", title="t", content_hash="h")
        for n in range(2)
    ]
    link.objects.create(document=docs[0], person=first, role="author")
    link.objects.create(document=docs[0], person=second, role="author")  # the same, twice
    link.objects.create(document=docs[1], person=second, role="recipient")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    person = apps.get_model("authorities", "Person")
    link = apps.get_model("archive", "DocumentPerson")
    assert sorted(person.objects.values_list("pk", flat=True)) == [first.pk, keyed.pk]
    links = sorted(link.objects.values_list("document__public_id", "person", "role"))
    assert links == [("d0", first.pk, "author"), ("d1", first.pk, "recipient")]
    names = apps.get_model("authorities", "PersonName").objects.values_list("name", flat=True)
    assert list(names) == ["KIM Byeong Jik"]
    kept = person.objects.get(pk=first.pk)
    assert kept.public_id == public_id_for("person-name:kim byeong jik")
    assert person.objects.get(pk=keyed.pk).public_id == public_id_for("person-authority:v#p1")
    moscow = apps.get_model("authorities", "Place").objects.get()
    assert moscow.public_id == public_id_for("place:moscow")
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
