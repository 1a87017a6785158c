"""The reading step every page-like format shares: decode, parse into labelled parts, extract."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fonds.core.extraction.page import record_from_source_text
from fonds.core.parsing.base import ParseError, decode_text
from fonds.core.records import Extracted, Failed, Source
from fonds.core.sourcetext import SourceText


def read_page(
    source: Source, parse: Callable[[str, str], SourceText]
) -> Iterator[Extracted | Failed]:
    """The one record of a page-like format (pagetext, markdown): decode, parse, extract."""
    try:
        page = parse(decode_text(source.data), source.name)
    except ParseError as error:
        yield Failed(str(error))
        return
    yield record_from_source_text(page)
