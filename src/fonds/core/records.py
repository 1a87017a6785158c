"""The domain: what fonds knows about a document, as frozen dataclasses.

Every reader produces a `DocumentRecord`; the database, the search index, the API and the exports
are views of it. Nothing here does I/O.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle instances as their class called with their field values. (A frozen, slotted
    dataclass pickles through generic __getstate__/__setstate__ that look its fields up again for
    every object: twice as slow.) Records themselves cross from the reading process as plain
    tuples (`serialize.record_bytes`); this form is what the pipeline's own messages use, and
    what an earlier content hash was taken over (`serialize.earlier_content_hashes`)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values: Callable[[Any], Any] = operator.attrgetter(*names)
    if len(names) == 1:
        cls.__reduce__ = lambda self: (cls, (values(self),))  # type: ignore[method-assign]
    else:
        cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[method-assign]
    return cls


class Role(StrEnum):
    """How a person or organization takes part in a document."""

    AUTHOR = "author"
    RECIPIENT = "recipient"
    PARTICIPANT = "participant"
    INTERPRETER = "interpreter"
    DRAFTER = "drafter"
    APPROVER = "approver"
    TRANSLATOR = "translator"
    MENTIONED = "mentioned"


class TextKind(StrEnum):
    """What a body of text is relative to the document it belongs to."""

    TRANSLATION = "translation"
    ORIGINAL = "original"
    TRANSCRIPTION = "transcription"


class PlaceRole(StrEnum):
    WRITTEN = "written"  # where the document was written (a dateline)
    ASSOCIATED = "associated"  # catalogued as associated with the document
    MENTIONED = "mentioned"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateSpan:
    """A document date: the EDTF form (ISO 8601-2) that sorts and filters; the text as written."""

    edtf: str
    display: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Agent:
    """A person (or organization) as this document names them."""

    name: str
    role: Role = Role.MENTIONED
    description: str = ""
    variants: tuple[str, ...] = ()
    authority_key: str = ""  # the source's own identifier, e.g. a TEI persons-list xml:id
    is_organization: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Place:
    name: str
    role: PlaceRole = PlaceRole.ASSOCIATED
    authority_key: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArchivalLevel:
    """One level of an archival hierarchy: ("fond", "0102"), ("RG", "59")."""

    kind: str
    value: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArchivalReference:
    """Where the original is held: repository and levels, with the reference as written."""

    repository: str
    levels: tuple[ArchivalLevel, ...] = ()
    text: str = ""
    repository_name: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Note:
    """An editorial note (a footnote) attached to a text by its marker."""

    marker: str
    body: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Text:
    """One body of text: paragraphs separated by a blank line, line breaks kept inside them."""

    kind: TextKind
    language: str
    body: str
    notes: tuple[Note, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    expansion: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CollectionRef:
    """One step of the path from a top collection (a volume) down to this document's place."""

    key: str
    title: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One archival document, as extracted from its source."""

    source_key: str  # identity at the origin: the same record ingested again has the same key
    title: str
    date: DateSpan | None = None
    summary: str = ""
    citation: str = ""
    source_url: str = ""
    original_languages: tuple[str, ...] = ()
    texts: tuple[Text, ...] = ()
    people: tuple[Agent, ...] = ()
    places: tuple[Place, ...] = ()
    topics: tuple[str, ...] = ()
    archival_reference: ArchivalReference | None = None
    credits: tuple[str, ...] = ()
    rights: str = ""
    source: str = ""
    original_archive: str = ""
    source_note: str = ""
    classification: str = ""
    precedence: str = ""
    glossary: tuple[GlossaryEntry, ...] = ()
    collections: tuple[CollectionRef, ...] = ()  # root first
    number: str = ""  # the document's number within its collection
    source_format: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extracted:
    """A reader's success: a record, what was doubtful about it, and where in the file it was."""

    record: DocumentRecord
    warnings: tuple[str, ...] = ()
    locator: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Failed:
    """A reader's refusal of one record (or a whole file), with a reason a curator can act on."""

    reason: str
    locator: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """Bytes to read and the name to report them by."""

    name: str
    data: bytes = field(repr=False)
