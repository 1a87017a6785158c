"""Bulk inserts for ingest: many rows of one model in one `executemany`, without building model
instances (Django's `bulk_create` spends most of its time constructing and inspecting them);
and the lookups ingest makes by a batch's worth of keys, without the ORM preparing every key
of an `__in` list one by one.

Values are prepared by each field's own `get_db_prep_save`, so JSON, dates and booleans reach
SQLite and PostgreSQL exactly as the ORM would write them. No model signals are sent: callers
say what they wrote themselves, in the same transaction (`archive.signals.documents_written`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

from fonds.core.identifiers import public_id_for


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    skip_conflicts: bool = False,
) -> int:
    """Insert `rows` (values in the order of `columns`, which name model fields); returns how
    many were given. Fields not named take no value from here: they must have a database
    default or be nullable, so name every required field. With `skip_conflicts`, a row that
    would break a unique constraint is left out (ON CONFLICT DO NOTHING: SQLite 3.24+,
    PostgreSQL 9.5+), for rows another transaction may be writing at the same time."""
    fields = [model._meta.get_field(name) for name in columns]
    prepared = _prepared(fields, rows)
    if not prepared:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(field.column) for field in fields)  # type: ignore[union-attr]
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        conflicts = " ON CONFLICT DO NOTHING" if skip_conflicts else ""
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){conflicts}", prepared)
    return len(prepared)


def _prepared(fields: Sequence[Any], rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """The rows' values as the driver takes them, each converted as its field's
    `get_db_prep_save` would (a trailing value without a field, a pk, passes as it is)."""
    converters = [(i, convert) for i, field in enumerate(fields) if (convert := _converter(field))]
    prepared = []
    for row in rows:
        values = list(row)
        for index, convert in converters:
            values[index] = convert(values[index])
        prepared.append(values)
    return prepared


def _converter(field: Any) -> Callable[[Any], Any] | None:
    """How a field's Python value becomes a driver value: the database backend's own adapters,
    as `get_db_prep_save` would call them. Text, integer and foreign-key values (ingest passes
    str and int) need none."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        if connection.vendor == "sqlite" and encoder is None:
            return _sqlite_json  # what adapt_json_value does there, without its per-call setup
        return lambda value: None if value is None else ops.adapt_json_value(value, encoder)
    if isinstance(field, models.DateTimeField):
        return _last_remembered(ops.adapt_datetimefield_value)  # one timestamp for a batch
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.TimeField | models.DecimalField | models.BinaryField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


_ENCODE_JSON = json.JSONEncoder().encode  # json.dumps's defaults, as Django's SQLite adapter


def _sqlite_json(value: Any) -> str | None:
    if value is None:
        return None
    if not value and isinstance(value, list):
        return "[]"  # most link variants and note lists: skip the encoder
    return _ENCODE_JSON(value)


def _last_remembered(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, skipped when given the very object it converted last."""
    last: list[Any] = [object(), None]

    def converted(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return converted


IN_CHUNK = 500  # values per IN (...) list: well under every backend's limit on parameters


def rows_where_in(
    model: type[models.Model],
    columns: Sequence[str],
    field: str,
    values: Iterable[str | int],
    *,
    also: tuple[str, str | int] | None = None,
) -> list[tuple[Any, ...]]:
    """The `columns` (field names) of every row whose `field` is one of `values` and, given
    `also` = (field, value), whose field also equals that value; in primary-key order when
    `columns` include "pk". For fields whose values need no conversion (text, integers,
    foreign keys), as ingest's lookups by a batch's keys are."""
    wanted = list(dict.fromkeys(values))
    meta = model._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.pk.column if name == "pk" else meta.get_field(name).column)  # type: ignore[union-attr]

    select = f"SELECT {', '.join(map(column, columns))} FROM {quote(meta.db_table)} WHERE "
    rest, extra = "", []
    if also is not None:
        rest, extra = f" AND {column(also[0])} = %s", [also[1]]
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), IN_CHUNK):
            chunk = wanted[start : start + IN_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{select}{column(field)} IN ({marks}){rest}", [*chunk, *extra])
            rows.extend(tuple(row) for row in cursor.fetchall())
    if "pk" in columns:
        rows.sort(key=lambda row: row[list(columns).index("pk")])
    return rows


def free_public_ids(model: type[models.Model], identities: Sequence[str]) -> list[str]:
    """A public id for each identity (`core.identifiers.public_id_for`), free in the model's
    table and not taken by an earlier identity of the list: one query unless ids collide."""
    candidates = [public_id_for(identity) for identity in identities]
    taken = {row[0] for row in rows_where_in(model, ("public_id",), "public_id", candidates)}
    chosen = []
    for identity, first in zip(identities, candidates, strict=True):
        candidate, attempt = first, 0
        while candidate in taken or (attempt and _id_taken(model, candidate)):
            attempt += 1
            if attempt > 100:  # 100 collisions of 50-bit hashes: something else is wrong
                raise RuntimeError(f"no free public id for {identity!r}")
            candidate = public_id_for(identity, attempt)
        taken.add(candidate)
        chosen.append(candidate)
    return chosen


def _id_taken(model: type[models.Model], public_id: str) -> bool:
    return bool(model._default_manager.filter(public_id=public_id).exists())


def update_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Set `columns` (field names) of rows by primary key: each row is the values in the
    order of `columns`, then the pk; one `executemany` (Django's bulk_update builds a CASE
    expression per column, several times slower)."""
    fields = [model._meta.get_field(name) for name in columns]
    prepared = _prepared(fields, rows)
    if not prepared:
        return 0
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(field.column)} = %s" for field in fields)  # type: ignore[union-attr]
    key = quote(model._meta.pk.column)  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {key} = %s", prepared
        )
    return len(prepared)
