"""Plain-text captures of a document page (text copied from an archive's web page).

Layout, as the Wilson Center Digital Archive prints it: a date line, the title, the document
text, then labelled metadata ("Author(s):", "Associated Places", ..., "Rights") each followed by
its value, or by nothing when the page shows an empty label.
"""

from __future__ import annotations

from collections.abc import Iterator

from fonds.core.extraction.dates import parse_date
from fonds.core.parsing.base import ParseError, label_of
from fonds.core.parsing.page import read_page
from fonds.core.records import Extracted, Failed, Source
from fonds.core.sourcetext import SourceText

NAME = "pagetext"


class PageTextReader:
    name = NAME

    def sniff(self, head: bytes) -> bool:
        lines = _nonblank(head.decode("utf-8", errors="ignore"))[:2]
        if len(lines) < 2 or lines[0].startswith(("{", "<", "#", "**")):
            return False
        return parse_date(lines[0]) is not None and parse_date(lines[1]) is None

    def read(self, source: Source) -> Iterator[Extracted | Failed]:
        return read_page(source, parse)


def parse(text: str, name: str) -> SourceText:
    lines = _nonblank(text)
    if len(lines) < 2 or parse_date(lines[0]) is None:
        raise ParseError("page text must start with a date line followed by the title")
    first_label = next((i for i, line in enumerate(lines) if label_of(line)), len(lines))
    return SourceText(
        format=NAME,
        name=name,
        date_text=lines[0],
        title=lines[1] if first_label > 1 else "",
        body="\n\n".join(lines[2:first_label]),
        sections=_sections(lines[first_label:]),
    )


def _sections(lines: list[str]) -> dict[str, str]:
    """Label lines open sections; a label followed directly by another label has no value."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        label, inline_value = _split_label(line)
        if label is not None:
            current = sections.setdefault(label, [])
            if inline_value:
                current.append(inline_value)
        elif current is not None:
            current.append(line)
    return {label: "\n\n".join(values) for label, values in sections.items()}


def _split_label(line: str) -> tuple[str | None, str]:
    label = label_of(line)
    if label is not None:
        return label, ""
    head, colon, rest = line.partition(":")
    if colon and label_of(head):
        return label_of(head), rest.strip()
    return None, ""


def _nonblank(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


READER = PageTextReader()
