"""document_upsert: new / unchanged / updated, stable ids, whole records or nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT
from tests.helpers import records_of

from fonds.archive.models import Document, DocumentPerson, DocumentText
from fonds.archive.services import Outcome, document_upsert
from fonds.authorities.models import Person, PersonName
from fonds.core.identifiers import public_id_for

pytestmark = pytest.mark.django_db


def test_new_then_unchanged_keeps_the_id() -> None:
    (record,) = records_of(SEED_PAGETEXT)
    first, outcome = document_upsert(record)
    assert outcome is Outcome.NEW
    again, outcome = document_upsert(record)
    assert outcome is Outcome.UNCHANGED
    assert again.pk == first.pk and again.public_id == first.public_id
    assert Document.objects.count() == 1


def test_changed_record_updates_in_place() -> None:
    (record,) = records_of(SEED_MARKDOWN)
    document, _ = document_upsert(record)
    edited = replace(record, summary="A corrected summary.")
    updated, outcome = document_upsert(edited)
    assert outcome is Outcome.UPDATED
    assert updated.public_id == document.public_id
    updated.refresh_from_db()
    assert updated.summary == "A corrected summary."
    assert DocumentText.objects.filter(document=updated).count() == len(record.texts)
    assert DocumentPerson.objects.filter(document=updated).count() == len(record.people)


def test_public_id_is_derived_from_the_origin() -> None:
    (record,) = records_of(SEED_MARKDOWN)
    document, _ = document_upsert(record)
    assert document.public_id == public_id_for(record.source_key)
    assert len(document.public_id) == 10


@pytest.mark.parametrize(
    ("source_key", "attempt", "expected"),
    [  # ids already given out must never change: these are what fonds has always derived
        ("https://digitalarchive.wilsoncenter.org/document/119224", 0, "4dlzhyhisg"),
        ("https://digitalarchive.wilsoncenter.org/document/119224", 1, "6ghbven3qh"),
    ],
)
def test_public_ids_are_stable(source_key: str, attempt: int, expected: str) -> None:
    assert public_id_for(source_key, attempt) == expected


def test_fields_are_stored() -> None:
    (record,) = records_of(SEED_MARKDOWN)
    document, _ = document_upsert(record)
    document.refresh_from_db()
    assert document.date_edtf == "1965-04-17"
    assert document.date_start.isoformat() == "1965-04-17"
    assert document.archival_reference["repository"] == "AVPRF"
    assert document.original_languages == ["Russian"]


def test_people_are_shared_between_documents_and_keep_variants() -> None:
    for path in (SEED_PAGETEXT, SEED_MARKDOWN):
        for record in records_of(path):
            document_upsert(record)
    kim = Person.objects.get(name="Kim Byeong-jik")
    assert kim.documents.count() == 2
    assert PersonName.objects.filter(person=kim, name="Kim Pyong Jik").exists()


def test_a_failure_mid_record_leaves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    (record,) = records_of(SEED_PAGETEXT)

    def broken(agent: object) -> None:
        raise RuntimeError("authority store failed")

    monkeypatch.setattr("fonds.archive.services.people_for_agents", broken)
    with pytest.raises(RuntimeError):
        document_upsert(record)
    assert Document.objects.count() == 0
    assert DocumentText.objects.count() == 0


def test_renaming_a_person_keeps_the_name_key_in_step() -> None:
    from fonds.authorities.services import person_save_edits

    for record in records_of(SEED_PAGETEXT):
        document_upsert(record)
    person = Person.objects.get(name="Kim Byeong-jik")
    person.name = "KIM Pyŏng-jik"
    person_save_edits(person)
    person.refresh_from_db()
    assert person.name_key == "kim pyong jik"
