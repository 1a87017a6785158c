"""TEI P5 volumes of Foreign Relations of the United States -> one record per document.

Each `<div type="document">` is one record (tei_document). Reading is two streaming passes with
lxml iterparse, each releasing every finished element so memory stays flat however large the
volume:
1. `scan_volume`: the volume's id, title, persons list and abbreviations list, wherever they sit
   in the file, and proof that the whole file is well-formed XML: a truncated or broken file
   yields one Failed (naming the file and the line) and no records, never half a volume
   (XML 1.0 §1.2: after a fatal error a processor must not continue normal processing).
2. the documents, each yielded as soon as it ends; one that cannot be read fails alone.
A file of up to `HOLD_BYTES` makes both passes at once: its documents are read as they end, with
the lists found so far, and held until the file's end proves it well-formed; if the lists (or
the id or title) changed after the first document, as when they sit at the back, those records
are dropped and the file is read again in two passes.
Before either pass, `check_prolog` refuses DOCTYPE entity declarations (billion laughs, external
entities) without expanding or fetching anything.

A reader may be given a persons list, volume id and title for files that lack them, such as a
single document cut out of a volume (the FRUS per-document files).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from pathlib import PurePath

from fonds.core.parsing.tei_document import document_record, locator
from fonds.core.parsing.tei_text import XML_ID, Element, inline_text, local, tei
from fonds.core.parsing.tei_volume import PersonEntry, Volume, VolumeScan, release, scan_volume
from fonds.core.parsing.xml_safety import XmlInputError, check_prolog, iter_events
from fonds.core.records import CollectionRef, Extracted, Failed, Source

# A file up to this size is read in one pass, its records held until its end (about one and a half
# times the file's size in memory); a larger one in two, each record yielded as soon as it is read.
HOLD_BYTES = 32 * 1024 * 1024

# Divisions that group documents in FRUS volumes (TEI P5 §4.1 div/@type, FRUS values).
COLLECTION_TYPES = frozenset({"compilation", "part", "chapter", "subchapter"})

_TEI_NS = re.escape("http://www.tei-c.org/ns/1.0")
_ROOT = re.compile(r"<(?:([A-Za-z_][\w.-]*):)?TEI(?=[\s/>])([^>]*)")
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.DOTALL)
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*>", re.DOTALL)


class TeiReader:
    """FRUS TEI P5: a whole volume, or one document div with the volume's facts given."""

    name = "tei"

    def __init__(
        self,
        persons: Mapping[str, PersonEntry] | None = None,
        volume_key: str = "",
        volume_title: str = "",
    ) -> None:
        self.persons: Mapping[str, PersonEntry] = persons or {}
        self.volume_key = volume_key
        self.volume_title = volume_title

    def sniff(self, head: bytes) -> bool:
        """XML whose root element is TEI in the TEI P5 namespace (by content, not by name)."""
        match = _ROOT.match(_after_prolog(_decode_head(head)))
        if match is None:
            return False
        prefix, attributes = match.groups()
        declaration = f"xmlns:{prefix}" if prefix else "xmlns"
        pattern = rf"{declaration}\s*=\s*([\"']){_TEI_NS}\1"
        return re.search(pattern, attributes) is not None

    def read(self, source: Source) -> Iterator[Extracted | Failed]:
        try:
            check_prolog(source.data)
            held = self._read_at_once(source) if len(source.data) <= HOLD_BYTES else None
            if held is None:
                volume, warnings = self._volume(scan_volume(source.data), source)
        except XmlInputError as error:
            yield Failed(str(error), _file_locator(error.line))
            return
        if held is not None:
            yield from held
            return
        try:
            yield from _with_warnings(_documents(source.data, volume), warnings)
        except XmlInputError as error:  # pass 1 proved the file well-formed: should not happen
            yield Failed(str(error), _file_locator(error.line))

    def _read_at_once(self, source: Source) -> list[Extracted | Failed] | None:
        """Both passes in one: the records, held until the file's end proves it well-formed.

        None when what the documents were read with (the volume's id, title or lists) changed
        after the first document, as when the lists sit at the back: read it again in two passes.
        """
        scan = VolumeScan()
        titles: dict[str, str] = {}
        seen: set[str] = set()
        held: list[Extracted | Failed] = []
        volume: Volume | None = None
        warnings: tuple[str, ...] = ()
        for _event, element in iter_events(source.data, ("end",), (*scan.TAGS, tei("head"))):
            if local(element) == "head":
                _remember_title(element, titles)
                continue
            if local(element) == "div" and element.get("type") == "document":
                if volume is None:  # the documents are read with what the file said before them
                    volume, warnings = self._volume(scan.volume(), source)
                held.append(_one(element, volume, titles, seen))
            scan.take(element)
        if volume is not None and not _same_facts(self._volume(scan.volume(), source)[0], volume):
            return None
        return list(_with_warnings(iter(held), warnings))

    def _volume(self, scanned: Volume, source: Source) -> tuple[Volume, tuple[str, ...]]:
        """Fill what the file lacks from the reader's settings, else from the file name."""
        key = scanned.key or self.volume_key
        warnings: tuple[str, ...] = ()
        if not key:
            key = PurePath(source.name).stem
            warnings = (f"no FRUS volume id (publicationStmt/idno type='frus'); used '{key}'",)
        volume = dataclasses.replace(
            scanned,
            key=key,
            title=scanned.title or self.volume_title,
            persons=scanned.persons or self.persons,
        )
        return volume, warnings


READER = TeiReader()


def _with_warnings(
    results: Iterator[Extracted | Failed], warnings: tuple[str, ...]
) -> Iterator[Extracted | Failed]:
    """The volume's warnings first in every record's."""
    for result in results:
        if warnings and isinstance(result, Extracted):
            result = dataclasses.replace(result, warnings=(*warnings, *result.warnings))
        yield result


def _same_facts(one: Volume, other: Volume) -> bool:
    """Whether documents read with either volume read the same (its document count aside)."""
    return (one.key, one.title, one.persons, one.terms) == (
        other.key,
        other.title,
        other.persons,
        other.terms,
    )


def _documents(data: bytes, volume: Volume) -> Iterator[Extracted | Failed]:
    titles: dict[str, str] = {}
    seen: set[str] = set()
    for _event, element in iter_events(data, ("end",), (tei("head"), tei("div"))):
        if local(element) == "head":
            _remember_title(element, titles)
            continue
        if element.get("type") == "document":
            yield _one(element, volume, titles, seen)
        release(element)


def _one(
    div: Element, volume: Volume, titles: dict[str, str], seen: set[str]
) -> Extracted | Failed:
    ident = str(div.get(XML_ID) or "")
    # libxml2 already refuses a file whose xml:ids repeat (xml:id 1.0 §4); this guard keeps two
    # records from ever sharing a key should a parser let one through.
    if ident and ident in seen:
        return Failed(
            f"duplicate xml:id '{ident}': a second document cannot share its key", locator(div)
        )
    seen.add(ident)
    return document_record(div, volume, _collections(div, volume, titles))


def _collections(
    div: Element, volume: Volume, titles: Mapping[str, str]
) -> tuple[CollectionRef, ...]:
    """The volume, then each enclosing compilation/chapter/subchapter, root first."""
    refs = [CollectionRef(volume.key, volume.title)]
    for ancestor in reversed(list(div.iterancestors(tei("div")))):
        if ancestor.get("type") in COLLECTION_TYPES:
            key = _div_key(ancestor)
            refs.append(CollectionRef(f"{volume.key}/{key}", titles.get(key, "")))
    return tuple(refs)


def _remember_title(head: Element, titles: dict[str, str]) -> None:
    """Chapter heads come before their documents, which free them: keep the title as it passes."""
    parent = head.getparent()
    if parent is not None and local(parent) == "div" and parent.get("type") in COLLECTION_TYPES:
        titles.setdefault(_div_key(parent), inline_text(head, line_breaks=False))


def _div_key(div: Element) -> str:
    return str(div.get(XML_ID) or f"line{div.sourceline}")


def _file_locator(line: int) -> str:
    """Where in the file a whole-file refusal points (whoever reports it names the file)."""
    return f"line {line}" if line else ""


def _decode_head(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _after_prolog(text: str) -> str:
    """The text from the root element on: skip the XML declaration, PIs, comments, DOCTYPE."""
    position = 0
    while True:
        match = _DOCTYPE_SUBSET.match(text, position) or _PROLOG_ITEM.match(text, position)
        if match is None or match.end() == position:
            return text[position:]
        position = match.end()
