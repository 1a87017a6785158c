"""DocumentRecord <-> plain JSON-ready dicts: fonds' own record schema.

Used by the JSON Lines reader and exporter and by the content hash that tells an unchanged
re-ingest from an update. Keys are emitted in a fixed order so equal records serialize to equal
bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from enum import StrEnum
from itertools import starmap
from typing import Any, cast

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
    PlaceRole,
    Role,
    Text,
    TextKind,
)


class SchemaError(ValueError):
    """A dict that does not follow the record schema; the message names the field."""


def record_to_dict(record: DocumentRecord) -> dict[str, Any]:
    return cast(dict[str, Any], _plain(record))


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses -> dicts, tuples -> lists, enums -> their values: JSON-ready. (Not
    dataclasses.asdict, which deep-copies every leaf; and each dataclass's field names are
    looked up once: every ingested record is serialized for its content hash.)"""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.setdefault(kind, tuple(f.name for f in fields(value)))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


def record_to_json(record: DocumentRecord) -> str:
    return json.dumps(record_to_dict(record), ensure_ascii=False, sort_keys=True)


def record_bytes(record: DocumentRecord) -> bytes:
    """The record as nested tuples of strings, booleans and None (`record_to_tuple`), pickled
    (protocol 5) in fast mode, i.e. without the memo, so that the bytes depend on the record's
    value alone, never on which equal strings happen to be one object: equal records, equal
    bytes. The reading process sends these bytes across and hashes them, so a record is
    pickled once for both; with no class in them, they pickle and unpickle at C speed and
    unpickling can construct nothing but tuples and strings."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: value-only output (tuples hold no cycles)
    pickler.dump(record_to_tuple(record))
    return buffer.getvalue()


def record_from_bytes(data: bytes) -> DocumentRecord:
    """The record `record_bytes` gave; UnpicklingError if the bytes name any class."""
    return record_from_tuple(_PlainUnpickler(io.BytesIO(data)).load())


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}: a record's bytes hold no classes")


def record_to_tuple(r: DocumentRecord) -> tuple[Any, ...]:
    """Every field of the record in declaration order, nested records as tuples of their
    fields, enums as their values. Lossless: `record_from_tuple` gives the record back."""
    date, ref = r.date, r.archival_reference
    return (
        r.source_key,
        r.title,
        None if date is None else (date.edtf, date.display),
        r.summary,
        r.citation,
        r.source_url,
        r.original_languages,
        tuple(
            (t.kind.value, t.language, t.body, tuple((n.marker, n.body) for n in t.notes))
            for t in r.texts
        ),
        tuple(
            (a.name, a.role.value, a.description, a.variants, a.authority_key, a.is_organization)
            for a in r.people
        ),
        tuple((p.name, p.role.value, p.authority_key) for p in r.places),
        r.topics,
        None
        if ref is None
        else (
            ref.repository,
            tuple((level.kind, level.value) for level in ref.levels),
            ref.text,
            ref.repository_name,
        ),
        r.credits,
        r.rights,
        r.source,
        r.original_archive,
        r.source_note,
        r.classification,
        r.precedence,
        tuple((g.term, g.expansion) for g in r.glossary),
        tuple((c.key, c.title) for c in r.collections),
        r.number,
        r.source_format,
    )


_ROLES = {role.value: role for role in Role}
_PLACE_ROLES = {role.value: role for role in PlaceRole}
_TEXT_KINDS = {kind.value: kind for kind in TextKind}


def record_from_tuple(t: tuple[Any, ...]) -> DocumentRecord:
    """The record `record_to_tuple` gave (positional: the fields in declaration order). Built
    with `starmap` and list comprehensions, and nothing built for an empty part: the storing
    process takes back every record read, so this is on ingest's path."""
    (key, title, date, summary, citation, url, languages, texts, people, places, topics) = t[:11]
    (reference, credits, rights, source, archive, note, classification, precedence) = t[11:19]
    (glossary, collections, number, source_format) = t[19:]
    return DocumentRecord(
        key,
        title,
        None if date is None else DateSpan(*date),
        summary,
        citation,
        url,
        languages,
        tuple(
            [
                Text(
                    _TEXT_KINDS[kind], language, body, tuple(starmap(Note, notes)) if notes else ()
                )
                for kind, language, body, notes in texts
            ]
        ),
        tuple(
            [
                Agent(name, _ROLES[role], description, variants, authority, organization)
                for name, role, description, variants, authority, organization in people
            ]
        )
        if people
        else (),
        tuple([Place(name, _PLACE_ROLES[role], key) for name, role, key in places])
        if places
        else (),
        topics,
        None if reference is None else _reference_from_tuple(reference),
        credits,
        rights,
        source,
        archive,
        note,
        classification,
        precedence,
        tuple(starmap(GlossaryEntry, glossary)) if glossary else (),
        tuple(starmap(CollectionRef, collections)) if collections else (),
        number,
        source_format,
    )


def _reference_from_tuple(reference: tuple[Any, ...]) -> ArchivalReference:
    repository, levels, text, name = reference
    return ArchivalReference(repository, tuple(starmap(ArchivalLevel, levels)), text, name)


def _dataclass_pickle_hash(record: DocumentRecord) -> str:
    """The fingerprint fonds took for a while (the record's own classes pickled in fast mode):
    recognised, like the others in `earlier_content_hashes`."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(record)
    return digest_of(buffer.getvalue())


def content_hash(record: DocumentRecord) -> str:
    """A fingerprint of the record's value, telling an unchanged re-ingest from an update."""
    return digest_of(record_bytes(record))


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def earlier_content_hashes(record: DocumentRecord) -> Iterator[str]:
    """The fingerprints earlier versions of fonds stored, newest first, so that a database
    written by one still sees an unchanged record as unchanged: SHA-256 of the record's own
    classes pickled, of its repr, then of its JSON."""
    yield _dataclass_pickle_hash(record)
    yield hashlib.sha256(repr(record).encode("utf-8", "surrogatepass")).hexdigest()
    yield hashlib.sha256(record_to_json(record).encode("utf-8")).hexdigest()


def record_from_dict(data: Any) -> DocumentRecord:
    """Build a record from untrusted JSON; raise SchemaError naming the first bad field."""
    obj = _mapping(data, "record")
    date = obj.get("date")
    reference = obj.get("archival_reference")
    return DocumentRecord(
        source_key=_text(obj, "source_key", required=True),
        title=_text(obj, "title", required=True),
        date=None if date is None else _date(date),
        summary=_text(obj, "summary"),
        citation=_text(obj, "citation"),
        source_url=_text(obj, "source_url"),
        original_languages=_strings(obj, "original_languages"),
        texts=tuple(_text_body(t) for t in _list(obj, "texts")),
        people=tuple(_agent(a) for a in _list(obj, "people")),
        places=tuple(_place(p) for p in _list(obj, "places")),
        topics=_strings(obj, "topics"),
        archival_reference=None if reference is None else _reference(reference),
        credits=_strings(obj, "credits"),
        rights=_text(obj, "rights"),
        source=_text(obj, "source"),
        original_archive=_text(obj, "original_archive"),
        source_note=_text(obj, "source_note"),
        classification=_text(obj, "classification"),
        precedence=_text(obj, "precedence"),
        glossary=tuple(
            GlossaryEntry(_text(g, "term", True), _text(g, "expansion"))
            for g in _list(obj, "glossary")
        ),
        collections=tuple(
            CollectionRef(_text(c, "key", True), _text(c, "title"))
            for c in _list(obj, "collections")
        ),
        number=_text(obj, "number"),
        source_format=_text(obj, "source_format"),
    )


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(f"{where}: expected an object, got {type(value).__name__}")
    return value


def _text(obj: Any, key: str, required: bool = False) -> str:
    obj = _mapping(obj, key)
    value = obj.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise SchemaError(f"field '{key}': expected a string, got {type(value).__name__}")
    if required and not value.strip():
        raise SchemaError(f"field '{key}' is required")
    return value


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key) or []
    if not isinstance(value, list):
        raise SchemaError(f"field '{key}': expected a list, got {type(value).__name__}")
    return value


def _strings(obj: dict[str, Any], key: str) -> tuple[str, ...]:
    values = _list(obj, key)
    if not all(isinstance(v, str) for v in values):
        raise SchemaError(f"field '{key}': expected a list of strings")
    return tuple(values)


def _enum(
    obj: dict[str, Any], key: str, enum: type[Role] | type[PlaceRole] | type[TextKind], default: str
) -> Any:
    value = obj.get(key, default)
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise SchemaError(f"field '{key}': '{value}' is not one of {allowed}") from None


def _date(value: Any) -> DateSpan:
    obj = _mapping(value, "date")
    return DateSpan(edtf=_text(obj, "edtf", True), display=_text(obj, "display"))


def _agent(value: Any) -> Agent:
    obj = _mapping(value, "people[]")
    return Agent(
        name=_text(obj, "name", True),
        role=_enum(obj, "role", Role, Role.MENTIONED.value),
        description=_text(obj, "description"),
        variants=_strings(obj, "variants"),
        authority_key=_text(obj, "authority_key"),
        is_organization=bool(obj.get("is_organization", False)),
    )


def _place(value: Any) -> Place:
    obj = _mapping(value, "places[]")
    return Place(
        name=_text(obj, "name", True),
        role=_enum(obj, "role", PlaceRole, PlaceRole.ASSOCIATED.value),
        authority_key=_text(obj, "authority_key"),
    )


def _text_body(value: Any) -> Text:
    obj = _mapping(value, "texts[]")
    return Text(
        kind=_enum(obj, "kind", TextKind, TextKind.TRANSLATION.value),
        language=_text(obj, "language"),
        body=_text(obj, "body"),
        notes=tuple(Note(_text(n, "marker"), _text(n, "body")) for n in _list(obj, "notes")),
    )


def _reference(value: Any) -> ArchivalReference:
    obj = _mapping(value, "archival_reference")
    return ArchivalReference(
        repository=_text(obj, "repository", True),
        levels=tuple(
            ArchivalLevel(_text(lv, "kind", True), _text(lv, "value"))
            for lv in _list(obj, "levels")
        ),
        text=_text(obj, "text"),
        repository_name=_text(obj, "repository_name"),
    )


def reference_to_dict(reference: ArchivalReference) -> dict[str, Any]:
    """As `_plain` gives it (fields in order), spelled out: every ingested document has one."""
    return {
        "repository": reference.repository,
        "levels": [{"kind": level.kind, "value": level.value} for level in reference.levels],
        "text": reference.text,
        "repository_name": reference.repository_name,
    }


def reference_from_dict(data: Any) -> ArchivalReference:
    return _reference(data)
