"""First pass over a FRUS TEI volume: its identity, title, persons list and abbreviations list.

FRUS volumes keep the persons list (`div xml:id="persons"`) and the abbreviations list
(`div xml:id="terms"`) in the front or back matter; documents point into them with
`persName/@corresp` and `gloss/@target` (TEI P5 §1.3.1 pointers). This pass reads the whole file
once, keeping only those lists (every `div` is released as soon as it ends, so memory stays flat),
and so also proves the file well-formed before the second pass yields a single record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from fonds.core.parsing.tei_text import XML_ID, Element, inline_text, local, tei
from fonds.core.parsing.xml_safety import iter_events
from fonds.core.records import GlossaryEntry

_PUNCTUATION = " ,;:"


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One entry of a volume's persons list: the name as listed and the identification after it."""

    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Volume:
    key: str  # the FRUS volume id, e.g. "frus1964-68v29p2"
    title: str
    persons: Mapping[str, PersonEntry] = field(default_factory=dict)
    terms: Mapping[str, GlossaryEntry] = field(default_factory=dict)
    document_count: int = 0


@dataclass
class VolumeScan:
    """The volume's facts, gathered from the elements of `TAGS` as each one ends."""

    TAGS: ClassVar[tuple[str, ...]] = (tei("TEI"), tei("titleStmt"), tei("idno"), tei("div"))

    key: str = ""
    root_id: str = ""
    title: str = ""
    persons: dict[str, PersonEntry] = field(default_factory=dict)
    terms: dict[str, GlossaryEntry] = field(default_factory=dict)
    documents: int = 0

    def take(self, element: Element) -> None:
        """Note what a finished element says about the volume; release a finished div."""
        name = local(element)
        if name == "idno" and element.get("type") == "frus":
            self.key = self.key or inline_text(element, line_breaks=False)
        elif name == "titleStmt":
            self.title = self.title or volume_title(element)
        elif name == "TEI":
            self.root_id = str(element.get(XML_ID) or "")
        elif name == "div":
            self._take_div(element)
            release(element)

    def _take_div(self, div: Element) -> None:
        kind = div.get(XML_ID)
        if div.get("type") == "document":
            self.documents += 1
        elif kind == "persons":
            self.persons.update(persons_list(div))
        elif kind == "terms":
            self.terms.update(terms_list(div))

    def volume(self) -> Volume:
        """The volume as scanned so far (its lists copied: scanning on does not change it)."""
        return Volume(
            key=self.key or self.root_id,
            title=self.title,
            persons=dict(self.persons),
            terms=dict(self.terms),
            document_count=self.documents,
        )


def scan_volume(data: bytes) -> Volume:
    """Read identity, title and lists; raise XmlInputError (with the line) if the XML is broken."""
    scan = VolumeScan()
    for _event, element in iter_events(data, ("end",), VolumeScan.TAGS):
        scan.take(element)
    return scan.volume()


def volume_title(title_stmt: Element) -> str:
    """TEI P5 §2.2.1 titleStmt: FRUS gives the full title as `title type="complete"`."""
    titles = [t for t in title_stmt if local(t) == "title"]
    for title in titles:
        if title.get("type") == "complete":
            return inline_text(title, line_breaks=False)
    return ", ".join(t for t in (inline_text(x, line_breaks=False) for x in titles) if t)


def persons_list(div: Element) -> dict[str, PersonEntry]:
    """`item`s each holding a `persName xml:id=…` followed by the person's identification."""
    return {key: PersonEntry(*pair) for key, pair in _labelled_items(div, "persName").items()}


def terms_list(div: Element) -> dict[str, GlossaryEntry]:
    """`item`s each holding a `term xml:id=…` followed by its expansion (TEI P5 §3.4.1)."""
    return {key: GlossaryEntry(*pair) for key, pair in _labelled_items(div, "term").items()}


def _labelled_items(div: Element, label: str) -> dict[str, tuple[str, str]]:
    """For each `item` whose first `label` element has an xml:id: that id -> (the label's
    text, the item's text after it)."""
    found: dict[str, tuple[str, str]] = {}
    for item in div.iter(tei("item")):
        named = next((n for n in item.iter(tei(label)) if n.get(XML_ID)), None)
        if named is None:
            continue
        text = inline_text(named, line_breaks=False)
        found[str(named.get(XML_ID))] = (text, _after(inline_text(item), text))
    return found


def _after(entry: str, head: str) -> str:
    """The entry's text after its leading name, without the separating punctuation."""
    entry = " ".join(entry.split())
    rest = entry[len(head) :] if entry.startswith(head) else entry.replace(head, "", 1)
    return rest.lstrip(_PUNCTUATION).strip()


def release(element: Element) -> None:
    """Free a finished element and the already-finished siblings before it (flat memory)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]
