"""A labelled document page (SourceText) -> DocumentRecord: each field interpreted by its rule."""

from __future__ import annotations

import re

from fonds.core.extraction.agents import names_from_list, people_from_title, with_bracketed_variants
from fonds.core.extraction.dates import parse_date
from fonds.core.extraction.identity import source_key_for
from fonds.core.extraction.people_in_text import people_in_text
from fonds.core.extraction.references import parse_citation
from fonds.core.records import (
    Agent,
    DocumentRecord,
    Extracted,
    Failed,
    Place,
    PlaceRole,
    Role,
    Text,
    TextKind,
)
from fonds.core.sourcetext import SourceText

# "[Signature] (V. Kuznetsov)", "(signed) A. Gromyko", "/s/ Smith": the end of a letter's text.
_SIGNATURE = re.compile(
    r"^(?:\[signature\]|\(signed\)|/s/)|^\(?(?:[A-Z]\.\s?)+[A-Z][\w-]+\)?$", re.IGNORECASE
)
# "Translation - English", "Original - Russian": the heading of one text in "Contents".
_TEXT_HEADING = re.compile(
    r"^(?P<kind>Translation|Original|Transcription)\s*[-–—:]\s*(?P<language>[A-Za-z ]+)$"
)


def record_from_source_text(page: SourceText) -> Extracted | Failed:
    if not page.title.strip():
        return Failed("no title")
    warnings: list[str] = []
    date = parse_date(page.date_text) if page.date_text else None
    if date is None:
        warnings.append(f"date '{page.date_text}' not understood" if page.date_text else "no date")
    sections = page.sections
    citation = parse_citation(sections.get("citation", ""))
    texts, summary = _texts_and_summary(page)
    if not summary:
        warnings.append("no summary")
    people = _people(page, texts)
    record = DocumentRecord(
        source_key=source_key_for(page.title, date.edtf if date else "", citation.source_url),
        title=" ".join(page.title.split()),
        date=date,
        summary=summary,
        citation=citation.text,
        source_url=citation.source_url,
        original_languages=_languages(sections.get("original_language", "")),
        texts=texts,
        people=people,
        places=tuple(Place(name, PlaceRole.ASSOCIATED) for name in _list(sections, "places")),
        topics=tuple(_list(sections, "topics")),
        archival_reference=citation.reference,
        credits=citation.credits,
        rights=sections.get("rights", ""),
        source=sections.get("source", ""),
        original_archive=sections.get("original_archive", ""),
        source_format=page.format,
    )
    return Extracted(record, tuple(warnings))


def _texts_and_summary(page: SourceText) -> tuple[tuple[Text, ...], str]:
    contents = page.sections.get("contents")
    summary = page.sections.get("summary", "").strip()
    if contents is not None:
        return _contents_texts(contents), summary
    paragraphs = _drop_dateline(page.body.split("\n\n"))
    if not summary:
        paragraphs, summary = _split_trailing_summary(paragraphs)
    body = "\n\n".join(paragraphs)
    return ((Text(TextKind.TRANSLATION, "English", body),) if body else ()), summary


def _drop_dateline(paragraphs: list[str]) -> list[str]:
    """A page capture repeats the date under the title; it is not part of the text."""
    if paragraphs and parse_date(paragraphs[0]) is not None:
        return paragraphs[1:]
    return paragraphs


def _split_trailing_summary(paragraphs: list[str]) -> tuple[list[str], str]:
    """Page captures print the archive's summary after the text: after the signature block."""
    ends = [i for i, p in enumerate(paragraphs) if _SIGNATURE.search(p.strip())]
    if not ends or ends[-1] == len(paragraphs) - 1:
        return paragraphs, ""
    cut = ends[-1] + 1
    return paragraphs[:cut], "\n\n".join(paragraphs[cut:])


def _contents_texts(contents: str) -> tuple[Text, ...]:
    """The Contents section: one or more texts, each under a "Translation - English" heading."""
    texts: list[Text] = []
    kind, language = TextKind.TRANSLATION, "English"
    paragraphs: list[str] = []
    for paragraph in contents.split("\n\n"):
        heading = _TEXT_HEADING.match(paragraph.strip())
        if heading:
            if paragraphs:
                texts.append(Text(kind, language, "\n\n".join(paragraphs)))
            kind = TextKind(heading.group("kind").lower())
            language, paragraphs = heading.group("language").strip(), []
        elif paragraph.strip():
            paragraphs.append(paragraph.strip())
    if paragraphs:
        texts.append(Text(kind, language, "\n\n".join(paragraphs)))
    return tuple(texts)


def _people(page: SourceText, texts: tuple[Text, ...]) -> tuple[Agent, ...]:
    listed = names_from_list(page.sections.get("authors", ""), Role.AUTHOR)
    listed += names_from_list(page.sections.get("people", ""), Role.MENTIONED)
    from_title = people_from_title(page.title)
    known = {agent.name for agent in listed}
    agents = listed + tuple(a for a in from_title if a.name not in known)
    body = "\n\n".join(t.body for t in texts)
    return with_bracketed_variants(agents + people_in_text(body, agents), body)


def _languages(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in re.split(r"[,;\n]|\band\b", value) if v.strip())


def _list(sections: dict[str, str] | object, key: str) -> list[str]:
    value = sections.get(key, "") if isinstance(sections, dict) else ""
    return [v.strip() for v in re.split(r"[;\n]+", value) if v.strip()]
