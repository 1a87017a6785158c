"""A stored document as the search app reads it for the index: plain data, no engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fonds.core.extraction.dates import bounds


@dataclass(frozen=True, slots=True)
class IndexedName:
    """A person as a document names them: their authority id, the name as written, and its
    other forms (all matched by a search for the person)."""

    id: str
    name: str
    variants: Sequence[str] = ()
    label: str = ""  # the name of the person the id stands for, as pages show it


@dataclass(frozen=True, slots=True)
class IndexedPlace:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class IndexSource:
    """The fields of a stored document the index is built from."""

    pk: int
    public_id: str
    title: str
    summary: str
    date_edtf: str
    bodies: Sequence[str]
    people: Sequence[IndexedName]
    places: Sequence[IndexedPlace]
    topics: Sequence[str]
    languages: Sequence[str]
    status: str
    embargo_until: date | None = None

    @property
    def year(self) -> int | None:
        span = bounds(self.date_edtf) if self.date_edtf else None
        return span[0].year if span else None
