"""Word-exported HTML: fixtures field by field, nothing active survives, identity, sniffing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.core.parsing.expectations import (
    FIXTURES,
    SEEDS,
    as_json,
    case_id,
    cases,
    check,
    load,
    strings_in,
)

from fonds.core.parsing import markdown, wordhtml
from fonds.core.parsing.base import SNIFF_BYTES
from fonds.core.parsing.html_text import MAX_HTML_BYTES
from fonds.core.records import Extracted, Failed, Source

READER = wordhtml.READER
HERE = FIXTURES / "wordhtml"


@pytest.mark.parametrize("case", cases("wordhtml"), ids=case_id)
def test_fixture(case: Path) -> None:
    spec, data = load(case)
    assert READER.sniff(data[:SNIFF_BYTES]) is spec["sniff"]
    check(list(READER.read(Source(spec["input"], data))), spec["results"])


def _one(data: bytes, name: str = "page.html") -> Extracted:
    results = list(READER.read(Source(name, data)))
    assert len(results) == 1
    assert isinstance(results[0], Extracted), results[0]
    return results[0]


# What the hostile parts of the fixtures hold: script and style text, handlers, Word's
# furniture, hidden text. None of it may reach any field of the record.
FORBIDDEN = (
    "alert",
    "steal",
    "document.",
    "injected",
    "color",
    "mso-",
    "font-",
    "Times New Roman",
    "Cambria",
    "WordSection",
    "HIDDEN",
    "CONFIDENTIAL",
    "JavaScript",
    "iframe",
    "evil.example",
    "javascript:",
    "onclick",
    "onload",
    "Reading Room",  # the XML island's author
    "\u00a0",
)
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?]|&[#A-Za-z0-9]+;|[{}]")


@pytest.mark.parametrize("name", ["conversation-cp1252.html", "heading-utf8.html"])
def test_no_script_style_or_markup_survives(name: str) -> None:
    record = as_json(_one((HERE / name).read_bytes()).record)
    texts = strings_in(record)
    assert texts, "the fixture must yield text to check"
    for text in texts:
        for word in FORBIDDEN:
            assert word not in text, (word, text)
        assert MARKUP.search(text) is None, text


def test_escaped_markup_is_text_not_markup() -> None:
    data = (
        b"<html><title>On tags</title><body><p>He wrote &lt;b&gt; and 5 &lt; 8.</p></body></html>"
    )
    body = _one(data).record.texts[0].body
    assert body == "He wrote <b> and 5 < 8."


def test_source_key_ignores_the_file_name() -> None:
    data = (HERE / "conversation-cp1252.html").read_bytes()
    first = _one(data, "inbox/conversation.htm").record
    second = _one(data, "/elsewhere/renamed copy.html").record
    assert first.source_key == second.source_key
    assert first.source_key.startswith("title-date:")


def test_same_document_from_markdown_has_the_same_key() -> None:
    html = (
        "<html><head><title>Note on the Leipzig Fair</title></head>"
        "<body><p>3 February 1966</p><p>The fair opens in March.</p></body></html>"
    )
    md = "**3 February 1966**\n\n**Note on the Leipzig Fair**\n\nThe fair opens in March.\n"
    from_md = next(iter(markdown.READER.read(Source("note.md", md.encode()))))
    assert isinstance(from_md, Extracted)
    assert _one(html.encode()).record.source_key == from_md.record.source_key


def test_footnote_marker_without_brackets() -> None:
    data = (
        b"<html><title>T</title><body><p>Text.1</p>"
        b"<div style='mso-element:footnote'><p>1. In the Ministry.</p></div></body></html>"
    )
    notes = _one(data).record.texts[0].notes
    assert [(n.marker, n.body) for n in notes] == [("1", "In the Ministry.")]


def _refused(data: bytes) -> str:
    results = list(READER.read(Source("hostile.html", data)))
    assert len(results) == 1
    assert isinstance(results[0], Failed), results[0]
    return results[0].reason


def test_nesting_beyond_the_parser_limit_is_refused_not_cut() -> None:
    depth = 50_000
    data = b"<html><title>Deep</title><body>" + b"<span>" * depth + b"deep text"
    data += b"</span>" * depth + b"</body></html>"
    assert _refused(data).startswith("HTML beyond the parser's limits at line 1: ")


def test_a_file_beyond_the_size_limit_is_refused() -> None:
    data = b"<html><title>Big</title><body><p>" + b"w" * MAX_HTML_BYTES + b"</p></body></html>"
    assert _refused(data) == (
        f"{len(data):,} bytes of HTML; fonds reads up to {MAX_HTML_BYTES:,} (split the file)"
    )


def test_long_documents_are_read_whole() -> None:
    word = b"x" * 999 + b" "
    paragraph = b"<p>" + word * 1_000 + b"</p>\n"  # 1 MB; libxml2 alone stops at 10 MB
    data = b"<html><title>Long</title><body>" + paragraph * 11
    data += b"<p>" + word * 11_000 + b"end</p></body></html>"  # 11 MB in one text
    paragraphs = _one(data).record.texts[0].body.split("\n\n")
    assert len(paragraphs) == 12
    assert paragraphs[-1].endswith("x end")


@pytest.mark.parametrize(
    "head",
    [
        b"<html><body>x</body></html>",
        b"<!DOCTYPE html>\n<html lang='en'>",
        b"<!doctype HTML><title>x</title>",
        b"\xef\xbb\xbf<html>",
        b"  \r\n<!-- saved from url=(0014)about:internet -->\r\n<html>",
        b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
        "<html><body>x</body></html>".encode("utf-16"),
        b'<p>fragment</p> xmlns:o="urn:schemas-microsoft-com:office:office"',
    ],
)
def test_sniff_accepts_html(head: bytes) -> None:
    assert READER.sniff(head)


@pytest.mark.parametrize(
    "head",
    [
        b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">',
        b'{"source_key": "x", "title": "<html>"}\n',
        b"title,date\nOn <html> tags,1965\n",
        b"**May 21, 1965**\n\nA note on <html> and <body>.\n",
        b"",
    ],
)
def test_sniff_refuses_other_formats(head: bytes) -> None:
    assert not READER.sniff(head)


def test_sniff_refuses_the_seeds() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 2
    for seed in seeds:
        assert not READER.sniff(seed.read_bytes()[:SNIFF_BYTES]), seed.name


def test_a_failure_is_one_failed_never_an_exception() -> None:
    for data in (b"<html>", b"<html><body></body></html>", b"<html>\xff\xfe</html>"):
        results = list(READER.read(Source("bad.html", data)))
        assert len(results) == 1
        assert isinstance(results[0], Failed)


@pytest.mark.parametrize(
    ("paragraph", "summary", "body"),
    [
        ("<b>Summary:</b> Kim thanks the government.", "Kim thanks the government.", ""),
        ("<b>Summary</b>: Kim thanks the government.", "Kim thanks the government.", ""),
        (
            "<b>Source</b> of the dispute was the treaty.",
            "",
            "Source of the dispute was the treaty.",
        ),
    ],
)
def test_a_bold_label_opens_a_section_only_with_its_colon(
    paragraph: str, summary: str, body: str
) -> None:
    data = f"<html><title>T</title><body><p>{paragraph}</p></body></html>".encode()
    record = _one(data).record
    assert record.summary == summary
    assert [text.body for text in record.texts] == ([body] if body else [])
