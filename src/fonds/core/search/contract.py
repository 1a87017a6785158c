"""What every search backend takes and returns: engine-neutral, plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fonds.core.search.query import Query
from fonds.core.visibility import Gate, public_gate


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One document as an index holds it: text to match, facet values to count and filter by,
    and what the visibility gate needs (status, embargo) to filter at query time."""

    pk: int
    public_id: str
    title: str
    summary: str = ""
    body: str = ""
    names: tuple[str, ...] = ()  # every name form of every person, for matching
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet name -> values
    # labelled facets' values with their labels (facets.shown), which counts are taken over
    shown: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_start: int = 0  # yyyymmdd; 0 when undated
    date_end: int = 0
    status: str = ""  # as the document's (core.visibility.Status); none: shown to curators only
    embargo_until: int = 0  # yyyymmdd of the first public day; 0 when not embargoed


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: Query = field(default_factory=Query)
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values (AND)
    date_from: int = 0  # yyyymmdd, inclusive; 0 = open
    date_to: int = 0
    sort: str = "relevance"  # relevance | newest | oldest
    offset: int = 0
    limit: int = 20
    facet_size: int = 15
    gate: Gate = field(default_factory=public_gate)  # who is asking, and when
    # documents whose index entries are out of date and that the gate now hides: never shown,
    # never counted, whatever the index still says (the queue's hidden documents)
    exclude: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of text and the character ranges in it that matched."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    pk: int
    public_id: str
    score: float
    snippet: Snippet | None = None


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int
    label: str = ""  # what pages show: a person's name for their id; else the value


@dataclass(frozen=True, slots=True)
class SearchResponse:
    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetCount, ...]]
