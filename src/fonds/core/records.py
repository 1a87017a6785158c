"""The domain: what fonds knows about a document, as frozen dataclasses.

Every reader produces a `DocumentRecord`; the database, the search index, the API and the exports
are views of it. Nothing here does I/O.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
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


def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen, slotted dataclass an `__init__` that stores each field through its slot
    directly. The generated one goes through `object.__setattr__`, which looks the attribute up
    again for every field of every object (the frozen class's own `__setattr__` refuses): about
    twice as slow, and ingest builds some thirty records' parts per document, twice (read, then
    taken back in the storing process). The object is as frozen as before: only its `__init__`
    changes, with the same parameters and defaults. Left as it is: a class with a default
    factory, a keyword-only or non-init field, or a `__post_init__`."""
    own = fields(cls)  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or any(
        f.default_factory is not MISSING or f.kw_only or not f.init for f in own
    ):
        return cls
    # the slots' member descriptors: their __set__ writes the slot, whatever __setattr__ says
    namespace: dict[str, Any] = {f"_set_{f.name}": vars(cls)[f.name].__set__ for f in own}
    parameters = []
    for f in own:
        if f.default is MISSING:
            parameters.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            parameters.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"\n    _set_{f.name}(self, {f.name})" for f in own) or "\n    pass"
    exec(f"def __init__(self, {', '.join(parameters)}):{body}", namespace)  # as dataclasses do
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = dict(cls.__init__.__annotations__)  # the same signature, to the letter
    cls.__init__ = init  # type: ignore[method-assign]
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


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateSpan:
    """A document date: the EDTF form (ISO 8601-2) that sorts and filters; the text as written."""

    edtf: str
    display: str


@quick_init
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


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Place:
    name: str
    role: PlaceRole = PlaceRole.ASSOCIATED
    authority_key: str = ""


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArchivalLevel:
    """One level of an archival hierarchy: ("fond", "0102"), ("RG", "59")."""

    kind: str
    value: str


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArchivalReference:
    """Where the original is held: repository and levels, with the reference as written."""

    repository: str
    levels: tuple[ArchivalLevel, ...] = ()
    text: str = ""
    repository_name: str = ""


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Note:
    """An editorial note (a footnote) attached to a text by its marker."""

    marker: str
    body: str


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Text:
    """One body of text: paragraphs separated by a blank line, line breaks kept inside them."""

    kind: TextKind
    language: str
    body: str
    notes: tuple[Note, ...] = ()


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    expansion: str


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class CollectionRef:
    """One step of the path from a top collection (a volume) down to this document's place."""

    key: str
    title: str


@quick_init
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


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extracted:
    """A reader's success: a record, what was doubtful about it, and where in the file it was."""

    record: DocumentRecord
    warnings: tuple[str, ...] = ()
    locator: str = ""


@quick_init
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
