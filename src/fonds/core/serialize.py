"""DocumentRecord <-> plain JSON-ready dicts: fonds' own record schema, and the content hash.

Both directions are derived from the record classes' declarations (`records.described`): a dict
has one key per field, named as the field, nested parts as dicts, tuples as lists, enums as
their values. Reading walks the same fields and their type hints to check untrusted JSON; a
field's declared default stands in for a key that is absent or null, and a field declared
`required` must be a non-blank string. Used by the JSON Lines reader and exporter, by the
database's stored archival references, and by the content hash that tells an unchanged
re-ingest from an update.
"""

from __future__ import annotations

import hashlib
import json
import types
from collections.abc import Callable
from dataclasses import MISSING, Field, fields, is_dataclass
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from fonds.core.records import REQUIRED, ArchivalReference, DocumentRecord

T = TypeVar("T")
Reader = Callable[[Any], Any]  # a field's JSON value (never None) -> the field's value


class SchemaError(ValueError):
    """A dict that does not follow the record schema; the message names the field."""


def record_to_dict(record: DocumentRecord) -> dict[str, Any]:
    return cast(dict[str, Any], _plain(record))


def record_to_json(record: DocumentRecord) -> str:
    return json.dumps(record_to_dict(record), ensure_ascii=False, sort_keys=True)


def content_hash(record: DocumentRecord) -> str:
    """A fingerprint of the record's value, telling an unchanged re-ingest from an update: the
    SHA-256 of its canonical JSON (keys sorted, no spaces). A lone surrogate (which JSON allows)
    is hashed as is (`surrogatepass`), so that such a record reaches the database and is refused
    there by name, not here."""
    canonical = json.dumps(
        record_to_dict(record), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def record_from_dict(data: Any) -> DocumentRecord:
    """Build a record from untrusted JSON; raise SchemaError naming the first bad field."""
    return _build(DocumentRecord, _mapping(data, "record"))


def reference_to_dict(reference: ArchivalReference) -> dict[str, Any]:
    return cast(dict[str, Any], _plain(reference))


def reference_from_dict(data: Any) -> ArchivalReference:
    return _build(ArchivalReference, _mapping(data, "archival_reference"))


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """Dataclasses -> dicts (fields in declaration order), tuples -> lists, enums -> their
    values: JSON-ready. (Not `dataclasses.asdict`, which deep-copies every leaf.)"""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(value):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value  # a str subclass, say: json writes it as what it is


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # each record class's, looked up once


def _build(cls: type[T], obj: dict[str, Any]) -> T:
    """An instance of a record class from a JSON object, field by field."""
    return cls(**{name: read(obj.get(name)) for name, read in _readers(cls)})


_READERS: dict[type, tuple[tuple[str, Reader], ...]] = {}  # each record class's, made once


def _readers(cls: type) -> tuple[tuple[str, Reader], ...]:
    """Each field's name and how to read it from JSON (None: absent), from its declaration."""
    readers = _READERS.get(cls)
    if readers is None:
        hints = get_type_hints(cls)
        readers = tuple(
            (f.name, partial(_field_value, f, _reader(f, hints[f.name]))) for f in fields(cls)
        )
        _READERS[cls] = readers
    return readers


def _field_value(f: Field[Any], read: Reader, value: Any) -> Any:
    if value is not None:
        return read(value)
    if f.default is MISSING:
        raise SchemaError(f"field '{f.name}' is required")
    return f.default


def _reader(f: Field[Any], hint: Any) -> Reader:
    """How to read a present value of a field of this type (the types records are made of)."""
    name, origin, arguments = f.name, get_origin(hint), get_args(hint)
    if hint is str:
        return partial(_string, name, bool(f.metadata.get(REQUIRED)))
    if hint is bool:
        return partial(_boolean, name)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return partial(_member, name, hint)
    if origin is tuple and arguments[1:] == (...,):
        item = arguments[0]
        return partial(_strings, name) if item is str else partial(_parts, name, item)
    if origin in (Union, types.UnionType) and len(arguments) == 2 and arguments[1] is type(None):
        return partial(_part, name, arguments[0])
    raise TypeError(f"{name}: no JSON form for {hint!r}")


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(f"{where}: expected an object, got {type(value).__name__}")
    return value


def _string(name: str, required: bool, value: Any) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"field '{name}': expected a string, got {type(value).__name__}")
    if required and not value.strip():
        raise SchemaError(f"field '{name}' is required")
    return value


def _boolean(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise SchemaError(f"field '{name}': expected true or false, got {type(value).__name__}")
    return value


def _member(name: str, enum: type[StrEnum], value: Any) -> StrEnum:
    try:
        return enum(value)
    except (ValueError, TypeError):
        allowed = ", ".join(member.value for member in enum)
        raise SchemaError(f"field '{name}': '{value}' is not one of {allowed}") from None


def _list(name: str, value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise SchemaError(f"field '{name}': expected a list, got {type(value).__name__}")
    return value


def _strings(name: str, value: Any) -> tuple[str, ...]:
    values = _list(name, value)
    if not all(isinstance(v, str) for v in values):
        raise SchemaError(f"field '{name}': expected a list of strings")
    return tuple(values)


def _parts(name: str, cls: type[T], value: Any) -> tuple[T, ...]:
    return tuple(_build(cls, _mapping(item, f"{name}[]")) for item in _list(name, value))


def _part(name: str, cls: type[T], value: Any) -> T:
    return _build(cls, _mapping(value, name))
