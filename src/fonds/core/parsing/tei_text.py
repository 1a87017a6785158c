"""TEI P5 elements -> plain text: inline content, footnotes and block paragraphs.

Conventions, each following a TEI P5 guideline:
- `lb` (§3.11.3, a line break in the source) becomes a line break inside the paragraph, or a space
  in a name or title; `pb` and other milestones (§3.11.3) are print layout and vanish.
- `note` (§3.9, an annotation) is lifted out of the running text: its body becomes a `Note` and
  the text keeps the marker as "[n]" (the note's `@n`, or "*" when it has none) where it was
  anchored, so a reader can find it; in titles and names the note is dropped.
- An entity reference that was not expanded (one declared in an external DTD, never loaded)
  stays in the text as written ("&x;"), so nothing disappears silently.
- Whitespace is XML-insignificant layout (XML 1.0 §2.10 leaves it to the application): every run
  collapses to one space.
- Paragraphs are the block elements (§3.1 `p`, §3.8 lists, §4.2 openers and closers, §14 tables,
  FRUS `frus:attachment`), separated in the body by a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fonds.core.records import Note

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

Element = Any  # an lxml.etree._Element; lxml ships no type hints

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_LINE_EDGES = re.compile(r" *\n *")
_SILENT = frozenset({"pb", "milestone", "anchor", "figure", "graphic", "fw"})
_NEW_LINE_BEFORE = frozenset({"signed", "salute", "dateline", "addrLine", "l"})
_CONTAINERS = frozenset(
    {"div", "list", "attachment", "postscript", "quote", "table", "opener", "floatingText", "lg"}
)


def local(element: Element) -> str:
    """The element's name without namespace ("" for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def normalize(text: str) -> str:
    """Collapse whitespace runs, keep the line breaks that `lb` produced, trim."""
    return _LINE_EDGES.sub("\n", _SPACES.sub(" ", text)).strip()


@dataclass
class NoteSink:
    """Collects footnotes in document order while text is flattened."""

    notes: list[Note] = field(default_factory=list)


def inline_text(element: Element, sink: NoteSink | None = None, *, line_breaks: bool = True) -> str:
    """The element's text content: notes lifted into `sink` (or dropped when it is None)."""
    pieces: list[str] = []
    _walk(element, pieces, sink, line_breaks)
    text = "".join(pieces)
    if line_breaks:
        return "\n".join(normalize(line) for line in text.split("\n")).strip()
    return normalize(text.replace("\n", " "))


def note_marker(note: Element) -> str:
    return str(note.get("n") or "*")


def _walk(element: Element, pieces: list[str], sink: NoteSink | None, breaks: bool) -> None:
    if element.text:
        pieces.append(_SPACES.sub(" ", element.text))
    first_cell = True
    for child in element:
        name = local(child)
        if not name and str(child.text or "").startswith("&"):
            pieces.append(child.text)  # an entity left unexpanded stays visible, as written
        elif name == "note":
            _lift_note(child, pieces, sink)
        elif name == "lb":
            pieces.append("\n" if breaks else " ")
        elif name and name not in _SILENT:
            if name in _NEW_LINE_BEFORE and "".join(pieces).strip():
                pieces.append("\n" if breaks else " ")
            if name == "cell" and not first_cell:
                pieces.append(" | ")
            first_cell = first_cell and name != "cell"
            _walk(child, pieces, sink, breaks)
        if child.tail:
            pieces.append(_SPACES.sub(" ", child.tail))


def _lift_note(note: Element, pieces: list[str], sink: NoteSink | None) -> None:
    if sink is None:
        return
    marker = note_marker(note)
    pieces.append(f"[{marker}]")
    add_note(note, sink)


def add_note(note: Element, sink: NoteSink) -> None:
    """Record a footnote; its own nested notes are lifted into the sink after it."""
    nested = NoteSink()
    body = inline_text(note, nested)
    sink.notes.append(Note(marker=note_marker(note), body=body))
    sink.notes.extend(nested.notes)


def paragraphs(element: Element, skip: list[Element], sink: NoteSink) -> list[str]:
    """The block paragraphs under `element`, leaving out the elements in `skip`."""
    found: list[str] = []
    pending_label = ""
    for child in element:
        name = local(child)
        if not name or name in _SILENT or any(child is s for s in skip):
            continue
        if name == "note" and child.get("type") != "source":
            add_note(child, sink)  # a note at block level anchors nowhere: keep its body only
        elif name == "label":
            pending_label = inline_text(child, sink)
        elif _is_container(child):
            found.extend(paragraphs(child, skip, sink))
        else:
            text = inline_text(child, sink)
            text = f"{pending_label} {text}".strip() if pending_label else text
            pending_label = ""
            if text:
                found.append(text)
    if pending_label:
        found.append(pending_label)
    return found


def _is_container(element: Element) -> bool:
    """Containers hold blocks; an `item` or `cell` holding paragraphs or lists is one too."""
    name = local(element)
    if name in _CONTAINERS:
        return True
    return any(local(child) in {"p", "list", "table"} for child in element)
