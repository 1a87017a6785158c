"""HTML bytes -> paragraphs of plain text (`Page`), as Word's "Save as Web Page" writes them.

Only text is kept: scripts, styles, Word's XML islands, conditional comments, hidden text, page
headers and footers are dropped with all markup and attributes, so nothing active can survive
into a field. Paragraphs remember whether they are bold or headings (which is how a title or a
label shows itself), and Word's footnotes are collected as notes instead of paragraphs.

Encoding: a byte-order mark wins, else the `<meta charset>` (Word writes windows-1252 often),
else UTF-8; decoding is strict, and a file whose bytes do not match its declaration is refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from fonds.core.parsing.base import ParseError, decode_text
from fonds.core.records import Note


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Elements whose content is never document text (and may be active content).
_SKIP = _tags(
    "head title meta link script style xml template noscript iframe frame frameset object embed"
    " applet svg math canvas audio video source track select option textarea button input form"
    " map area"
)
_BLOCKS = _tags(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table thead tbody tfoot tr td th"
    " caption section article header footer nav aside address hr body center figure figcaption"
    " main details summary"
)
_BOLD_TAGS = frozenset({"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_CLASSES = frozenset({"msotitle", "msosubtitle"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.IGNORECASE)
_NOT_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)\b", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.IGNORECASE)
_MSO_ELEMENT = re.compile(r"mso-element\s*:\s*([a-z-]+)", re.IGNORECASE)
# Word's page furniture and reviewers' comments: not part of the document's text.
_MSO_DROPPED = re.compile(r"header|footer|.*separator|comment.*|.*continuation.*")
_MSO_NOTES = frozenset({"footnote", "endnote"})
# "[1] Text", "1. Text", "* Text": the note's own marker, as Word writes it before the note.
_NOTE_MARKER = re.compile(
    r"^(?:\[(?P<bracketed>[^\]\s]{1,8})\]|(?P<plain>[0-9*†‡§]{1,4})[.)]?(?=\s))\s*"
)
# Characters that only steer rendering; the zero-width (non-)joiners are kept: they spell words.
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)""", re.I)
_PRESCAN_BYTES = 16384
MAX_HTML_BYTES = 64 * 1024 * 1024  # the parsed tree takes several times the file's size
_HUGE_HINT = re.compile(r",?\s*(try|use) XML_PARSE_HUGE.*")  # libxml2's advice to programmers
_SINGLE_BYTE_CODECS = ("cp125", "iso8859", "koi8", "mac-", "cp437", "cp850", "cp866")


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of text, with what its formatting says about it."""

    text: str
    emphasized: bool  # a heading, Word's Title style, or bold throughout
    lead: str = ""  # the bold text it starts with, e.g. "Summary:" in "Summary: Kim discusses..."


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML file holds as text: its <title>, paragraphs and footnotes."""

    title: str
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    warnings: tuple[str, ...] = ()
    language: str = ""  # the `lang` it declares, e.g. "EN-US"


def parse_page(data: bytes) -> Page:
    """Decode and parse an HTML file into paragraphs of plain text; ParseError if it cannot be."""
    if not data.strip():
        raise ParseError("empty file")
    if len(data) > MAX_HTML_BYTES:
        raise ParseError(
            f"{len(data):,} bytes of HTML; fonds reads up to {MAX_HTML_BYTES:,} (split the file)"
        )
    html = decode_html(data)
    # huge_tree lifts libxml2's 10 MB buffer limit, which it enforces on the input as a whole
    # (long transcripts exceed it) rather than per text; nesting stays limited, and is reported.
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError) as error:
        raise ParseError(f"not readable as HTML: {error}") from None
    _refuse_partial(parser.error_log)
    collector = _Collector()
    body = root.find("body")
    collector.walk(root if body is None else body)
    warnings = () if _complete(data) else ("no </html> at the end: the file may be truncated",)
    language = (body if body is not None else root).get("lang") or root.get("lang") or ""
    return Page(
        _title_text(root), tuple(collector.blocks), tuple(collector.notes), warnings, language
    )


def _refuse_partial(errors: etree._ListErrorLog) -> None:
    """libxml2 recovers from exceeding its limits (nesting over 2048 levels) by dropping what is
    beyond them; half a document is worse than none."""
    fatal = errors.filter_from_fatals()
    if fatal:
        first = fatal[0]
        reason = _HUGE_HINT.sub("", first.message).strip()
        raise ParseError(f"HTML beyond the parser's limits at line {first.line}: {reason}")


# --- decoding -------------------------------------------------------------------------------


def decode_html(data: bytes) -> str:
    """The text of an HTML file: by its BOM, else its <meta charset>, else UTF-8; always strict."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data)
    declared = _declared_charset(data)
    if declared is None:
        return decode_text(data)
    try:
        codec = codecs.lookup(_WHATWG_ALIASES.get(declared.lower(), declared))
    except LookupError:
        raise ParseError(f"unknown encoding '{declared}' in the <meta charset>") from None
    if codec.name.startswith(("utf-16", "utf-32")):
        raise ParseError(f"<meta charset> says {declared} but the file has no byte-order mark")
    return _decode_declared(data, declared, codec.name)


# Browsers read these labels as windows-1252 (WHATWG Encoding), and Word means it when it says so.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return None if match is None else match.group(1).decode("ascii")


def _decode_declared(data: bytes, declared: str, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise ParseError(
            f"not valid {declared} as its <meta charset> declares"
            f" (byte 0x{bad} at offset {error.start})"
        ) from None
    if codec.startswith(_SINGLE_BYTE_CODECS) and _is_utf8_text(data):
        offset = next(i for i, byte in enumerate(data) if byte >= 0x80)
        raise ParseError(
            f"<meta charset> says {declared} but the bytes are UTF-8 (from offset {offset});"
            " correct the declaration or save the file again"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_utf8_text(data: bytes) -> bool:
    """Non-ASCII bytes that all form valid UTF-8 sequences: text in a legacy single-byte encoding
    practically never does, so this is UTF-8 whose declaration is wrong (decoding it as declared
    would turn every accented name into mojibake)."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _complete(data: bytes) -> bool:
    """Word always closes <html>; an explicit <html> never closed means the file was cut."""
    head = data[:_PRESCAN_BYTES].lower()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True  # a byte search cannot see markup in UTF-16; do not guess
    return b"<html" not in head or b"</html" in data[-_PRESCAN_BYTES:].lower()


def _title_text(root: lxml.html.HtmlElement) -> str:
    title = root.find(".//title")
    if title is None:
        return ""
    return _INVISIBLE.sub("", " ".join((title.text_content() or "").split()))


# --- text collection ------------------------------------------------------------------------


@dataclass(slots=True)
class _Frame:
    """What an open element means for the text inside it."""

    bold: bool
    preformatted: bool
    block: bool
    skipped: bool


@dataclass(slots=True)
class _Collector:
    """Walks an element tree (iteratively: nesting depth is the input's to choose) into blocks."""

    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    _parts: list[tuple[str, bool]] = field(default_factory=list)
    _root: lxml.html.HtmlElement | None = None

    def walk(self, root: lxml.html.HtmlElement) -> None:
        self._root = root
        stack: list[_Frame] = [_Frame(False, False, True, False)]
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            if event == "start":
                frame = self._open(element, stack[-1])
                stack.append(frame)
                if frame.skipped:
                    walker.skip_subtree()
            else:
                frame = stack.pop()
                if frame.block:
                    self.flush()
                if element is not root and element.tail:
                    self._add(element.tail, stack[-1])
        self.flush()

    def _open(self, element: lxml.html.HtmlElement, parent: _Frame) -> _Frame:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        style = element.get("style", "")
        if (
            not tag
            or tag in _SKIP
            or _HIDDEN_STYLE.search(style)
            or element.get("hidden") is not None
        ):
            return _Frame(parent.bold, parent.preformatted, False, True)
        mso = _MSO_ELEMENT.search(style) if element is not self._root else None
        if mso and _mso_skipped(mso.group(1).lower(), element, self.notes):
            return _Frame(parent.bold, parent.preformatted, True, True)
        frame = _Frame(
            bold=_is_bold(element, tag, style, parent.bold),
            preformatted=parent.preformatted or tag == "pre",
            block=tag in _BLOCKS,
            skipped=False,
        )
        if frame.block:
            self.flush()
        if tag == "br":
            self._parts.append(("\n", parent.bold))
        elif element.text:
            self._add(element.text, frame)
        return frame

    def _add(self, text: str, frame: _Frame) -> None:
        text = _INVISIBLE.sub("", text)
        if not frame.preformatted:
            self._parts.append((_collapse(text), frame.bold))
            return
        for index, line in enumerate(text.split("\n")):
            if index:
                self._parts.append(("\n", frame.bold))
            self._parts.append((line, frame.bold))

    def flush(self) -> None:
        """End the current paragraph; a blank line inside it (<br><br>) splits it in two."""
        for segment in _segments(self._parts):
            block = _block(segment)
            if block is not None:
                self.blocks.append(block)
        self._parts = []


def _collapse(text: str) -> str:
    """HTML's white space: each run of it, line breaks included, is one space."""
    words = " ".join(text.split())
    if not words:
        return " " if text else ""
    return (" " * text[0].isspace()) + words + (" " * text[-1].isspace())


def _mso_skipped(kind: str, element: lxml.html.HtmlElement, notes: list[Note]) -> bool:
    """Word marks its page furniture with `mso-element`; footnotes become notes, not paragraphs."""
    if kind in _MSO_NOTES:
        note = _note(element)
        if note is not None:
            notes.append(note)
        return True
    return bool(_MSO_DROPPED.fullmatch(kind))


def _note(element: lxml.html.HtmlElement) -> Note | None:
    collector = _Collector()
    collector.walk(element)
    text = "\n\n".join(block.text for block in collector.blocks)
    if not text:
        return None
    match = _NOTE_MARKER.match(text)
    if match is None:
        return Note(marker="", body=text)
    marker = match.group("bracketed") or match.group("plain")
    return Note(marker=marker, body=text[match.end() :].strip())


def _is_bold(element: lxml.html.HtmlElement, tag: str, style: str, inherited: bool) -> bool:
    if _NOT_BOLD_STYLE.search(style):
        return False
    classes = {c.lower() for c in element.get("class", "").split()}
    return (
        inherited
        or tag in _BOLD_TAGS
        or bool(_BOLD_STYLE.search(style))
        or bool(classes & _TITLE_CLASSES)
    )


def _segments(parts: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    """Split a paragraph's runs at blank lines (two line breaks with only spaces between)."""
    segments: list[list[tuple[str, bool]]] = [[]]
    for text, bold in parts:
        if text == "\n" and _ends_with_break(segments[-1]):
            segments.append([])
            continue
        segments[-1].append((text, bold))
    return segments


def _ends_with_break(segment: list[tuple[str, bool]]) -> bool:
    for text, _bold in reversed(segment):
        if text == "\n":
            return True
        if text.strip():
            return False
    return False


def _block(segment: list[tuple[str, bool]]) -> Block | None:
    raw = "".join(text for text, _bold in segment)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        return None
    emphasized = all(bold for part, bold in segment if part.strip())
    lead: list[str] = []
    for part, bold in segment:
        if part.strip() and not bold:
            break
        lead.append(part)
    return Block(text, emphasized, "" if emphasized else " ".join("".join(lead).split()))
