"""Markdown exports of a document page: bold paragraphs for the date, the title and the labels.

Parsed with markdown-it-py (CommonMark) with raw HTML disabled, so markup in the input is kept as
literal text and can never reach a page as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from fonds.core.extraction.dates import parse_date
from fonds.core.parsing.base import ParseError, label_of
from fonds.core.parsing.page import read_page
from fonds.core.records import Extracted, Failed, Source
from fonds.core.sourcetext import SourceText

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

NAME = "markdown"
_BOLD_LINE = re.compile(rb"^[ \t]*(\*\*|__)[^*_\n]+(\*\*|__)[ \t]*$", re.MULTILINE)
_HEADING_LINE = re.compile(rb"^#{1,6} \S", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    emphasized: bool  # the whole block is bold, or a heading: a date, a title or a label


class MarkdownReader:
    name = NAME

    def sniff(self, head: bytes) -> bool:
        bold = [
            m.group(0).strip(b" \t*_").decode("utf-8", "ignore") for m in _BOLD_LINE.finditer(head)
        ]
        has_label = any(label_of(line) for line in bold)
        return len(bold) >= 2 or has_label or bool(_HEADING_LINE.search(head))

    def read(self, source: Source) -> Iterator[Extracted | Failed]:
        return read_page(source, parse)


def parse(text: str, name: str) -> SourceText:
    blocks = blocks_of(text)
    date_text, title, rest = _head(blocks)
    if not title:
        raise ParseError("Markdown record has no title (expected a bold line or a heading)")
    sections: dict[str, list[str]] = {}
    body: list[str] = []
    current = body
    for block in rest:
        label = label_of(block.text) if block.emphasized else None
        if label is not None:
            current = sections.setdefault(label, [])
        else:
            current.append(block.text)
    return SourceText(
        format=NAME,
        name=name,
        title=title,
        date_text=date_text,
        sections={label: "\n\n".join(values) for label, values in sections.items()},
        body="\n\n".join(body),
    )


def _head(blocks: list[Block]) -> tuple[str, str, list[Block]]:
    """Date and title: the leading emphasized blocks that are not labels."""
    date_text = title = ""
    index = 0
    while index < len(blocks) and index < 2 and blocks[index].emphasized:
        block = blocks[index]
        if label_of(block.text):
            break
        if not date_text and not title and parse_date(block.text):
            date_text = block.text
        elif not title:
            title = block.text
        index += 1
    return date_text, title, blocks[index:]


def blocks_of(text: str) -> list[Block]:
    """Top-level blocks of a Markdown text, as plain text (line breaks kept)."""
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    for position, token in enumerate(tokens):
        if token.type != "inline" or token.level > 2:
            continue
        opener = tokens[position - 1]
        heading = opener.type == "heading_open"
        plain, bold = _inline_text(token.children or [])
        if plain.strip():
            blocks.append(Block(plain.strip(), heading or bold))
    return blocks


@cache
def _parser() -> MarkdownIt:
    """Built on first use: every ingest looks for this format, few files are Markdown, and the
    library takes a twentieth of a second to import."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def _inline_text(children: list[Token]) -> tuple[str, bool]:
    """The text of an inline run, and whether all of it is bold."""
    parts: list[str] = []
    depth = 0
    plain_outside_bold = False
    for child in children:
        if child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close":
            depth -= 1
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n" if child.type == "hardbreak" else " ")
        elif child.content:
            parts.append(child.content)
            plain_outside_bold |= depth == 0 and bool(child.content.strip())
    return "".join(parts), not plain_outside_bold


READER = MarkdownReader()
