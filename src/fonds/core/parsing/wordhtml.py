"""HTML transcripts as Microsoft Word saves them ("Save as Web Page"), and other plain HTML pages.

`html_text` turns the bytes into paragraphs of plain text (nothing of the markup, scripts or
styles survives). Here they are read as a document page (`SourceText`): a title (the <title>,
else the first heading or bold paragraph), a date if a leading paragraph is one, labelled sections
where the transcript has bold labels ("Summary:"), and the rest as the body. Fields are then
interpreted by the same rules as every page format (`extraction.page`): the text is a translation
unless a "Contents" heading says otherwise, and the record's identity (`source_key`) is its
source URL, else its title and date: the same whichever format brings it, never the file's name
or path, so re-ingesting the same transcript from another folder updates the same record.
Word's footnotes become the notes of the text, and the page's `lang` names the text's language
(a text in one of the document's original languages is the original, not a translation).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import replace

from fonds.core.extraction.dates import parse_date
from fonds.core.extraction.page import record_from_source_text
from fonds.core.parsing.base import ParseError, label_of
from fonds.core.parsing.html_text import Block, Page, parse_page
from fonds.core.records import Extracted, Failed, Source, TextKind
from fonds.core.sourcetext import SourceText

NAME = "wordhtml"
_WORD_NAMESPACE = b"urn:schemas-microsoft-com:office:office"
_LEADING_MARKUP = re.compile(r"^(\s+|<\?.*?\?>|<!--.*?-->)", re.DOTALL)
# A <title> Word or a browser filled in from the file, not from the document.
_JUNK_TITLE = re.compile(r"^(microsoft word - .*|.*\.(docx?|html?|rtf)|document\d*|untitled)$")
_HEAD_BLOCKS = 3  # the date and title are looked for among the first paragraphs only
_FALLBACK_TITLE_CHARS = 200
_LABEL_CHARS = 60  # longer paragraphs are text, not labels (and not worth normalizing to ask)


class WordHtmlReader:
    name = NAME

    def sniff(self, head: bytes) -> bool:
        if _WORD_NAMESPACE in head:
            return True
        text = _ascii_view(head)
        while (match := _LEADING_MARKUP.match(text)) is not None:
            text = text[match.end() :]
        return text.lower().startswith(("<!doctype html", "<html"))

    def read(self, source: Source) -> Iterator[Extracted | Failed]:
        try:
            page = parse_page(source.data)
            text, warnings = source_text(page, source.name)
        except ParseError as error:
            yield Failed(str(error))
            return
        result = record_from_source_text(text)
        if isinstance(result, Extracted):
            result = _finish(result, page, text, warnings)
        yield result


def source_text(page: Page, name: str) -> tuple[SourceText, tuple[str, ...]]:
    """The page as a labelled document (title, date, sections, body), and what was doubtful."""
    if not page.blocks:
        raise ParseError("no text in the HTML (scripts, styles and markup are not read)")
    date_text, title, rest, fallback = _head(page)
    if not title:
        raise ParseError("no title: no <title>, no heading or bold first paragraph, no short one")
    sections, body = _sections(rest)
    text = SourceText(
        format=NAME, name=name, title=title, date_text=date_text, sections=sections, body=body
    )
    if fallback:
        return text, ("no <title>, heading or bold paragraph: the first paragraph is the title",)
    return text, ()


def _sections(blocks: list[Block]) -> tuple[dict[str, str], str]:
    """Labelled sections, and the body: the paragraphs before the first label."""
    sections: dict[str, list[str]] = {}
    body: list[str] = []
    current = body
    for block in blocks:
        label, value = _label(block)
        if label is not None:
            current = sections.setdefault(label, [])
        if value:
            current.append(value)
    joined = {label: "\n\n".join(values) for label, values in sections.items()}
    return joined, "\n\n".join(body)


def _head(page: Page) -> tuple[str, str, list[Block], bool]:
    """The date and title among the leading paragraphs, and the paragraphs after them.

    The <title> wins; a leading paragraph repeating it is dropped. Without one, the first heading
    or bold paragraph is the title, and failing that a short first paragraph (with a warning).
    """
    declared = "" if _JUNK_TITLE.match(page.title.lower()) else page.title
    date_text, title = "", declared
    blocks = list(page.blocks)
    index = 0
    while index < min(len(blocks), _HEAD_BLOCKS):
        block = blocks[index]
        if not date_text and _is_date(block.text):
            date_text = block.text
        elif declared and _same(block.text, declared):
            pass
        elif not title and block.emphasized and label_of(block.text) is None:
            title = block.text
        else:
            break
        index += 1
    rest = blocks[index:]
    if not title and rest and len(rest[0].text) <= _FALLBACK_TITLE_CHARS:
        return date_text, " ".join(rest[0].text.split()), rest[1:], True
    return date_text, " ".join(title.split()), rest, False


def _is_date(text: str) -> bool:
    return len(text) <= _LABEL_CHARS and parse_date(text) is not None


def _same(a: str, b: str) -> bool:
    if len(a) > 2 * len(b) + 10:
        return False  # cheap: no need to normalize a long paragraph to compare it to a title
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _label(block: Block) -> tuple[str | None, str]:
    """The section a paragraph opens, and the value that follows the label on the same line.

    A whole paragraph is a label when it is bold or ends with a colon ("Summary:"); a paragraph
    that starts with a bold label and a colon ("Summary: Kim discusses...") opens the section
    with its rest. A bold word that merely starts a sentence ("Source of the dispute...") is not.
    """
    label = label_of(block.text) if len(block.text) <= _LABEL_CHARS else None
    if label is not None and (block.emphasized or block.text.rstrip().endswith(":")):
        return label, ""
    rest = block.text[len(block.lead) :]
    if block.lead and (block.lead.endswith(":") or rest.lstrip().startswith(":")):
        lead_label = label_of(block.lead) if len(block.lead) <= _LABEL_CHARS else None
        if lead_label is not None:
            return lead_label, rest.lstrip().removeprefix(":").strip()
    return None, block.text


def _finish(
    result: Extracted, page: Page, text: SourceText, warnings: tuple[str, ...]
) -> Extracted:
    """What the HTML knows beyond the page rules: Word's footnotes belong to the text, and the
    page's declared language is the language of a text taken from its body."""
    warnings = page.warnings + warnings + result.warnings
    record = result.record
    if not record.texts:
        if page.notes:
            warnings += (f"{len(page.notes)} footnote(s) dropped: the document has no text",)
        return replace(result, warnings=warnings)
    first = replace(record.texts[0], notes=record.texts[0].notes + page.notes)
    language = _LANGUAGES.get(page.language.split("-")[0].lower())
    if language and "contents" not in text.sections:
        # A text in the document's original language is the original, not a translation.
        kind = TextKind.ORIGINAL if language in record.original_languages else first.kind
        first = replace(first, language=language, kind=kind)
    record = replace(record, texts=(first, *record.texts[1:]))
    return replace(result, record=record, warnings=warnings)


def _pairs(text: str) -> dict[str, str]:
    return {key: value for key, _, value in (pair.partition("=") for pair in text.split())}


# The page's `lang` (Word writes it on <body>, HTML5 on <html>) as the language names the page
# formats use ("Translation - English"). An unlisted code leaves the page rules' choice alone.
_LANGUAGES = _pairs(
    "ar=Arabic be=Belarusian bg=Bulgarian cs=Czech de=German el=Greek en=English es=Spanish"
    " fa=Persian fi=Finnish fr=French he=Hebrew hr=Croatian hu=Hungarian it=Italian ja=Japanese"
    " ko=Korean mn=Mongolian nl=Dutch pl=Polish pt=Portuguese ro=Romanian ru=Russian sk=Slovak"
    " sq=Albanian sr=Serbian sv=Swedish tr=Turkish uk=Ukrainian vi=Vietnamese zh=Chinese"
)


def _ascii_view(head: bytes) -> str:
    """The head's text for sniffing: enough to see markup, never an error."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore").lstrip("\ufeff")
    return head.decode("latin-1").removeprefix("\xef\xbb\xbf")


READER = WordHtmlReader()
