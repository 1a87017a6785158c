"""The embedded BM25 backend: tantivy, its index in a folder beside the database.

Engine queries are built from the parsed query tree; each word reaches tantivy only as a quoted
phrase of word characters, so user text cannot produce a query syntax error.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tantivy

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
from fonds.search.backends.base import IndexBusy, IndexOutdated

log = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "summary", "body", "names")
BOOSTS = {"title": 3.0, "names": 2.0, "summary": 1.5}
# The index's layout: a new facet in the registry changes it, and an index laid out otherwise
# is rebuilt (IndexOutdated)
SCHEMA_VERSION = f"3:{','.join(FACET_NAMES)}:{','.join(LABELLED)}"
WRITER_HEAP = 20_000_000  # bytes; tantivy flushes a segment when full: bounds ingest memory
PATIENCE = 30.0  # seconds `apply` and `clear` wait for the writer (commands, tests)


def _facet_field(facet: str) -> str:
    """A facet's field: prefixed, so that no facet name can collide with a text field."""
    return f"facet_{facet}"


def _shown_field(facet: str) -> str:
    """A labelled facet's values with their labels: what its counts are taken over."""
    return f"shown_{facet}"


def _counted_field(facet: str) -> str:
    return _shown_field(facet) if facet in LABELLED else _facet_field(facet)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("pk", stored=True, indexed=True, fast=True)
    builder.add_text_field("public_id", stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=name != "names", tokenizer_name="en_stem")
    for name in FACET_NAMES:  # the registry's facets, each a field of exact values
        builder.add_text_field(_facet_field(name), stored=False, tokenizer_name="raw", fast=True)
    for name in LABELLED:
        builder.add_text_field(_shown_field(name), stored=False, tokenizer_name="raw", fast=True)
    builder.add_integer_field("date_start", indexed=True, fast=True)
    builder.add_integer_field("date_end", indexed=True, fast=True)
    builder.add_text_field("status", stored=False, tokenizer_name="raw")
    builder.add_integer_field("embargo_until", indexed=True, fast=True)
    return builder.build()


def discard(path: Path) -> None:
    """Remove an index folder's files (`fonds reindex` of an index with an old schema)."""
    marker = path / "fonds-schema.json"
    if marker.exists():  # only ever a folder this backend made
        for child in path.iterdir():
            child.unlink()


class TantivyBackend:
    name = "tantivy"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.schema = _schema()
        self.index = self._open()

    def _open(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        marker = self.path / "fonds-schema.json"
        if marker.exists() and json.loads(marker.read_text()).get("version") != SCHEMA_VERSION:
            raise IndexOutdated(f"the search index at {self.path} has an old schema")
        index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        marker.write_text(json.dumps({"version": SCHEMA_VERSION}))
        return index

    # -- writing -------------------------------------------------------------------------------

    def apply(self, remove_pks: Collection[int], add: Iterable[IndexDocument]) -> None:
        writer = self._writer(PATIENCE)
        try:
            if remove_pks:
                pks = [int(pk) for pk in remove_pks]
                writer.delete_documents_by_query(
                    tantivy.Query.term_set_query(self.schema, "pk", pks)
                )
            for document in add:
                writer.add_document(self._document(document))
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise

    @contextmanager
    def session(self, patience: float = 0.0) -> Iterator[_Session]:
        """One writer held for the whole session: documents are indexed by tantivy's own thread
        while the caller goes on storing; uncommitted work is rolled back at the end."""
        writer = self._writer(patience)
        session = _Session(self, writer)
        try:
            yield session
        finally:
            writer.rollback()
            writer.wait_merging_threads()  # releases the writer's lock

    def clear(self) -> None:
        writer = self._writer(PATIENCE)
        writer.delete_all_documents()
        writer.commit()
        writer.wait_merging_threads()

    def _writer(self, patience: float) -> tantivy.IndexWriter:
        """The index's one writer, waiting up to `patience` seconds for another process (or a
        session of this one) to let it go."""
        deadline = time.monotonic() + patience
        pause = 0.05
        while True:
            try:
                return self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
            if time.monotonic() + pause > deadline:
                raise IndexBusy(
                    f"the search index at {self.path} is being written by another process"
                )
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    def _document(self, doc: IndexDocument) -> tantivy.Document:
        fields: dict[str, Any] = {
            "pk": doc.pk,
            "public_id": doc.public_id,
            "title": doc.title,
            "summary": doc.summary,
            "body": doc.body,
            "names": list(doc.names),
            "date_start": doc.date_start,
            "date_end": doc.date_end,
            "status": doc.status,
            "embargo_until": doc.embargo_until,
        }
        for facet, values in doc.facets.items():
            fields[_facet_field(facet)] = list(values)
        for facet, pairs in doc.shown.items():
            fields[_shown_field(facet)] = list(pairs)
        return tantivy.Document(**{k: v for k, v in fields.items() if v != []})

    # -- reading -------------------------------------------------------------------------------

    def count(self) -> int:
        self.index.reload()
        return int(self.index.searcher().num_docs)

    def search(self, request: SearchRequest) -> SearchResponse:
        self.index.reload()
        searcher = self.index.searcher()
        query = self._query(request)
        found = self._run(searcher, query, request)
        snippets = None if request.query.is_empty else self._snippet_generators(searcher, query)
        hits = tuple(self._hit(searcher, address, score, snippets) for score, address in found.hits)
        facets = self._facets(searcher, query, request.facet_size)
        return SearchResponse(total=int(found.count or 0), hits=hits, facets=facets)

    def _run(self, searcher: tantivy.Searcher, query: tantivy.Query, request: SearchRequest) -> Any:
        limit = max(1, min(request.limit, 1000))
        if request.sort == "relevance" and not request.query.is_empty:
            return searcher.search(query, limit, count=True, offset=request.offset)
        order = tantivy.Order.Asc if request.sort == "oldest" else tantivy.Order.Desc
        return searcher.search(
            query,
            limit,
            count=True,
            order_by_field="date_start",
            offset=request.offset,
            order=order,
        )

    def _query(self, request: SearchRequest) -> tantivy.Query:
        must, must_not = self._clauses(request.query)
        must += self._filters(request)
        must += self._gate(request.gate)
        if request.exclude:
            must_not.append(self._pks(request.exclude))
        if not must:
            must = [tantivy.Query.all_query()]
        occurs = [(tantivy.Occur.Must, q) for q in must]
        occurs += [(tantivy.Occur.MustNot, q) for q in must_not]
        return tantivy.Query.boolean_query(occurs)

    def _clauses(self, query: Query) -> tuple[list[tantivy.Query], list[tantivy.Query]]:
        must: list[tantivy.Query] = []
        must_not: list[tantivy.Query] = []
        for clause in query.clauses:
            target = must_not if isinstance(clause, Not) else must
            built = self._clause(clause.clause if isinstance(clause, Not) else clause)
            if built is not None:
                target.append(built)
        return must, must_not

    def _clause(
        self, clause: Clause, fields: tuple[str, ...] = TEXT_FIELDS
    ) -> tantivy.Query | None:
        """The clause over `fields` (every text field, or the one an InField names)."""
        if isinstance(clause, InField):
            return self._clause(clause.clause, (clause.field,))
        if isinstance(clause, Term | Phrase):
            words = (clause.word,) if isinstance(clause, Term) else clause.words
            return self._quoted(" ".join(words), fields)
        if isinstance(clause, Prefix):
            pattern = f"{clause.stem}.*"
            return tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.regex_query(self.schema, f, pattern))
                    for f in fields
                ]
            )
        if isinstance(clause, AnyOf):
            parts = [q for q in (self._clause(c) for c in clause.clauses) if q is not None]
            return (
                tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in parts])
                if parts
                else None
            )
        return None

    def _quoted(self, words: str, fields: tuple[str, ...]) -> tantivy.Query | None:
        """Words are \\w runs (the query parser guarantees it), so quoting them is always valid."""
        boosts = {field: BOOSTS[field] for field in fields if field in BOOSTS}
        try:
            return self.index.parse_query(f'"{words}"', list(fields), field_boosts=boosts)
        except ValueError:
            return None  # only stop-characters: nothing to look for

    def _filters(self, request: SearchRequest) -> list[tantivy.Query]:
        filters: list[tantivy.Query] = []
        for facet, values in request.filters.items():
            for value in values:
                filters.append(self._facet_term(facet, value))
        if request.date_from or request.date_to:
            filters.append(self._date_range(request))
        return filters

    def _gate(self, gate: Gate) -> list[tantivy.Query]:
        """The visibility rule (core.visibility.Gate.admits) as index filters."""
        if gate.sees_unpublished:
            return []
        return [
            tantivy.Query.term_query(self.schema, "status", Status.PUBLISHED.value),
            tantivy.Query.range_query(
                self.schema, "embargo_until", tantivy.FieldType.Integer, 0, gate.day_number
            ),
        ]

    def _pks(self, pks: Collection[int]) -> tantivy.Query:
        return tantivy.Query.term_set_query(self.schema, "pk", [int(pk) for pk in pks])

    def _date_range(self, request: SearchRequest) -> tantivy.Query:
        """Documents whose span overlaps [date_from, date_to]."""
        parts = []
        if request.date_to:
            parts.append(
                tantivy.Query.range_query(
                    self.schema, "date_start", tantivy.FieldType.Integer, 1, request.date_to
                )
            )
        if request.date_from:
            parts.append(
                tantivy.Query.range_query(
                    self.schema, "date_end", tantivy.FieldType.Integer, request.date_from, None
                )
            )
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in parts])

    def _facet_term(self, facet: str, value: str) -> tantivy.Query:
        if facet not in FACET_NAMES:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_query(self.schema, _facet_field(facet), value)

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query, size: int
    ) -> dict[str, tuple[FacetCount, ...]]:
        spec = {
            facet: {"terms": {"field": _counted_field(facet), "size": facet_size(facet, size)}}
            for facet in FACET_NAMES
        }
        result = searcher.aggregate(query, spec)
        facets = {}
        for facet in FACET_NAMES:
            buckets = result.get(facet, {}).get("buckets", [])
            facets[facet] = tuple(_count(str(b["key"]), int(b["doc_count"])) for b in buckets)
        return facets

    def _hit(
        self,
        searcher: tantivy.Searcher,
        address: Any,
        score: Any,
        snippets: list[Any] | None,
    ) -> Hit:
        doc = searcher.doc(address)
        return Hit(
            pk=int(doc["pk"][0]),
            public_id=str(doc["public_id"][0]),
            score=float(score) if isinstance(score, float) else 0.0,
            snippet=None if snippets is None else self._snippet(snippets, doc),
        )

    def _snippet_generators(self, searcher: tantivy.Searcher, query: tantivy.Query) -> list[Any]:
        """One generator per field and search (they hold the query's terms), body first."""
        generators = []
        for field in ("body", "summary", "title"):
            generator = tantivy.SnippetGenerator.create(searcher, query, self.schema, field)
            generator.set_max_num_chars(240)
            generators.append(generator)
        return generators

    def _snippet(self, generators: list[Any], doc: Any) -> Snippet | None:
        for generator in generators:
            snippet = generator.snippet_from_doc(doc)
            if snippet.highlighted():
                return _char_ranges(snippet.fragment(), snippet.highlighted())
        return None


def _count(key: str, count: int) -> FacetCount:
    value, label = value_and_label(key)
    return FacetCount(value, count, label)


def _char_ranges(fragment: str, highlighted: list[Any]) -> Snippet:
    """tantivy reports highlights as UTF-8 byte offsets; the contract is character offsets
    ("1964–66" has a three-byte dash: byte and character positions part after it)."""
    encoded = fragment.encode("utf-8")

    def chars(offset: int) -> int:
        return len(encoded[:offset].decode("utf-8", errors="ignore"))

    return Snippet(fragment, tuple((chars(r.start), chars(r.end)) for r in highlighted))


class _Session:
    def __init__(self, backend: TantivyBackend, writer: tantivy.IndexWriter) -> None:
        self.backend, self.writer = backend, writer

    def remove(self, pks: Collection[int]) -> None:
        if pks:
            self.writer.delete_documents_by_query(self.backend._pks(pks))

    def replace(self, documents: Sequence[IndexDocument]) -> None:
        if not documents:
            return
        pks = [document.pk for document in documents]
        self.writer.delete_documents_by_query(
            tantivy.Query.term_set_query(self.backend.schema, "pk", pks)
        )
        for document in documents:
            self.writer.add_document(self.backend._document(document))

    def commit(self) -> None:
        self.writer.commit()
