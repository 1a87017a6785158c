"""One FRUS `<div type="document">` -> one DocumentRecord (or a Failed naming the div).

What each record field comes from (TEI P5 and the FRUS encoding conventions):
- title: the document's own `head` (§4.2.1), without the notes FRUS nests in it (the source
  note) and without the leading document number ("12. ", "No. 3."), which is `number` (`@n`).
- date and place written: the document's `dateline` (§4.2.2; in the div itself, its `opener` or
  its `closer`): `placeName` -> Place(WRITTEN), `date` -> see tei_dates. A document with no
  dateline of its own takes the date (never the place) of its first enclosure's dateline.
- source note: `note type="source"`; volumes that do not type it start it with "Source:", or
  make it footnote 1 of the head (the FRUS editorial convention). Several (FRUS 1918: "File No.
  861.51/131" and "[Telegram]") are joined.
- text: the block paragraphs of the div (tei_text), footnotes as Notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fonds.core.extraction.source_notes import SourceNote, parse_source_note
from fonds.core.parsing.tei_dates import tei_date
from fonds.core.parsing.tei_people import document_glossary, document_people
from fonds.core.parsing.tei_text import (
    XML_ID,
    Element,
    NoteSink,
    add_note,
    inline_text,
    local,
    paragraphs,
    tei,
)
from fonds.core.parsing.tei_volume import Volume
from fonds.core.records import (
    CollectionRef,
    DateSpan,
    DocumentRecord,
    Extracted,
    Failed,
    Place,
    PlaceRole,
    Text,
    TextKind,
)

RIGHTS = "Public domain (U.S. government work)"
URL = "https://history.state.gov/historicaldocuments/{volume}/{document}"
_SOURCE_LABEL = re.compile(r"^\[?\s*sou?r?ce\s*[:;,]", re.IGNORECASE)
_NUMBER_LABEL = re.compile(r"No\.\s*")
_TRANSLATION = re.compile(r"^\[[^\]]*\bTranslation\b[^\]]*\]$")
# The children `_Children` gathers, by local name (in any namespace, or none, as `local` tells).
_GATHERED = ("{*}note", "{*}head", "{*}dateline", "{*}opener", "{*}closer")
_NOTE = tei("note")
_ANY_NOTE = "{*}note"  # a note in any namespace, or none: the text walk tells notes by local name


@dataclass(frozen=True, slots=True)
class _Parts:
    """The document's structural elements, found once."""

    div: Element
    head: Element
    head_text: str  # the head's text, notes dropped: the title before its number is taken off
    dateline: Element | None
    source_notes: tuple[Element, ...]


@dataclass(slots=True)
class _Children:
    """The div's children that the record is made of, gathered in one pass over them."""

    head: Element | None = None  # the first `head`
    dateline: Element | None = None  # the first `dateline`
    openers: list[Element] = field(default_factory=list)
    closers: list[Element] = field(default_factory=list)
    notes: list[Element] = field(default_factory=list)  # the div's own and its head's, in order

    @classmethod
    def of(cls, div: Element) -> _Children:
        found = cls()
        for child in div.iterchildren(*_GATHERED):  # lxml passes over the paragraphs, in C
            name = local(child)
            if name == "note":
                found.notes.append(child)
            elif name == "head" and found.head is None:
                found.head = child
                found.notes.extend(child.iterchildren(_ANY_NOTE))
            elif name == "dateline" and found.dateline is None:
                found.dateline = child
            elif name == "opener":
                found.openers.append(child)
            elif name == "closer":
                found.closers.append(child)
        return found


def locator(div: Element) -> str:
    ident = div.get(XML_ID)
    named = f'xml:id="{ident}"' if ident else f'n="{div.get("n") or "?"}"'
    return f"div {named} (line {div.sourceline})"


def document_record(
    div: Element, volume: Volume, collections: tuple[CollectionRef, ...]
) -> Extracted | Failed:
    """Build the record; a document that cannot be read fails alone."""
    ident = str(div.get(XML_ID) or "")
    children = _Children.of(div)
    head = children.head
    if not ident:
        return Failed("document div has no xml:id, so it has no stable key", locator(div))
    head_text = "" if head is None else inline_text(head, line_breaks=False)
    if not head_text:
        return Failed("document div has no head: a document needs a title", locator(div))
    try:
        parts = _Parts(
            div, head, head_text, _dateline(children), _source_notes(children.notes, head)
        )
        return _extracted(parts, ident, volume, collections)
    except Exception as error:  # one bad document never stops the rest of the volume
        return Failed(f"cannot read this document: {error!r}", locator(div))


def _extracted(
    parts: _Parts, ident: str, volume: Volume, collections: tuple[CollectionRef, ...]
) -> Extracted:
    warnings: list[str] = []
    sink = NoteSink()
    number = str(parts.div.get("n") or "")
    note_text, translated = _note_text(parts, sink)
    note = parse_source_note(note_text) if note_text else SourceNote()
    text = _text(parts, sink, translated=translated)
    record = DocumentRecord(
        source_key=f"frus:{volume.key}/{ident}",
        title=_without_number(parts.head_text, number) if number else parts.head_text,
        date=_date(parts, warnings),
        source_url=URL.format(volume=volume.key, document=ident),
        original_languages=() if text.kind is TextKind.TRANSLATION else ("English",),
        texts=(text,),
        people=document_people(
            parts.div, parts.head, volume.persons, note.people, warnings, scope=volume.key
        ),
        places=_places(parts.dateline),
        archival_reference=note.reference,
        rights=RIGHTS,
        original_archive=note.reference.repository_name if note.reference else "",
        source_note=note_text,
        classification=note.classification,
        precedence=note.precedence,
        glossary=document_glossary(parts.div, volume.terms, warnings),
        collections=collections,
        number=number,
        source_format="tei",
    )
    return Extracted(record, tuple(warnings), locator(parts.div))


def _without_number(title: str, number: str) -> str:
    r"""The title without its leading document number: "12. Telegram", "No. 12. Telegram".

    What `re.sub(rf"^(?:No\.\s*)?{re.escape(number)}\.\s*", "", title)` does, without compiling
    a pattern for every document number."""
    if number[0].isspace():  # the pattern could backtrack into the spaces after "No."
        return re.sub(rf"^(?:No\.\s*)?{re.escape(number)}\.\s*", "", title)
    label = _NUMBER_LABEL.match(title)
    for start in (label.end(), 0) if label else (0,):
        if title.startswith(f"{number}.", start):
            return title[start + len(number) + 1 :].lstrip()
    return title


def _dateline(children: _Children) -> Element | None:
    """The document's own dateline: in the div, else in its opener, else in its closer."""
    if children.dateline is not None:
        return children.dateline
    for where in (*children.openers, *children.closers):
        found = next((c for c in where if local(c) == "dateline"), None)
        if found is not None:
            return found
    return None


def _date(parts: _Parts, warnings: list[str]) -> DateSpan | None:
    """The own dateline's date; failing that, the first enclosure's (FRUS prints a paraphrase
    "left at the Department" with only the enclosed telegram's dateline), with a warning."""
    own = _dateline_date(parts.dateline, warnings)
    if own is not None or parts.dateline is not None:
        return own
    for dateline in parts.div.iter(tei("dateline")):
        found = _dateline_date(dateline, warnings)
        if found is not None:
            warnings.append("no dateline of its own: dated by the dateline of its enclosure")
            return found
    return None


def _dateline_date(dateline: Element | None, warnings: list[str]) -> DateSpan | None:
    if dateline is None:
        return None
    element = next(dateline.iter(tei("date")), None)
    return None if element is None else tei_date(element, warnings)


def _places(dateline: Element | None) -> tuple[Place, ...]:
    if dateline is None:
        return ()
    names = (
        inline_text(p, line_breaks=False).strip(" ,.;:") for p in dateline.iter(tei("placeName"))
    )
    return tuple(Place(name, PlaceRole.WRITTEN) for name in dict.fromkeys(n for n in names if n))


def _source_notes(candidates: list[Element], head: Element) -> tuple[Element, ...]:
    """The source note(s) among the div's own notes and its head's (in document order), by the
    first rule that finds any (see the module docstring)."""
    typed = tuple(n for n in candidates if n.get("type") == "source")
    if typed:
        return typed
    labelled = tuple(n for n in candidates if _SOURCE_LABEL.match(_plain(n)))
    if labelled:
        return labelled
    return tuple(n for n in head if local(n) == "note" and n.get("n") == "1")[:1]


def _plain(element: Element) -> str:
    return inline_text(element, line_breaks=False)


def _note_text(parts: _Parts, sink: NoteSink) -> tuple[str, bool]:
    """The source notes as written, joined (notes inside them become footnotes); and whether one
    marks the document as translated (FRUS: a bracketed "[Translation.]" source note)."""
    texts: list[str] = []
    translated = False
    for note in parts.source_notes:
        lifted = len(sink.notes)
        text = inline_text(note, sink, line_breaks=False)
        texts.append(text)
        # The marker of a lifted note is all that a note's text with a sink has more than its
        # text without one: none lifted, the text is the plain text the translation mark is in.
        plain = text if len(sink.notes) == lifted else inline_text(note, line_breaks=False)
        translated = translated or _TRANSLATION.match(plain) is not None
    return " ".join(t for t in texts if t), translated


def _text(parts: _Parts, sink: NoteSink, *, translated: bool) -> Text:
    """Footnotes of the head and dateline first, then the paragraphs and their footnotes."""
    for note in parts.head.iterchildren(_NOTE):
        if not any(note is s for s in parts.source_notes):
            add_note(note, sink)
    if (
        parts.dateline is not None
        and next(parts.dateline.iterdescendants(_ANY_NOTE), None) is not None
    ):
        inline_text(parts.dateline, sink)  # only for the footnotes anchored in it
    skip = [parts.head, *parts.source_notes]
    if parts.dateline is not None:
        skip.append(parts.dateline)
    body = "\n\n".join(paragraphs(parts.div, skip, sink))
    kind = TextKind.TRANSLATION if translated else TextKind.ORIGINAL
    return Text(kind=kind, language="English", body=body, notes=tuple(sink.notes))
