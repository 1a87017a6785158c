"""Every field of the record schema reaches the database and comes back (the ORM conversion),
the API's document schema has every public field, with its declared description, and the CSV
export accounts for every field: adding a field to `DocumentRecord` fails here until each of
them has it."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from tests.core.test_serialize import FULL

from fonds.archive.convert import document_to_record
from fonds.archive.models import Document
from fonds.archive.selectors import with_relations
from fonds.archive.services import document_upsert
from fonds.core.export.csvtable import CELLS, COLUMN_OF_FIELD, COLUMNS, SPECIAL_COLUMNS
from fonds.core.records import (
    Agent,
    ArchivalLevel,
    ArchivalReference,
    CollectionRef,
    DateSpan,
    DocumentRecord,
    GlossaryEntry,
    Note,
    Place,
    Text,
    field_doc,
)
from fonds.site.schemas import INTERNAL_FIELDS, DocumentOut, part_schema

pytestmark = pytest.mark.django_db


def test_every_field_is_stored_and_read_back() -> None:
    document, _ = document_upsert(FULL)
    stored = document_to_record(with_relations(Document.objects.filter(pk=document.pk)).get())
    # a place is an authority of its own: the source's id for it stays with the source
    expected = replace(FULL, places=tuple(replace(p, authority_key="") for p in FULL.places))
    assert stored == expected


def test_the_api_document_has_every_public_field_described_as_declared() -> None:
    public = [f.name for f in fields(DocumentRecord) if f.name not in INTERNAL_FIELDS]
    assert set(DocumentOut.model_fields) == {"id", "url", *public}
    for name in public:
        assert DocumentOut.model_fields[name].description == field_doc(DocumentRecord, name)


@pytest.mark.parametrize(
    ("record_class", "left_out"),
    [
        (DateSpan, set()),
        (Text, set()),
        (Note, set()),
        (Agent, {"authority_key", "is_organization"}),  # the authority record's, not the link's
        (Place, {"authority_key"}),
        (ArchivalLevel, set()),
        (ArchivalReference, set()),
        (GlossaryEntry, set()),
        (CollectionRef, set()),
    ],
)
def test_the_api_shows_every_field_of_each_part(record_class: type, left_out: set[str]) -> None:
    schema = part_schema(record_class)
    declared = {f.name for f in fields(record_class)} - left_out
    assert set(schema.model_fields) == declared
    for name in declared:
        assert schema.model_fields[name].description == field_doc(record_class, name)


def test_the_csv_export_accounts_for_every_field() -> None:
    assert set(COLUMN_OF_FIELD) == {f.name for f in fields(DocumentRecord)}
    assert set(SPECIAL_COLUMNS) <= set(COLUMN_OF_FIELD)  # no column for a field that went
    row = dict(zip(COLUMNS[1:], (cell(FULL) for _, cell in CELLS), strict=True))
    assert row["source_note"] == FULL.source_note and row["credits"] == "credit"
    assert row["date"] == "1965-05-21" and COLUMNS[-1] == "text"
