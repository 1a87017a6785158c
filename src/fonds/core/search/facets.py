"""The facet registry: every facet declared once. Both backends, the pages and the API read it.

A facet is keyed by stable values: people and places by their authority ids (a spelling may
change, an id never does), shown with a display label the archive looks up; years, languages
and topics by their own text. Adding a facet is one `Facet` here: the tantivy backend makes a
field for it from this list, the PostgreSQL backend keeps every facet in one array column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fonds.core.search.sources import IndexSource


@dataclass(frozen=True, slots=True)
class Facet:
    """One facet: how requests name it, how pages label it, how a document provides it."""

    name: str  # its key in search requests, responses and the index
    param: str  # its URL parameter (singular: ?person=…&year=1965)
    label: str  # what the pages call it
    values: Callable[[IndexSource], Iterable[str]]  # a document's values, in order
    # for values that are authority ids: each value with the label pages show for it (the
    # index keeps the pairs, so that counts come with their labels)
    labels: Callable[[IndexSource], Iterable[tuple[str, str]]] | None = None
    min_size: int = 0  # list at least this many values (every year, so pages can order them)
    by_value: bool = False  # pages list its values in value order, not by count
    shown_when_empty: bool = True


def _year(source: IndexSource) -> Iterable[str]:
    return () if source.year is None else (str(source.year),)


def _people(source: IndexSource) -> Iterable[tuple[str, str]]:
    return ((p.id, p.label or p.name) for p in source.people)


def _places(source: IndexSource) -> Iterable[tuple[str, str]]:
    return ((p.id, p.name) for p in source.places)


FACETS: tuple[Facet, ...] = (
    Facet("people", "person", "People", lambda s: (p.id for p in s.people), _people),
    Facet("places", "place", "Places", lambda s: (p.id for p in s.places), _places),
    Facet("year", "year", "Year", _year, min_size=300, by_value=True),
    Facet("language", "language", "Original language", lambda s: s.languages),
    Facet("topics", "topic", "Topics", lambda s: s.topics, shown_when_empty=False),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
BY_NAME = {facet.name: facet for facet in FACETS}


def facet_size(name: str, requested: int) -> int:
    """How many values of a facet a response lists."""
    return max(requested, BY_NAME[name].min_size)


LABELLED = tuple(facet.name for facet in FACETS if facet.labels is not None)
SHOWN = "\x1f"  # between a label and its value in the index (a control character: in no name)


def facet_values(source: IndexSource) -> dict[str, tuple[str, ...]]:
    """Every facet's values for a document, each value once, in the document's order."""
    return {facet.name: tuple(dict.fromkeys(facet.values(source))) for facet in FACETS}


def facet_labels(source: IndexSource) -> dict[str, tuple[str, ...]]:
    """The labelled facets' values with their labels, as the index keeps them (`shown`)."""
    found = {}
    for facet in FACETS:
        if facet.labels is not None:
            first = dict(reversed(list(facet.labels(source))))  # each value's first label
            found[facet.name] = tuple(shown(value, label) for value, label in first.items())
    return found


def shown(value: str, label: str) -> str:
    return f"{label}{SHOWN}{value}"


def value_and_label(text: str) -> tuple[str, str]:
    """The value and the label of a `shown` pair (a text without one: itself, twice)."""
    label, _, value = text.rpartition(SHOWN)
    return (value, label) if label else (text, text)
