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
from functools import lru_cache
from typing import Any

from fonds.core.records import Note

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

Element = Any  # an lxml.etree._Element; lxml ships no type hints

_WHITE = r"[ \t\r\n\f\v\u00a0]"
# A whitespace run, except a lone space (already what collapsing makes of it): most runs are lone
# spaces between words, and not matching them makes collapsing twice as fast; the possessive `*+`
# (never given back: nothing follows it) is faster again on the indentation of pretty-printed XML.
_SPACES = re.compile(rf"{_WHITE}(?<! (?!{_WHITE})){_WHITE}*+")
# Where `lb` breaks a line, the walk leaves this character, which XML 1.0 (§2.2 Char) forbids in
# any document: so it can only come from an `lb`, and whitespace collapsing never swallows it.
_BREAK = "\x01"
_SILENT = frozenset({"pb", "milestone", "anchor", "figure", "graphic", "fw"})
_NEW_LINE_BEFORE = frozenset({"signed", "salute", "dateline", "addrLine", "l"})
_OPENERS = _NEW_LINE_BEFORE | {"cell"}
_CONTAINERS = frozenset(
    {"div", "list", "attachment", "postscript", "quote", "table", "opener", "floatingText", "lg"}
)
_BLOCK_TAGS = ("{*}p", "{*}list", "{*}table")  # the blocks that make their parent a container


@lru_cache(maxsize=4096)
def local_name(tag: str) -> str:
    """A tag's name without its namespace: "{http://www.tei-c.org/ns/1.0}p" -> "p"."""
    return tag.rsplit("}", 1)[-1]


def local(element: Element) -> str:
    """The element's name without namespace ("" for comments and processing instructions)."""
    tag = element.tag
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = local_name(tag) if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 4096:
            _LOCAL_NAMES[tag] = name
    return name


# Tag -> local name, looked up first: a document has a few dozen tags, and a plain dict lookup is
# cheaper than the type test and cached call (keys are tag strings, or lxml's Comment, PI and
# Entity factories, which comments, PIs and entities have as their tag).
_LOCAL_NAMES: dict[object, str] = {}


def tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


@dataclass
class NoteSink:
    """Collects footnotes in document order while text is flattened."""

    notes: list[Note] = field(default_factory=list)


def inline_text(element: Element, sink: NoteSink | None = None, *, line_breaks: bool = True) -> str:
    """The element's text content: notes lifted into `sink` (or dropped when it is None).

    Whitespace runs collapse to one space and each line is trimmed; with `line_breaks`, the lines
    that `lb` (and the line-starting elements) make are kept, joined by "\n"."""
    if len(element) == 0:  # no children: only its own text (the common case: a name, a date)
        return _collapsed(element.text or "")
    pieces: list[str] = []
    _walk(element, pieces, sink, _BREAK if line_breaks else " ")
    text = _collapsed("".join(pieces))
    if _BREAK not in text:
        return text
    return "\n".join(line.strip() for line in text.split(_BREAK)).strip()


def _collapsed(text: str) -> str:
    """Every whitespace run as one space, trimmed."""
    # Pretty-printed TEI wraps its text: most runs are a line end and the next line's indentation.
    # Trimming each line of XML layout whitespace (XML 1.0 §2.3 S: space, tab, CR, LF) and joining
    # the lines with a space collapses those runs, twice as fast as `split`. The result is exact
    # unless a run was left that is not one space (blank lines, double spaces or tabs inside a
    # line) or a no-break space is there to collapse: then the general rule below does it all.
    joined = _joined_lines(text) if "\n" in text else text
    collapsed = joined.strip()
    if not ("  " in collapsed or "\t" in collapsed or "\r" in collapsed or "\xa0" in collapsed):
        return collapsed
    if text.isascii():
        # The only ASCII whitespace XML text can hold is space, tab, CR and LF (XML 1.0 §2.2
        # Char): `split` splits at exactly those, and is faster than the pattern.
        return " ".join(text.split())
    return _SPACES.sub(" ", text).strip()


def _joined_lines(text: str) -> str:
    """The lines of `text`, each trimmed of XML layout whitespace, joined by a space."""
    lines = text.split("\n")
    if text.isascii():  # the only whitespace it can hold is XML's (see `_collapsed`)
        return " ".join(map(str.strip, lines))  # plain `strip`: the same here, and faster
    return " ".join([line.strip(" \t\r") for line in lines])


def note_marker(note: Element) -> str:
    return str(note.get("n") or "*")


def _walk(element: Element, pieces: list[str], sink: NoteSink | None, line_break: str) -> None:
    """Append the raw text under `element` to `pieces`, `line_break` where a line ends."""
    if text := element.text:
        pieces.append(text)
    first_cell = True
    for child in element:
        tag = child.tag
        kind = _KINDS.get(tag)
        if kind is None:
            kind = _kind(tag)
        if kind <= _LINE_START:
            if kind == _LINE_START:
                first_cell = _open(local_name(tag), pieces, line_break, first_cell)
            if len(child):
                _walk(child, pieces, sink, line_break)
            elif text := child.text:
                pieces.append(text)
        elif kind == _NOTE:
            _lift_note(child, pieces, sink, line_break)
        elif kind == _LINE_BREAK:
            pieces.append(line_break)
        elif kind == _NODE and str(child.text or "").startswith("&"):
            pieces.append(child.text)  # an entity left unexpanded stays visible, as written
        if tail := child.tail:
            pieces.append(tail)


# What the walk does with an element, by its tag: cached, as the walk meets the same few tags
# over and over.
_PLAIN, _LINE_START, _NOTE, _LINE_BREAK, _SILENCED, _NODE = range(6)
_KINDS: dict[object, int] = {}


def _kind(tag: object) -> int:
    kind = _kind_of_name(local_name(tag)) if isinstance(tag, str) else _NODE  # _NODE: an entity
    if len(_KINDS) < 4096:
        _KINDS[tag] = kind
    return kind


def _kind_of_name(name: str) -> int:
    if name == "note":
        return _NOTE
    if name == "lb":
        return _LINE_BREAK
    if name in _SILENT:
        return _SILENCED
    return _LINE_START if name in _OPENERS else _PLAIN


def _open(name: str, pieces: list[str], line_break: str, first_cell: bool) -> bool:
    """Start a line (or a table cell) for the element `name`; whether the next cell is a row's
    first."""
    if name == "cell":
        if not first_cell:
            pieces.append(" | ")
        return False
    if _has_text(pieces):
        pieces.append(line_break)
    return first_cell


def _has_text(pieces: list[str]) -> bool:
    """Whether anything but whitespace and line breaks has been written yet."""
    return any(piece != _BREAK and not piece.isspace() for piece in pieces)


def _lift_note(note: Element, pieces: list[str], sink: NoteSink | None, line_break: str) -> None:
    if sink is None:
        return
    marker = note_marker(note)
    pieces.append(f"[{marker}]".replace("\n", line_break))  # as ever: a newline in @n breaks
    add_note(note, sink)


def add_note(note: Element, sink: NoteSink) -> None:
    """Record a footnote; its own nested notes are lifted into the sink after it."""
    nested = NoteSink()
    body = inline_text(note, nested)
    sink.notes.append(Note(marker=note_marker(note), body=body))
    sink.notes.extend(nested.notes)


def paragraphs(element: Element, skip: list[Element], sink: NoteSink) -> list[str]:
    """The block paragraphs under `element`, leaving out the elements in `skip`."""
    # Containers hold blocks; so does an `item` or `cell` holding paragraphs or lists. Finding
    # every block's parent in one pass (lxml matches the tags in C) is cheaper than looking
    # through the children of every paragraph for one.
    holders = {block.getparent() for block in element.iterdescendants(*_BLOCK_TAGS)}
    found: list[str] = []
    _paragraphs(element, skip, sink, holders, found)
    return found


def _paragraphs(
    element: Element, skip: list[Element], sink: NoteSink, holders: set[Element], found: list[str]
) -> None:
    """Append the block paragraphs under `element` to `found`."""
    pending_label = ""
    for child in element:
        name = local(child)
        if not name or name in _SILENT or child in skip:  # `in` compares by identity here
            continue
        if name == "note" and child.get("type") != "source":
            add_note(child, sink)  # a note at block level anchors nowhere: keep its body only
        elif name == "label":
            pending_label = inline_text(child, sink)
        elif name in _CONTAINERS or child in holders:
            _paragraphs(child, skip, sink, holders, found)
        else:
            text = inline_text(child, sink)
            text = f"{pending_label} {text}".strip() if pending_label else text
            pending_label = ""
            if text:
                found.append(text)
    if pending_label:
        found.append(pending_label)
