"""Volumes and chapters as collections: browse a FRUS volume in the editors' order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from lxml import etree
from tests.helpers import records_of

from fonds.archive.services import document_upsert
from fonds.search.services import index_catch_up

VOLUME = Path(__file__).resolve().parents[3] / "shared/corpus/frus/volumes/frus1964-68v26.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"

pytestmark = pytest.mark.django_db


@pytest.fixture
def volume() -> etree._Element:
    return etree.parse(str(VOLUME)).getroot()


@pytest.fixture
def ingested() -> None:
    for record in records_of(VOLUME):
        document_upsert(record)
    index_catch_up()


def _chapters_in_file(volume: etree._Element, parent_id: str) -> list[str]:
    parent = volume.find(f".//{TEI}div[@{{http://www.w3.org/XML/1998/namespace}}id='{parent_id}']")
    assert parent is not None
    return [
        " ".join("".join(child.find(f"{TEI}head").itertext()).split())
        for child in parent.findall(f"{TEI}div")
        if child.get("type") in ("chapter", "compilation", "subchapter")
    ]


def test_volume_chapters_in_the_editors_order(
    client: Client, ingested: None, volume: etree._Element
) -> None:
    page = client.get("/collections/frus1964-68v26/comp1").content.decode()
    shown = re.findall(r'<li><a href="/collections/frus1964-68v26/ch\d+">([^<]+)</a></li>', page)
    expected = [t.replace("'", "&#x27;") for t in _chapters_in_file(volume, "comp1")]
    assert shown == expected and len(shown) >= 2


def test_chapter_lists_its_documents_by_number(
    client: Client, ingested: None, volume: etree._Element
) -> None:
    page = client.get("/collections/frus1964-68v26/ch1").content.decode()
    numbers = [int(n) for n in re.findall(r'<span class="number">(\d+)\.</span>', page)]
    chapter = volume.find(f".//{TEI}div[@{{http://www.w3.org/XML/1998/namespace}}id='ch1']")
    in_file = [int(d.get("n")) for d in chapter.iter(f"{TEI}div") if d.get("type") == "document"]
    assert numbers == sorted(in_file) and numbers


def test_collections_index_and_document_path(client: Client, ingested: None) -> None:
    index = client.get("/collections").content.decode()
    assert "Volume XXVI, Indonesia" in index
    assert "374 documents" in index
    page = client.get("/search?q=Sukarno").content.decode()
    link = re.search(r'href="(/documents/\w+)"', page)
    assert link is not None
    document = client.get(link.group(1)).content.decode()
    assert 'href="/collections/frus1964-68v26"' in document
    assert re.search(r", document \d+</dd>", document)


def test_unknown_collection_is_404(client: Client) -> None:
    assert client.get("/collections/nope").status_code == 404


def test_footnote_references_link_to_their_notes(client: Client, ingested: None) -> None:
    from fonds.archive.models import DocumentText

    text = DocumentText.objects.exclude(notes=[]).select_related("document").first()
    assert text is not None
    marker = text.notes[0]["marker"]
    assert f"[{marker}]" in text.body
    page = client.get(f"/documents/{text.document.public_id}").content.decode()
    assert f'href="#note-{text.position}-{marker}"' in page
    assert f'id="note-{text.position}-{marker}"' in page
    assert "ed-supplied" not in page.split(f'href="#note-{text.position}-{marker}"')[0][-200:]
