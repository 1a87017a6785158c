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
from fonds.core.export.csvtable import COLUMN_OF_FIELD
from fonds.core.records import DocumentRecord, field_doc
from fonds.site.schemas import INTERNAL_FIELDS, DocumentOut

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


def test_the_csv_export_accounts_for_every_field() -> None:
    assert set(COLUMN_OF_FIELD) == {f.name for f in fields(DocumentRecord)}
