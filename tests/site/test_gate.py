"""The visibility gate, channel by channel: a document the public may not see (a draft, or one
embargoed until a later day) shows on no channel to an anonymous viewer: not its title, id,
people, places, collection, topic, language or year, in no list, total, count or facet; and not
while the search index is behind the database either. A curator sees it.

Every channel that shows documents belongs in CHANNELS: a new one (a feed, a sitemap, OAI-PMH,
a citation) is added here with the page or command that serves it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from fonds.archive.models import Document
from fonds.archive.selectors import visible_person, visible_place
from fonds.archive.services import document_save_edits, documents_store
from fonds.archive.visibility import visible_documents
from fonds.authorities.models import Person, Place
from fonds.cli import main
from fonds.core.records import (
    Agent,
    CollectionRef,
    DateSpan,
    DocumentRecord,
    Role,
    Text,
    TextKind,
)
from fonds.core.records import (
    Place as PlaceRef,
)
from fonds.core.search.params import search_request
from fonds.core.visibility import ANONYMOUS, CURATOR, Gate, public_gate
from fonds.search.selectors import search_documents
from fonds.search.services import index_catch_up

pytestmark = pytest.mark.django_db

WORD = "zanzibarite"  # in both documents: every search finds the visible one at least


def record(key: str, year: int, *, person: str, place: str, topic: str, language: str) -> Any:
    return DocumentRecord(
        source_key=f"gate-test:{key}",
        title=f"Telegram {key} about {WORD}",
        date=DateSpan(f"{year}-03-04", f"4 March {year}"),
        summary=f"The {key} summary.",
        texts=(Text(TextKind.TRANSLATION, "English", f"The {WORD} shipment, {key} account."),),
        people=(Agent(person, Role.AUTHOR),),
        places=(PlaceRef(place),),
        topics=(topic,),
        original_languages=(language,),
        collections=(CollectionRef(f"vol-{key}", f"Volume {key}"),),
    )


SHOWN = record(
    "shown", 1965, person="Anna Open", place="Openburg", topic="Trade", language="Russian"
)
HIDDEN = record(
    "hiddenone", 1777, person="Ignatius Quietus", place="Secretville", topic="Cipher",
    language="Latin",
)  # fmt: skip


@dataclass
class Archive:
    shown: Document
    hidden: Document
    hidden_marks: list[str]  # what of the hidden document may never be shown


def hide_as_draft(document: Document) -> None:
    document.status = Document.Status.DRAFT


def hide_until_a_later_day(document: Document) -> None:
    document.embargo_until = date.today() + timedelta(days=2)  # "hidden until a date"


HIDING = {"draft": hide_as_draft, "embargoed": hide_until_a_later_day}


@pytest.fixture(params=[(way, stale) for way in HIDING for stale in (False, True)], ids=str)
def archive(request: pytest.FixtureRequest) -> Archive:
    """Both documents stored and indexed; then one hidden. With `stale`, the index still holds
    it as published (its change is queued, not applied: the tests' transactions never commit,
    so no catch-up runs), as while an ingest holds the index writer."""
    way, stale = request.param
    documents_store([SHOWN, HIDDEN])
    index_catch_up()
    hidden = Document.objects.get(source_key=HIDDEN.source_key)
    HIDING[way](hidden)
    document_save_edits(hidden)
    if not stale:
        index_catch_up()
    marks = [
        hidden.public_id,
        "hiddenone",  # in its title, summary, text, collection key and title
        "Ignatius",
        "Quietus",
        Person.objects.get(name="Ignatius Quietus").public_id,
        "Secretville",
        Place.objects.get(name="Secretville").public_id,
        "Cipher",
        "Latin",
        "1777",
    ]
    shown = Document.objects.get(source_key=SHOWN.source_key)
    return Archive(shown, hidden, marks)


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return str(response.content.decode())


def export(folder: Path, *options: str) -> str:
    """`fonds export` in every format, as one text."""
    out = io.StringIO()
    for fmt in ("jsonl", "csv", "tei", "dc"):
        path = folder / f"export.{fmt}"
        assert main(["export", "--format", fmt, "-o", str(path), *options]) == 0
        out.write(path.read_text(encoding="utf-8"))
    return out.getvalue()


def command_search(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    assert main(["search", *words]) == 0
    return capsys.readouterr().out


def page_urls(archive: Archive) -> dict[str, str]:
    hidden, person = archive.hidden, Person.objects.get(name="Ignatius Quietus").public_id
    place = Place.objects.get(name="Secretville").public_id
    return {
        "home": "/",
        "search page": f"/search?q={WORD}",
        "search page, no query": "/search",
        "search page, its person": f"/search?person={person}",
        "search page, its year": "/search?year=1777",
        "document page": f"/documents/{hidden.public_id}",
        "collections": "/collections",
        "its collection": "/collections/vol-hiddenone",
        "API search": f"/api/documents?q={WORD}",
        "API list": "/api/documents",
        "API, its person": f"/api/documents?person={person}",
        "API document": f"/api/documents/{hidden.public_id}",
        "people": "/people",
        "people, by its letter": "/people?letter=I",
        "people, by its name": "/people?q=Quietus",
        "its person page": f"/people/{person}",
        "organizations": "/organizations",
        "places": "/places",
        "its place page": f"/places/{place}",
        "API people": "/api/people",
        "API people, by its name": "/api/people?q=Ignatius",
        "API person": f"/api/people/{person}",
        "API places": "/api/places",
        "API place": f"/api/places/{place}",
    }


def test_nothing_hidden_shows_to_the_public_on_any_page(client: Client, archive: Archive) -> None:
    for name, url in page_urls(archive).items():
        shown = get(client, url)
        for mark in archive.hidden_marks:
            # what the visitor typed may be shown back to them (a filter they chose)
            assert mark not in shown or mark in url, f"{name} shows {mark!r}"


def test_counts_and_facets_count_only_what_the_public_sees(
    client: Client, archive: Archive
) -> None:
    data = client.get(f"/api/documents?q={WORD}").json()
    assert data["total"] == 1
    assert [r["id"] for r in data["results"]] == [archive.shown.public_id]
    counts = {facet: {c["label"]: c["count"] for c in v} for facet, v in data["facets"].items()}
    assert counts == {
        "people": {"Anna Open": 1},
        "places": {"Openburg": 1},
        "year": {"1965": 1},
        "language": {"Russian": 1},
        "topics": {"Trade": 1},
    }
    assert "1 result" in get(client, f"/search?q={WORD}")
    assert get(client, "/collections").count('<span class="count">') == 1


def test_commands_show_the_public_view_unless_asked_for_drafts(
    archive: Archive, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    public = export(tmp_path) + export(tmp_path, "--query", WORD) + command_search(capsys, WORD)
    for mark in archive.hidden_marks:
        assert mark not in public
    assert public.count(archive.shown.public_id) >= 5  # four formats and the search
    curators = export(tmp_path, "--include-drafts")
    assert archive.hidden.public_id in curators and "Secretville" in curators


def test_people_and_places_known_only_from_hidden_documents_are_not_shown(
    archive: Archive,
) -> None:
    quietus = Person.objects.get(name="Ignatius Quietus").public_id
    secretville = Place.objects.get(name="Secretville").public_id
    assert visible_person(public_gate(), quietus) is None
    assert visible_place(public_gate(), secretville) is None
    assert visible_person(Gate.of(CURATOR), quietus) is not None
    anna = Person.objects.get(name="Anna Open").public_id
    assert visible_person(public_gate(), anna) is not None


def test_a_curator_sees_the_hidden_document(client: Client, archive: Archive) -> None:
    curator = User.objects.create_user("curator", password="x")
    curator.user_permissions.add(Permission.objects.get(codename="view_unpublished"))
    client.force_login(curator)
    page = get(client, f"/documents/{archive.hidden.public_id}")
    assert "Telegram hiddenone" in page
    assert "Not public: Draft" in page or "Embargoed until" in page
    assert "Volume hiddenone" in get(client, "/collections")
    found = client.get("/api/documents?q=hiddenone").json()  # the index holds drafts too
    assert [r["id"] for r in found["results"]] == [archive.hidden.public_id]


def test_a_chapter_holding_only_hidden_documents_is_not_listed(client: Client) -> None:
    chapter = (*SHOWN.collections, CollectionRef("chapter-secret", "Secret chapter"))
    secret = replace(SHOWN, source_key="gate-test:in-chapter", title="Chapter telegram",
                     collections=chapter)  # fmt: skip
    documents_store([SHOWN, secret])
    draft = Document.objects.get(source_key=secret.source_key)
    hide_as_draft(draft)
    document_save_edits(draft)
    volume = get(client, "/collections/vol-shown")
    assert "Secret chapter" not in volume and "Chapter telegram" not in volume
    assert client.get("/collections/chapter-secret").status_code == 404


@pytest.mark.parametrize(("first_public_day", "shown"), [(0, True), (1, False)])
def test_an_embargo_ends_at_the_start_of_its_day_in_the_database_and_the_index(
    first_public_day: int, shown: bool
) -> None:
    documents_store([HIDDEN])
    document = Document.objects.get()
    at = datetime(2030, 6, 1, 0, 0, tzinfo=UTC)  # embargo days are UTC days
    document.embargo_until = at.date() + timedelta(days=first_public_day)
    document_save_edits(document)
    index_catch_up()
    gate = Gate.of(ANONYMOUS, at)
    assert visible_documents(gate).exists() is shown
    found = search_documents(search_request({"q": [WORD]}), gate)
    assert (found.total, len(found.results)) == ((1, 1) if shown else (0, 0))


def test_a_collection_export_shows_the_public_view(archive: Archive, tmp_path: Path) -> None:
    public = export(tmp_path, "--collection", "vol-hiddenone")
    assert all(mark not in public for mark in archive.hidden_marks)
    curators = export(tmp_path, "--collection", "vol-hiddenone", "--include-drafts")
    assert archive.hidden.public_id in curators
