"""A document page read into its labelled parts: what the page-like readers (page text,
Markdown, Word HTML) give the field extraction (`extraction.page`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document page read into its labelled parts, before any field is interpreted.

    `sections` maps a canonical label (see `LABELS`) to its text; a label present with nothing
    after it maps to "" (an absent value, never the text of the next label). `body` is text that
    sits under no label (a page capture's document text).
    """

    format: str
    name: str
    title: str
    date_text: str
    sections: Mapping[str, str] = field(default_factory=dict)
    body: str = ""
