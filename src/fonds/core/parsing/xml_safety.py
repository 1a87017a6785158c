"""Refuse hostile XML before a tree parser sees it, and parse the rest with a locked-down lxml.

Rules (after defusedxml's `forbid_entities`, applied to the prolog, where XML 1.0 §2.8 allows a
DOCTYPE to be):
- an entity declaration in the DOCTYPE, general or parameter, internal or external, is refused:
  expanding entities is how "billion laughs" (XML 1.0 §4.1-4.4) and external-entity reads (XXE)
  work, and TEI P5 never needs one. The check runs with expat over the prolog only, so nothing is
  ever expanded or fetched; expat stops at the first element.
- an external DTD may be named, but it is never loaded (`load_dtd=False`, `no_network=True`).
- a declared 8-bit encoding contradicted by bytes that are valid multi-byte UTF-8 is refused: read
  as declared (XML 1.0 §4.3.3) it would silently garble every non-ASCII name.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from fonds.core.parsing.base import ParseError

_CHUNK = 64 * 1024
_UNICODE_ENCODINGS = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})


class XmlInputError(ParseError):
    """The XML is hostile, malformed or mis-declared; `line` says where (0 when unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


class _RootReachedError(Exception):
    """Raised from expat's start-element handler: the prolog is over and was clean."""


def check_prolog(data: bytes) -> None:
    """Raise XmlInputError if the prolog declares entities, is malformed or misstates encoding."""
    declared: list[str] = []
    parser = _prolog_parser(declared)
    try:
        for start in range(0, len(data), _CHUNK):
            parser.Parse(data[start : start + _CHUNK], False)
        parser.Parse(b"", True)
    except _RootReachedError:
        pass
    except LookupError as error:  # pyexpat asks Python's codecs for an unknown encoding name
        raise XmlInputError(f"cannot read the declared encoding ({error})", 1) from None
    except expat.ExpatError as error:
        raise XmlInputError(
            f"not well-formed XML: {expat.ErrorString(error.code)}", error.lineno
        ) from None
    if declared:
        _check_declared_encoding(declared[0], data)


def _prolog_parser(declared: list[str]) -> Any:
    parser = expat.ParserCreate()

    def refuse_entity(name: str, is_parameter: int, *_: object) -> None:
        kind = "parameter entity" if is_parameter else "entity"
        raise XmlInputError(
            f"refused: the DOCTYPE declares the {kind} '{name}'; entity declarations are never"
            " expanded (they are how billion-laughs and external-entity attacks work)",
            parser.CurrentLineNumber,
        )

    def refuse_unparsed(name: str, *_: object) -> None:
        raise XmlInputError(
            f"refused: the DOCTYPE declares the unparsed entity '{name}'", parser.CurrentLineNumber
        )

    def xml_declaration(_version: str, encoding: str | None, _standalone: int) -> None:
        if encoding:
            declared.append(encoding)

    def root_reached(*_: object) -> None:
        raise _RootReachedError

    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_unparsed
    parser.XmlDeclHandler = xml_declaration
    parser.StartElementHandler = root_reached
    return parser


def _check_declared_encoding(encoding: str, data: bytes) -> None:
    """A declared legacy encoding must not be contradicted by multi-byte UTF-8 in the bytes."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise XmlInputError(f"unknown encoding declared: '{encoding}'", 1) from None
    if name in _UNICODE_ENCODINGS or data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # genuinely 8-bit text: read it as declared
    raise XmlInputError(
        f"declares encoding '{encoding}' but its bytes are UTF-8: read as declared, every"
        " non-ASCII letter would be garbled; correct the XML declaration to UTF-8",
        1,
    )


def iter_events(data: bytes, events: tuple[str, ...], tags: tuple[str, ...]) -> Iterator[Any]:
    """lxml iterparse with entities, DTDs and the network switched off; errors name the line."""
    parser = etree.iterparse(
        io.BytesIO(data),
        events=events,
        tag=tags,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        yield from parser
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else 0)
        raise XmlInputError(f"not well-formed XML: {error.msg}", line) from None
