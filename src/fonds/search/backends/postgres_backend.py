"""The in-database backend: PostgreSQL full-text search (tsvector + GIN), for deployments where
several web servers share one database and no index folder.

Same contract as tantivy (tests/search/test_contract.py runs against both). Queries are built
from the parsed tree with every word passed as a bound parameter, so user text never reaches the
SQL or the tsquery syntax. Weights mirror tantivy's boosts: title A, names B, summary C, body D.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connection, transaction

from fonds.core.search.contract import (
    FacetCount,
    Hit,
    IndexDocument,
    SearchRequest,
    SearchResponse,
    Snippet,
)
from fonds.core.search.facets import FACET_NAMES, LABELLED, facet_size, value_and_label
from fonds.core.search.query import AnyOf, Clause, InField, Not, Phrase, Prefix, Query, Term
from fonds.core.visibility import Gate, Status
from fonds.search.backends.base import IndexBusy

TABLE = "fonds_search_pgentry"
MOST_VALUES = 300  # no facet lists more values than this (facets.facet_size)
START, STOP = "\x02", "\x03"  # ts_headline markers: never present in stored text

# The weight each field's words carry in the vector (VECTOR_SQL: title, names, summary, body)
WEIGHTS = {"title": "A", "names": "B", "summary": "C", "body": "D"}
VECTOR_SQL = (
    "setweight(to_tsvector('english', %s), 'A') || setweight(to_tsvector('english', %s), 'B')"
    " || setweight(to_tsvector('english', %s), 'C') || setweight(to_tsvector('english', %s), 'D')"
)


INSERT = (
    f"INSERT INTO {TABLE} (document_pk, public_id, title, summary, body, facets, date_start,"
    " date_end, status, embargo_until, vector)"
    f" VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, {VECTOR_SQL})"
)


def _chunks(documents: Iterable[IndexDocument], size: int) -> Iterator[list[IndexDocument]]:
    chunk: list[IndexDocument] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Sql:
    """A SQL fragment and its parameters."""

    def __init__(self, text: str, params: Sequence[Any] = ()) -> None:
        self.text, self.params = text, list(params)


class _Session:
    def __init__(self, backend: PostgresBackend) -> None:
        self.backend = backend

    def remove(self, pks: Collection[int]) -> None:
        self.backend.apply(remove_pks=pks, add=())

    def replace(self, documents: Sequence[IndexDocument]) -> None:
        self.backend.apply(remove_pks=(), add=documents)

    def commit(self) -> None:
        return None  # every replace has committed already


WRITER_LOCK = 0x666F6E6473  # the advisory lock key of index writers ("fonds")


def _wait_for_lock(patience: float) -> bool:
    deadline = time.monotonic() + patience
    pause = 0.05
    while True:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [WRITER_LOCK])
            if cursor.fetchone()[0]:
                return True
        if time.monotonic() + pause > deadline:
            return False
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def _unlock() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [WRITER_LOCK])
    except DatabaseError:  # an aborted transaction: the lock ends with the connection
        pass


class PostgresBackend:
    name = "postgres"

    def apply(self, remove_pks: Collection[int], add: Iterable[IndexDocument]) -> None:
        with transaction.atomic():
            with connection.cursor() as cursor:
                removed = [int(pk) for pk in remove_pks]
                if removed:
                    cursor.execute(f"DELETE FROM {TABLE} WHERE document_pk = ANY(%s)", [removed])
            for chunk in _chunks(add, 200):
                with connection.cursor() as cursor:
                    fresh = [doc.pk for doc in chunk]
                    cursor.execute(f"DELETE FROM {TABLE} WHERE document_pk = ANY(%s)", [fresh])
                    cursor.executemany(INSERT, [_row(doc) for doc in chunk])

    held = False  # whether this process has a writing session open

    @contextmanager
    def session(self, patience: float = 0.0) -> Iterator[_Session]:
        """One writer at a time, as with an embedded index: an advisory lock (PostgreSQL §13.3.5)
        held for the session, so that two catch-ups never interleave their reads and writes (a
        late writer would put back an entry the other had just corrected). Each remove and
        replace is its own small transaction."""
        if self.held or not _wait_for_lock(patience):
            raise IndexBusy("the search index is being written by another process")
        self.held = True
        try:
            yield _Session(self)
        finally:
            self.held = False
            _unlock()

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return int(cursor.fetchone()[0])

    def search(self, request: SearchRequest) -> SearchResponse:
        text_query = _tsquery(request.query)
        where = _where(request, text_query)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {where.text}", where.params)
            total = int(cursor.fetchone()[0])
            hits = self._hits(cursor, request, where, text_query)
            facets = self._facets(cursor, where, request.facet_size)
        return SearchResponse(total=total, hits=hits, facets=facets)

    def _hits(
        self, cursor: Any, request: SearchRequest, where: Sql, text_query: Sql | None
    ) -> tuple[Hit, ...]:
        rank = f"ts_rank_cd(vector, {text_query.text})" if text_query else "0"
        rank_params = text_query.params if text_query else []
        if request.sort == "relevance" and text_query:
            order = "score DESC, document_pk"
        else:
            direction = "ASC" if request.sort == "oldest" else "DESC"
            order = f"date_start {direction}, document_pk"
        cursor.execute(
            f"SELECT document_pk, public_id, {rank} AS score, {_headline(text_query)}"
            f" FROM {TABLE} WHERE {where.text} ORDER BY {order} LIMIT %s OFFSET %s",
            [
                *rank_params,
                *_headline_params(text_query),
                *where.params,
                max(1, min(request.limit, 1000)),
                max(0, request.offset),
            ],
        )
        return tuple(
            Hit(pk=row[0], public_id=row[1], score=float(row[2]), snippet=_snippet(row[3]))
            for row in cursor.fetchall()
        )

    def _facets(self, cursor: Any, where: Sql, size: int) -> dict[str, tuple[FacetCount, ...]]:
        """Every facet's top values in one query: the facets column holds `facet:value`
        entries; each facet's values are ranked by count, then value."""
        cursor.execute(
            "SELECT entry, n FROM (SELECT entry, count(*) AS n, row_number() OVER ("
            " PARTITION BY split_part(entry, ':', 1) ORDER BY count(*) DESC, entry) AS rank"
            f" FROM {TABLE}, unnest(facets) AS entry WHERE {where.text} GROUP BY entry) AS ranked"
            " WHERE rank <= %s ORDER BY rank",
            [*where.params, MOST_VALUES],
        )
        found: dict[str, list[FacetCount]] = {facet: [] for facet in FACET_NAMES}
        for entry, count in cursor.fetchall():
            kind, _, text = str(entry).partition(":")
            facet = kind.removesuffix(SHOWN_MARK)
            counted = kind == facet + SHOWN_MARK if facet in LABELLED else kind == facet
            if counted and facet in found and len(found[facet]) < facet_size(facet, size):
                value, label = value_and_label(text)
                found[facet].append(FacetCount(value, int(count), label))
        return {facet: tuple(counts) for facet, counts in found.items()}


SHOWN_MARK = "~"  # `people~:<label and id>`: a labelled facet's entries that counts are taken over


def _facet_entry(facet: str, value: str) -> str:
    return f"{facet}:{value}"


def _entries(doc: IndexDocument) -> list[str]:
    """The document's facet entries: `facet:value` to filter by, `facet~:label+value` (for
    labelled facets) to count."""
    plain = [_facet_entry(facet, value) for facet, values in doc.facets.items() for value in values]
    shown = [
        _facet_entry(facet + SHOWN_MARK, pair)
        for facet, pairs in doc.shown.items()
        for pair in pairs
    ]
    return plain + shown


def _row(doc: IndexDocument) -> list[Any]:
    names = " ".join(doc.names)
    return [
        doc.pk,
        doc.public_id,
        doc.title,
        doc.summary,
        doc.body,
        _entries(doc),
        doc.date_start,
        doc.date_end,
        doc.status,
        doc.embargo_until,
        doc.title,
        names,
        doc.summary,
        doc.body,
    ]


def _tsquery(query: Query) -> Sql | None:
    """The tree as one tsquery expression; None when it asks for nothing (match all)."""
    positive = [_clause(c) for c in query.clauses if not isinstance(c, Not)]
    negative = [_clause(c.clause) for c in query.clauses if isinstance(c, Not)]
    parts = [p for p in positive if p is not None]
    parts += [Sql(f"!!({n.text})", n.params) for n in negative if n is not None]
    if not parts:
        return None
    if not any(p for p in positive if p is not None):
        return None  # only exclusions: handled in _where as NOT (...)
    return Sql(" && ".join(f"({p.text})" for p in parts), [x for p in parts for x in p.params])


def _clause(clause: Clause) -> Sql | None:
    if isinstance(clause, InField):
        return _in_field(clause)
    if isinstance(clause, Term):
        return Sql("plainto_tsquery('english', %s)", [clause.word])
    if isinstance(clause, Phrase):
        return Sql("phraseto_tsquery('english', %s)", [" ".join(clause.words)])
    if isinstance(clause, Prefix):
        return _prefix(clause)
    if isinstance(clause, AnyOf):
        parts = [p for p in (_clause(c) for c in clause.clauses) if p is not None]
        if not parts:
            return None
        return Sql(" || ".join(f"({p.text})" for p in parts), [x for p in parts for x in p.params])
    return None


def _prefix(clause: Prefix, weight: str = "") -> Sql | None:
    """Words starting with the stem, in the field of `weight` if one is given."""
    stem = "".join(ch for ch in clause.stem if ch.isalnum())  # \w only: no tsquery syntax
    return Sql("to_tsquery('simple', %s)", [f"{stem}:*{weight}"]) if stem else None


def _in_field(clause: InField) -> Sql | None:
    """A clause in one field: its lexemes restricted to that field's weight (`'word':A`, PostgreSQL
    §8.11.2). Words are \\w runs and apostrophes (the query parser guarantees it): quoted, with
    each apostrophe doubled, they cannot be read as tsquery syntax."""
    weight = WEIGHTS[clause.field]
    inner = clause.clause
    if isinstance(inner, Prefix):
        return _prefix(inner, weight)
    words = (inner.word,) if isinstance(inner, Term) else inner.words
    lexemes = " <-> ".join(f"'{word.replace(chr(39), chr(39) * 2)}':{weight}" for word in words)
    return Sql("to_tsquery('english', %s)", [lexemes])


def _where(request: SearchRequest, text_query: Sql | None) -> Sql:
    conditions: list[Sql] = [Sql("TRUE")]
    if text_query is not None:
        conditions.append(Sql(f"vector @@ ({text_query.text})", text_query.params))
    else:
        for clause in request.query.clauses:
            excluded = _clause(clause.clause) if isinstance(clause, Not) else None
            if excluded is not None:
                conditions.append(Sql(f"NOT (vector @@ ({excluded.text}))", excluded.params))
    for facet, values in request.filters.items():
        for value in values:
            conditions.append(_filter(facet, value))
    conditions += _gate(request.gate)
    if request.exclude:
        conditions.append(Sql("NOT (document_pk = ANY(%s))", [sorted(request.exclude)]))
    if request.date_to:
        conditions.append(Sql("date_start BETWEEN 1 AND %s", [request.date_to]))
    if request.date_from:
        conditions.append(Sql("date_end >= %s", [request.date_from]))
    return Sql(" AND ".join(c.text for c in conditions), [x for c in conditions for x in c.params])


def _filter(facet: str, value: str) -> Sql:
    if facet not in FACET_NAMES:
        return Sql("FALSE")
    return Sql("facets @> ARRAY[%s]::text[]", [_facet_entry(facet, value)])


def _gate(gate: Gate) -> list[Sql]:
    """The visibility rule (core.visibility.Gate.admits) as conditions on the entries."""
    if gate.sees_unpublished:
        return []
    return [
        Sql("status = %s", [Status.PUBLISHED.value]),
        Sql("embargo_until <= %s", [gate.day_number]),
    ]


def _headline(text_query: Sql | None) -> str:
    if text_query is None:
        return "NULL"
    options = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, ShortWord=2"
    return (
        f"CASE WHEN to_tsvector('english', body) @@ ({text_query.text})"
        f" THEN ts_headline('english', body, ({text_query.text}), '{options}')"
        f" ELSE ts_headline('english', summary || ' ' || title, ({text_query.text}),"
        f" '{options}') END"
    )


def _headline_params(text_query: Sql | None) -> list[Any]:
    return [] if text_query is None else text_query.params * 3


def _snippet(marked: str | None) -> Snippet | None:
    """ts_headline output with markers -> the text and the highlighted ranges."""
    if not marked or START not in marked:
        return None
    pieces = marked.replace(STOP, START).split(START)  # odd pieces are the matches
    ranges, length = [], 0
    for position, piece in enumerate(pieces):
        if position % 2:
            ranges.append((length, length + len(piece)))
        length += len(piece)
    return Snippet("".join(pieces), tuple(ranges))
