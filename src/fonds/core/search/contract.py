"""What every search backend takes and returns: engine-neutral, plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from fonds.core.search.query import Query

FACETS = ("people", "places", "year", "language", "topics")
YEAR_FACET_SIZE = 300  # every year of a result set, so pages can list them in order


def facet_size(facet: str, requested: int) -> int:
    return max(requested, YEAR_FACET_SIZE) if facet == "year" else requested


@dataclass(frozen=True, slots=True)
class IndexDocument:
    pk: int
    public_id: str
    title: str
    summary: str = ""
    body: str = ""
    names: tuple[str, ...] = ()  # every name form of every person, for matching
    people: tuple[str, ...] = ()  # facet values
    places: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    year: int | None = None
    date_start: int = 0  # yyyymmdd; 0 when undated
    date_end: int = 0


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


@dataclass(frozen=True, slots=True)
class SearchResponse:
    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetCount, ...]]
