"""Records survive JSON: dict -> record -> dict is the identity; bad dicts name the field."""

from __future__ import annotations

import json
import pickle
from dataclasses import fields, replace
from pathlib import Path

import pytest

from fonds.core.pipeline import Planned, plan, plan_file
from fonds.core.records import (
    Agent,
    ArchivalLevel,
    ArchivalReference,
    CollectionRef,
    DateSpan,
    DocumentRecord,
    Extracted,
    GlossaryEntry,
    Note,
    Place,
    PlaceRole,
    Role,
    Source,
    Text,
    TextKind,
)
from fonds.core.serialize import (
    SchemaError,
    _plain,
    content_hash,
    record_bytes,
    record_from_bytes,
    record_from_dict,
    record_from_tuple,
    record_to_json,
    record_to_tuple,
    reference_from_dict,
    reference_to_dict,
)

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
VOLUMES = sorted((SEEDS.parent / "frus" / "volumes").glob("*.xml"))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_round_trip(path: Path) -> None:
    (item,) = plan(Source(path.name, path.read_bytes()))
    assert isinstance(item, Extracted)
    again = record_from_dict(json.loads(record_to_json(item.record)))
    assert again == item.record
    assert content_hash(again) == content_hash(item.record)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ([], "record"),
        ({"title": "x"}, "source_key"),
        ({"source_key": "k", "title": 5}, "title"),
        ({"source_key": "k", "title": "t", "people": [{"name": "A", "role": "king"}]}, "role"),
        ({"source_key": "k", "title": "t", "date": {"display": "x"}}, "edtf"),
        ({"source_key": "k", "title": "t", "topics": "one"}, "topics"),
    ],
)
def test_schema_errors_name_the_field(data: object, field: str) -> None:
    with pytest.raises(SchemaError, match=field):
        record_from_dict(data)


TEI_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tei"


@pytest.mark.parametrize(
    "path", sorted(TEI_FIXTURES.glob("*.xml")) + sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name
)
def test_what_the_reading_process_sends_arrives_equal(path: Path) -> None:
    """Records cross from the reading process by pickle (`pickled_by_fields`)."""
    planned = list(plan_file(path))
    assert planned, path
    arrived = pickle.loads(pickle.dumps(planned, protocol=pickle.HIGHEST_PROTOCOL))
    assert arrived == planned
    for sent, received in zip(planned, arrived, strict=True):
        assert type(received) is type(sent)
        if isinstance(sent, Planned) and isinstance(sent.item, Extracted):
            assert isinstance(received.item, Extracted)
            assert received.item.record.people == sent.item.record.people
            assert received.digest == content_hash(sent.item.record)


@pytest.mark.parametrize("path", sorted(TEI_FIXTURES.glob("*.xml")), ids=lambda p: p.name)
def test_the_content_hash_follows_every_nested_value(path: Path) -> None:
    items = plan(Source(path.name, path.read_bytes()))
    for record in [item.record for item in items if isinstance(item, Extracted)]:
        rebuilt = record_from_dict(json.loads(record_to_json(record)))  # equal, built anew
        assert content_hash(rebuilt) == content_hash(record)
        variants = [replace(record, title=record.title + " ")]
        if record.people:
            first = record.people[0]
            other = Role.MENTIONED if first.role is not Role.MENTIONED else Role.AUTHOR
            people = (replace(first, role=other), *record.people[1:])
            variants.append(replace(record, people=people))
        if record.texts and record.texts[0].notes:
            text = record.texts[0]
            note = replace(text.notes[0], body=text.notes[0].body + ".")
            changed = replace(text, notes=(note, *text.notes[1:]))
            variants.append(replace(record, texts=(changed, *record.texts[1:])))
        hashes = {content_hash(v) for v in variants} | {content_hash(record)}
        assert len(hashes) == len(variants) + 1


def test_the_content_hash_ignores_which_equal_values_are_one_object() -> None:
    """Pickle shares an object met twice (its memo); the hash must depend on values only."""
    text = "Memorandum of Conversation"
    shared = DocumentRecord(source_key="k", title=text, summary=text, topics=(text, text))
    apart = DocumentRecord(
        source_key="k",
        title="".join(["Memorandum ", "of Conversation"]),
        summary="".join(["Memorandum of ", "Conversation"]),
        topics=(text[:10] + text[10:], "".join([text[:3], text[3:]])),
    )
    assert shared.title is shared.summary and apart.title is not apart.summary
    assert content_hash(shared) == content_hash(apart)
    assert record_bytes(shared) == record_bytes(apart)
    assert record_from_bytes(record_bytes(shared)) == shared


def test_record_bytes_can_build_nothing_but_a_record() -> None:
    """What crosses from the reading process holds plain values only: bytes naming any class
    (here a path, an enum member) are refused."""
    for hostile in (Path("/etc/passwd"), Role.AUTHOR):
        with pytest.raises(pickle.UnpicklingError, match="hold no classes"):
            record_from_bytes(pickle.dumps(hostile))


FULL = DocumentRecord(  # every field set, each to a value of its own
    source_key="key",
    title="title",
    date=DateSpan("1965-05-21", "May 21, 1965"),
    summary="summary",
    citation="citation",
    source_url="https://example.org/1",
    original_languages=("ru", "ko"),
    texts=(Text(TextKind.TRANSLATION, "en", "body", (Note("1", "note"), Note("2", "n2"))),),
    people=(Agent("Kim", Role.AUTHOR, "envoy", ("Kim B.",), "#p1", True),),
    places=(Place("Moscow", PlaceRole.WRITTEN, "#pl1"),),
    topics=("topic",),
    archival_reference=ArchivalReference("NARA", (ArchivalLevel("RG", "59"),), "text", "name"),
    credits=("credit",),
    rights="rights",
    source="source",
    original_archive="archive",
    source_note="note",
    classification="Secret",
    precedence="Immediate",
    glossary=(GlossaryEntry("MFA", "Ministry"),),
    collections=(CollectionRef("vol", "Volume"), CollectionRef("vol/ch", "Chapter")),
    number="12",
    source_format="tei",
)


def test_the_tuple_form_has_every_field_of_every_record_class() -> None:
    """A field added to a record class must be added to `record_to_tuple` too."""
    form = record_to_tuple(FULL)
    assert len(form) == len(fields(DocumentRecord))
    assert len(form[7][0]) == len(fields(Text)) and len(form[7][0][3][0]) == len(fields(Note))
    assert len(form[8][0]) == len(fields(Agent)) and len(form[9][0]) == len(fields(Place))
    assert len(form[11]) == len(fields(ArchivalReference))
    assert len(form[11][1][0]) == len(fields(ArchivalLevel))
    assert len(form[19][0]) == len(fields(GlossaryEntry))
    assert len(form[20][0]) == len(fields(CollectionRef)) and len(form[2]) == len(fields(DateSpan))
    assert all(value not in ((), "", None) for value in form)
    assert record_from_tuple(form) == FULL
    assert record_from_bytes(record_bytes(FULL)) == FULL


@pytest.mark.parametrize(
    "path",
    [*sorted(TEI_FIXTURES.glob("*.xml")), *sorted(SEEDS.glob("*.txt")), *VOLUMES],
    ids=lambda p: p.name,
)
def test_every_corpus_record_crosses_unchanged(path: Path) -> None:
    for item in plan(Source(path.name, path.read_bytes())):
        if isinstance(item, Extracted):
            assert record_from_bytes(record_bytes(item.record)) == item.record


def test_an_archival_reference_as_a_dict_has_every_field_in_order() -> None:
    volume = SEEDS.parent / "frus" / "volumes" / "frus1964-68v26.xml"
    items = plan(Source(volume.name, volume.read_bytes()))
    references = [
        item.record.archival_reference
        for item in items
        if isinstance(item, Extracted) and item.record.archival_reference
    ]
    assert len(references) > 100
    assert any(reference.levels for reference in references)
    for reference in references:
        assert list(reference_to_dict(reference).items()) == list(_plain(reference).items())
        assert reference_from_dict(reference_to_dict(reference)) == reference
