"""One person across sources: merges (with their reasons, never in a cycle), splits, the
review queue, and what an ingest of two FRUS volumes makes of the people they share."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.conftest import CORPUS

from fonds.archive.ingest import IngestReport, ingest_paths
from fonds.archive.services import documents_store
from fonds.authorities.merging import MergeRefused, person_merge, person_split, review_decide
from fonds.authorities.models import Person, ReviewItem
from fonds.core.records import Agent, DocumentRecord, Role
from fonds.core.search.params import search_request
from fonds.core.visibility import public_gate
from fonds.search.selectors import search_documents

pytestmark = pytest.mark.django_db

VOLUMES = CORPUS / "frus" / "volumes"
TWO = [VOLUMES / "frus1964-68v29p2.xml", VOLUMES / "frus1964-68v30.xml"]


def people(*names: str) -> list[Person]:
    records = [
        DocumentRecord(source_key=f"m:{n}", title=f"Letter {n}", people=(Agent(name, Role.AUTHOR),))
        for n, name in enumerate(names)
    ]
    documents_store(records)
    return [Person.objects.get(name=name) for name in names]


def test_a_merge_records_why_and_moves_members_along() -> None:
    a, b, c = people("Anna One", "Anna Two", "Anna Three")
    person_merge(a, b, "same ambassador", by="editor")
    a.refresh_from_db()
    assert (a.merged_into, a.merge_reason, a.merged_by) == (b, "same ambassador", "editor")
    assert a.merged_at is not None
    person_merge(b, c, "same again", by="editor")  # b brings a along: no chains
    assert set(Person.objects.filter(merged_into=c).values_list("name", flat=True)) == {
        "Anna One",
        "Anna Two",
    }


@pytest.mark.parametrize("into_self", [True, False])
def test_a_merge_into_itself_or_its_own_member_is_refused(into_self: bool) -> None:
    a, b = people("Boris One", "Boris Two")
    if into_self:
        with pytest.raises(MergeRefused, match="one person already"):
            person_merge(a, a, "why not")
        return
    person_merge(a, b, "same")
    with pytest.raises(MergeRefused, match="one person already"):
        person_merge(b, a, "the other way round")  # a cycle
    assert Person.objects.get(pk=b.pk).merged_into is None


def test_a_split_gives_a_record_back_its_own_standing() -> None:
    a, b = people("Carl One", "Carl Two")
    person_merge(a, b, "same")
    person_split(Person.objects.get(pk=a.pk), by="editor")
    a.refresh_from_db()
    assert a.merged_into is None and a.merged_by == "editor"
    with pytest.raises(MergeRefused, match="not merged"):
        person_split(a, by="editor")


def test_a_review_decision_merges_or_keeps_apart() -> None:
    a, b, c = people("Dora One", "Dora Two", "Dora Three")
    keep = ReviewItem.objects.create(
        person=a, candidate=b, score=0.6, reasons="one syllable differs"
    )
    join = ReviewItem.objects.create(person=c, candidate=b, score=0.7, reasons="surname only")
    review_decide(keep, merge=False, by="editor")
    review_decide(join, merge=True, by="editor")
    assert ReviewItem.objects.get(pk=keep.pk).status == ReviewItem.Status.KEPT_APART
    assert ReviewItem.objects.get(pk=join.pk).status == ReviewItem.Status.MERGED
    assert Person.objects.get(pk=c.pk).merged_into == b
    assert Person.objects.get(pk=a.pk).merged_into is None


@pytest.fixture
def two_volumes(transactional_db: None) -> IngestReport:
    """Two FRUS volumes ingested as `fonds ingest` does, each batch committed."""
    report = IngestReport()
    ingest_paths(TWO, report, in_background=False)
    return report


def test_two_volumes_share_their_people(two_volumes: IngestReport, client: Client) -> None:
    rusk = Person.objects.filter(name="Rusk, Dean")
    assert rusk.count() == 2
    (standing,) = rusk.filter(merged_into=None)
    (merged,) = rusk.exclude(merged_into=None)
    assert merged.merged_into == standing and merged.merge_reason.startswith("name match")
    assert two_volumes.people.merged >= 20
    assert two_volumes.people.merged == Person.objects.exclude(merged_into=None).count()
    # one facet entry for him, and his old id answers with his page
    data = client.get("/api/documents?q=Rusk&page_size=1").json()
    entries = [f for f in data["facets"]["people"] if f["label"] == "Rusk, Dean"]
    assert [f["value"] for f in entries] == [standing.public_id]
    response = client.get(f"/people/{merged.public_id}")
    assert response.status_code == 302 and response["Location"] == f"/people/{standing.public_id}"
    page = client.get(f"/people/{standing.public_id}").content.decode()
    assert page.count('class="document-item"') == len(
        set(
            Person.objects.filter(name="Rusk, Dean").values_list(
                "document_links__document", flat=True
            )
        )
    )


def test_entries_of_one_persons_list_are_never_merged(two_volumes: IngestReport) -> None:
    merged = Person.objects.exclude(merged_into=None).filter(authority_key__contains="#")
    for person in merged.select_related("merged_into"):
        volume = person.authority_key.split("#")[0]
        others = Person.objects.filter(merged_into=person.merged_into).exclude(pk=person.pk)
        keys = [person.merged_into.authority_key, *others.values_list("authority_key", flat=True)]
        assert volume not in {key.split("#")[0] for key in keys}, person


def test_the_review_queue_holds_the_probable_ones(two_volumes: IngestReport) -> None:
    items = ReviewItem.objects.all()
    assert items.count() == two_volumes.people.queued > 0
    for item in items:
        assert 0.5 <= item.score < 0.9 and item.reasons
        assert item.person.merged_into is None


def test_a_person_is_found_under_any_order_or_spelling_of_their_name(
    two_volumes: IngestReport,
) -> None:
    def total(query: str) -> int:
        return search_documents(search_request({"q": [query]}), public_gate()).total

    inverted = total('person:"Rusk, Dean"')
    assert inverted > 100
    assert total('person:"Dean Rusk"') == inverted  # natural order
    assert total("person:rusk") == inverted
