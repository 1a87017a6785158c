"""The domain: what fonds knows about a document, as frozen dataclasses.

Every reader produces a `DocumentRecord`; the database, the search index, the API and the exports
are views of it. Nothing here does I/O.

Each field is declared once, with `described`: its type, its default, and a one-line doc saying
what it holds (read at run time with `field_doc`) and, in the metadata, whether the record schema
requires it (`serialize.record_from_dict` refuses a blank one). Serialization walks these
declarations; API schemas and column docs can take their descriptions from them.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field
from enum import StrEnum
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

DOC = "doc"  # field metadata: one line, what the field holds
REQUIRED = "required"  # field metadata: True when the record schema refuses it blank


def described(doc: str, *, default: Any = MISSING, required: bool = False) -> Any:
    """A field declaration: its default (none: the field must be given) and its doc. `default`
    is keyword-only because type checkers read it by name (`frozen_record` lists this function
    as a field specifier)."""
    return field(default=default, metadata={DOC: doc, REQUIRED: required})


@dataclass_transform(frozen_default=True, field_specifiers=(described,))
def frozen_record(cls: type[T]) -> type[T]:
    """A record class: a frozen, slotted dataclass whose fields are declared with `described`."""
    return dataclass(frozen=True, slots=True)(cls)


def field_doc(cls: type[Any], name: str) -> str:
    """The doc line of a record class's field; KeyError for a name the class does not declare."""
    return str(cls.__dataclass_fields__[name].metadata[DOC])


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


@frozen_record
class DateSpan:
    """A document date: the EDTF form (ISO 8601-2) that sorts and filters; the text as written."""

    edtf: str = described(
        "The date in EDTF (ISO 8601-2): '1965-05-21', '1965-05~', '1965-04/1965-06'; what sorts"
        " and filters.",
        required=True,
    )
    display: str = described(
        "The date as the source writes it ('February 27, 1964, 5 p.m.'); what readers see.",
        default="",
    )


@frozen_record
class Agent:
    """A person (or organization) as this document names them."""

    name: str = described(
        "The name as this document, or its source's persons list, gives it.", required=True
    )
    role: Role = described("How they take part in this document.", default=Role.MENTIONED)
    description: str = described(
        "Who they were as the source describes them ('Soviet Deputy Foreign Minister').",
        default="",
    )
    variants: tuple[str, ...] = described(
        "Other spellings of the name in this document, e.g. a bracketed romanization"
        " ('Kim Pyong Jik').",
        default=(),
    )
    authority_key: str = described(
        "The source's own identifier of the person, scoped by source: a FRUS persons-list"
        " xml:id as 'frus1964-68v26#p_JLB1'; empty when the source has none.",
        default="",
    )
    is_organization: bool = described(
        "True for an organization (an office, a ministry), not a person.", default=False
    )


@frozen_record
class Place:
    """A place as this document names it."""

    name: str = described("The place name as the source gives it.", required=True)
    role: PlaceRole = described(
        "How the place relates to the document: written there, associated, mentioned.",
        default=PlaceRole.ASSOCIATED,
    )
    authority_key: str = described(
        "The source's own identifier of the place; empty when the source has none.", default=""
    )


@frozen_record
class ArchivalLevel:
    """One level of an archival hierarchy: ("fond", "0102"), ("RG", "59")."""

    kind: str = described(
        "The level's kind, canonical ('fond', 'opis', 'delo', 'RG', 'series', 'file').",
        required=True,
    )
    value: str = described("The level's value as cited ('0102', '59', 'POL JAPAN–US').", default="")


@frozen_record
class ArchivalReference:
    """Where the original is held: repository and levels, with the reference as written."""

    repository: str = described(
        "The holding repository, abbreviated as fonds keys it ('AVPRF', 'NARA', 'LBJL').",
        required=True,
    )
    levels: tuple[ArchivalLevel, ...] = described(
        "The reference's levels, from the largest unit (fond, record group) down.", default=()
    )
    text: str = described(
        "The reference as written in the citation or source note it was parsed from.",
        default="",
    )
    repository_name: str = described(
        "The repository's full name ('Archive of Foreign Policy of the Russian Federation');"
        " empty when fonds does not know the abbreviation.",
        default="",
    )


@frozen_record
class Note:
    """An editorial note (a footnote) attached to a text by its marker."""

    marker: str = described(
        "The note's marker as it stands in the text's body, in brackets ('2' for '[2]').",
        default="",
    )
    body: str = described("The note's text.", default="")


@frozen_record
class Text:
    """One body of text: paragraphs separated by a blank line, line breaks kept inside them."""

    kind: TextKind = described(
        "What this text is: a translation, the original, a transcription.",
        default=TextKind.TRANSLATION,
    )
    language: str = described("The text's language as the source names it ('English').", default="")
    body: str = described(
        "The text: paragraphs separated by a blank line, editorial brackets kept as printed.",
        default="",
    )
    notes: tuple[Note, ...] = described("The text's footnotes, in order.", default=())


@frozen_record
class GlossaryEntry:
    """An abbreviation used in the document, with its expansion."""

    term: str = described("The abbreviation as used ('MFA', 'Noforn').", required=True)
    expansion: str = described("What it stands for, from the source's glossary.", default="")


@frozen_record
class CollectionRef:
    """One step of the path from a top collection (a volume) down to this document's place."""

    key: str = described(
        "The collection's key, unique in the archive ('frus1964-68v29p2/comp1').", required=True
    )
    title: str = described("The collection's title ('Japan').", default="")


@frozen_record
class DocumentRecord:
    """One archival document, as extracted from its source."""

    source_key: str = described(
        "Identity at the origin ('frus:<volume>/<div id>', the archive URL, else title and date):"
        " the same record ingested again has the same key.",
        required=True,
    )
    title: str = described(
        "The document's title as its source gives it, without a FRUS document number.",
        required=True,
    )
    date: DateSpan | None = described(
        "When the document was written; None when the source gives no date.", default=None
    )
    summary: str = described(
        "The archive's short description of the document; not part of any text.", default=""
    )
    citation: str = described(
        "How the publishing archive asks the document to be cited, as written, its URL moved to"
        " `source_url`: `archival_reference` and `credits` are parsed from it.",
        default="",
    )
    source_url: str = described(
        "The document's own page at the archive or edition that publishes it (the citation's"
        " link, a FRUS document's history.state.gov address).",
        default="",
    )
    original_languages: tuple[str, ...] = described(
        "The languages of the original as the source names them ('Russian'); empty when not"
        " stated.",
        default=(),
    )
    texts: tuple[Text, ...] = described(
        "The document's texts (translation, original, transcription), each with its notes.",
        default=(),
    )
    people: tuple[Agent, ...] = described(
        "People and organizations the document names, each with their role in it.", default=()
    )
    places: tuple[Place, ...] = described(
        "Places the document was written in, is associated with, or mentions.", default=()
    )
    topics: tuple[str, ...] = described("Subject terms the archive assigns.", default=())
    archival_reference: ArchivalReference | None = described(
        "Where the original is held (repository and levels), parsed from `citation` or"
        " `source_note`; None when neither names one.",
        default=None,
    )
    credits: tuple[str, ...] = described(
        "Who obtained, translated or contributed the document, one sentence each, from the"
        " citation ('Obtained and translated for NKIDP by Sergey Radchenko').",
        default=(),
    )
    rights: str = described(
        "The rights statement published with the document (reuse terms, public domain); who"
        " contributed it is in `credits`.",
        default="",
    )
    source: str = described(
        "An archive page's 'Source' entry as written (where the publisher had the document"
        " from): kept as text; unlike `citation` and `source_note`, nothing is parsed from it.",
        default="",
    )
    original_archive: str = described(
        "The full name of the archive holding the original: a page's 'Original Archive' entry,"
        " or the name of the repository in `archival_reference` (whose key is abbreviated).",
        default="",
    )
    source_note: str = described(
        "A FRUS document's source note as the editors wrote it ('Source: ... Secret. Drafted"
        " by ...'), FRUS's counterpart of `citation`: reference, markings, drafters parsed from"
        " it.",
        default="",
    )
    classification: str = described(
        "The original's security classification, from the source note ('Secret').", default=""
    )
    precedence: str = described(
        "A telegram's precedence, from the source note ('Immediate', 'Priority').", default=""
    )
    glossary: tuple[GlossaryEntry, ...] = described(
        "Abbreviations the document uses, with their expansions.", default=()
    )
    collections: tuple[CollectionRef, ...] = described(
        "The collections the document sits in, root first (a volume, then its chapter).",
        default=(),
    )
    number: str = described(
        "The document's number within its collection (a FRUS document number).", default=""
    )
    source_format: str = described(
        "The format it was read from ('tei', 'pagetext', 'markdown', 'wordhtml', 'csv').",
        default="",
    )


@dataclass(frozen=True, slots=True)
class Extracted:
    """A reader's success: a record, what was doubtful about it, and where in the file it was."""

    record: DocumentRecord
    warnings: tuple[str, ...] = ()
    locator: str = ""


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
