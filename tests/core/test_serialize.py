"""The record schema, derived from the record classes: dict -> record -> dict is the identity for
every record fonds reads; bad dicts name the field; the content hash follows every value."""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterator
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

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
    field_doc,
)
from fonds.core.serialize import (
    SchemaError,
    content_hash,
    record_from_dict,
    record_to_dict,
    record_to_json,
    reference_from_dict,
    reference_to_dict,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
VOLUMES = sorted((SEEDS.parent / "frus" / "volumes").glob("*.xml"))
INPUTS = sorted(
    path
    for folder in ("tei", "jsonl", "csv", "wordhtml")
    for path in (FIXTURES / folder).iterdir()
    if not path.name.endswith((".expected.json", ".md", ".toml"))
)

FULL = DocumentRecord(  # every field of every record class set, each to a value of its own
    source_key="key",
    title="title",
    date=DateSpan("1965-05-21", "May 21, 1965"),
    summary="summary",
    citation="citation",
    source_url="https://example.org/1",
    original_languages=("ru", "ko"),
    texts=(Text(TextKind.ORIGINAL, "en", "body", (Note("1", "note"), Note("2", "n2"))),),
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


def _parts(value: Any) -> Iterator[Any]:
    """Every record-class instance in a record, the record first."""
    if is_dataclass(value):
        yield value
        for f in fields(value):
            yield from _parts(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _parts(item)


def _corpus_records(paths: list[Path]) -> Iterator[DocumentRecord]:
    for path in paths:
        for item in plan(Source(path.name, path.read_bytes())):
            if isinstance(item, Extracted):
                yield item.record


def _round_trip(record: DocumentRecord) -> DocumentRecord:
    return record_from_dict(json.loads(record_to_json(record)))


def test_full_sets_every_field_of_every_record_class_apart_from_its_default() -> None:
    """So that the round trip below covers every field: one added to a record class must be
    set here too."""
    classes = {type(part) for part in _parts(FULL)}
    assert classes == {
        DocumentRecord,
        DateSpan,
        Text,
        Note,
        Agent,
        Place,
        ArchivalReference,
        ArchivalLevel,
        GlossaryEntry,
        CollectionRef,
    }
    for part in _parts(FULL):
        for f in fields(part):
            assert getattr(part, f.name) not in ((), "", None, f.default), f"{f.name} unset"


def test_the_dict_form_has_every_field_of_every_record_class() -> None:
    form = record_to_dict(FULL)
    assert list(form) == [f.name for f in fields(DocumentRecord)]
    assert form["texts"][0]["notes"][0] == {"marker": "1", "body": "note"}
    assert form["people"][0]["role"] == "author" and form["people"][0]["is_organization"] is True
    assert form["archival_reference"]["levels"] == [{"kind": "RG", "value": "59"}]
    assert json.loads(json.dumps(form)) == form  # JSON-ready: nothing but JSON types


def test_a_fully_populated_record_round_trips() -> None:
    assert _round_trip(FULL) == FULL
    assert record_from_dict(record_to_dict(FULL)) == FULL


@pytest.mark.parametrize("path", [*INPUTS, *sorted(SEEDS.glob("*.txt"))], ids=lambda p: p.name)
def test_every_fixture_record_round_trips(path: Path) -> None:
    for record in _corpus_records([path]):
        again = _round_trip(record)
        assert again == record
        assert content_hash(again) == content_hash(record)


def test_every_corpus_volume_record_round_trips() -> None:
    records = list(_corpus_records(VOLUMES))
    assert len(records) > 2000
    for record in records:
        assert _round_trip(record) == record


def test_every_field_is_documented_in_one_line() -> None:
    for part in _parts(FULL):
        for f in fields(part):
            doc = field_doc(type(part), f.name)
            assert doc.strip() and "\n" not in doc, f"{type(part).__name__}.{f.name}"
    assert "EDTF" in field_doc(DateSpan, "edtf")
    with pytest.raises(KeyError):
        field_doc(DocumentRecord, "no_such_field")


def test_the_required_fields_are_the_declared_ones() -> None:
    required = {
        f"{type(part).__name__}.{f.name}"
        for part in _parts(FULL)
        for f in fields(part)
        if f.metadata["required"]
    }
    assert required == {
        "DocumentRecord.source_key",
        "DocumentRecord.title",
        "DateSpan.edtf",
        "Agent.name",
        "Place.name",
        "ArchivalReference.repository",
        "ArchivalLevel.kind",
        "GlossaryEntry.term",
        "CollectionRef.key",
    }


RECORD = {"source_key": "k", "title": "t"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "record: expected an object, got list"),
        ({"title": "x"}, "field 'source_key' is required"),
        ({"source_key": "k", "title": " "}, "field 'title' is required"),
        ({"source_key": "k", "title": 5}, "field 'title': expected a string, got int"),
        (RECORD | {"people": [{"name": "A", "role": "king"}]}, "field 'role': 'king' is not one"),
        (RECORD | {"people": [{"role": "author"}]}, "field 'name' is required"),
        (RECORD | {"people": ["A"]}, "people[]: expected an object, got str"),
        (RECORD | {"people": [{"name": "A", "is_organization": "y"}]}, "'is_organization'"),
        (RECORD | {"people": [{"name": "A", "variants": ["B", 1]}]}, "field 'variants': expected"),
        (RECORD | {"places": [{"name": ""}]}, "field 'name' is required"),
        (RECORD | {"date": {"display": "x"}}, "field 'edtf' is required"),
        (RECORD | {"date": "1965"}, "date: expected an object, got str"),
        (RECORD | {"topics": "one"}, "field 'topics': expected a list, got str"),
        (RECORD | {"texts": [{"kind": "summary"}]}, "field 'kind': 'summary' is not one"),
        (RECORD | {"texts": [{"notes": [1]}]}, "notes[]: expected an object, got int"),
        (RECORD | {"archival_reference": {"levels": []}}, "field 'repository' is required"),
        (
            RECORD | {"archival_reference": {"repository": "X", "levels": [{"value": "5"}]}},
            "field 'kind' is required",
        ),
        (RECORD | {"glossary": [{"expansion": "x"}]}, "field 'term' is required"),
        (RECORD | {"collections": [{"title": "x"}]}, "field 'key' is required"),
    ],
)
def test_schema_errors_name_the_field(data: object, message: str) -> None:
    with pytest.raises(SchemaError) as refused:
        record_from_dict(data)
    assert message in str(refused.value)


def test_absent_and_null_fields_take_their_declared_defaults_and_unknown_keys_are_ignored() -> None:
    data = RECORD | {"date": None, "summary": None, "topics": None, "id": "x", "status": "draft"}
    data |= {"texts": [{"body": "b"}], "people": [{"name": "A"}], "places": [{"name": "P"}]}
    record = record_from_dict(data)
    assert record == DocumentRecord(
        "k",
        "t",
        texts=(Text(TextKind.TRANSLATION, "", "b"),),
        people=(Agent("A", Role.MENTIONED),),
        places=(Place("P", PlaceRole.ASSOCIATED),),
    )


def test_the_content_hash_is_the_sha256_of_the_canonical_json() -> None:
    canonical = json.dumps(
        record_to_dict(FULL), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    assert content_hash(FULL) == hashlib.sha256(canonical.encode()).hexdigest()


@pytest.mark.parametrize("path", sorted((FIXTURES / "tei").glob("*.xml")), ids=lambda p: p.name)
def test_the_content_hash_follows_every_nested_value(path: Path) -> None:
    for record in _corpus_records([path]):
        assert content_hash(_round_trip(record)) == content_hash(record)  # equal, built anew
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


def test_the_content_hash_tells_every_field_of_every_class_apart() -> None:
    """Changing any one field anywhere in a record changes its hash (no field is left out)."""
    base = content_hash(FULL)
    for f in fields(DocumentRecord):
        assert content_hash(replace(FULL, **{f.name: _other(getattr(FULL, f.name))})) != base


def _other(value: Any) -> Any:
    """A value of the same type unlike this one."""
    if isinstance(value, str):
        return value + "!"
    if isinstance(value, tuple):
        return value[:-1]
    return None


def test_the_content_hash_ignores_which_equal_values_are_one_object() -> None:
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


def test_a_lone_surrogate_is_hashed_not_refused() -> None:
    """JSON allows "\\ud800"; the database, not the hash, refuses such a record, by name."""
    record = replace(FULL, title="Kim \ud800")
    assert content_hash(record) != content_hash(FULL)


@pytest.mark.parametrize(
    "path",
    sorted((FIXTURES / "tei").glob("*.xml")) + sorted(SEEDS.glob("*.txt")),
    ids=lambda p: p.name,
)
def test_what_the_reading_process_sends_arrives_equal(path: Path) -> None:
    """Records cross from the reading process as pickles of what `plan_file` gives."""
    planned = list(plan_file(path))
    assert planned, path
    arrived = pickle.loads(pickle.dumps(planned, protocol=pickle.HIGHEST_PROTOCOL))
    assert arrived == planned
    for sent, received in zip(planned, arrived, strict=True):
        assert type(received) is type(sent)
        if isinstance(sent, Planned) and isinstance(sent.item, Extracted):
            assert received.digest == content_hash(sent.item.record)


def test_an_archival_reference_as_a_dict_is_the_records_own() -> None:
    references = {r.archival_reference for r in _corpus_records(VOLUMES[-3:])}
    references.discard(None)
    assert len(references) > 100 and any(r.levels for r in references if r)
    for reference in references:
        assert reference is not None
        as_dict = reference_to_dict(reference)
        record = record_to_dict(replace(FULL, archival_reference=reference))
        assert list(as_dict.items()) == list(record["archival_reference"].items())
        assert reference_from_dict(as_dict) == reference
    with pytest.raises(SchemaError, match="field 'repository' is required"):
        reference_from_dict({"levels": []})
