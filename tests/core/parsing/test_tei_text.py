"""TEI inline text: whitespace, line breaks, notes and entities, as tei_text's conventions say."""

from __future__ import annotations

import pytest
from lxml import etree

from fonds.core.parsing.tei_text import NoteSink, inline_text

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


def _element(xml: str) -> etree._Element:
    return etree.fromstring(xml.replace("<p>", f"<p {TEI}>", 1))


@pytest.mark.parametrize(
    ("xml", "breaks", "expected"),
    [
        ("<p>  a \t\r\n b\u00a0\u00a0c  </p>", True, "a b c"),
        # only XML layout whitespace (and no-break spaces) collapses: an em space is a character
        ("<p> a\u2003\u2003b </p>", True, "a\u2003\u2003b"),
        ("<p>\u2003a \n b\u2003</p>", False, "a b"),
        ("<p>one <lb/> two<lb/><lb/>three </p>", True, "one\ntwo\n\nthree"),
        ("<p>one <lb/> two</p>", False, "one two"),
        ("<p><lb/> one <lb/></p>", True, "one"),
        (
            "<p>To <salute>Sir,</salute> text <signed>A. B.</signed></p>",
            True,
            "To\nSir, text\nA. B.",
        ),
        ("<p><salute>Sir,</salute> text</p>", True, "Sir, text"),
        ("<p><row><cell>a</cell><cell> b </cell><cell>c</cell></row></p>", False, "a | b | c"),
        ("<p>a<pb n='2'/>b <fw>head</fw>c</p>", True, "ab c"),
        ("<p>x <hi rend='italic'>y <persName>Z\n  W</persName></hi> v</p>", False, "x y Z W v"),
        # wrapped lines, and the runs that trimming lines alone would leave
        ("<p>\n  a\n   b\n\n  c\n</p>", True, "a b c"),
        ("<p>a  b\n c\td</p>", True, "a b c d"),
        ("<p>x \r\n y\n</p>", True, "x y"),
        ("<p>\u00e9\n  b\u00a0c</p>", True, "\u00e9 b c"),
        ("<p>a\u2003\n b</p>", True, "a\u2003 b"),
        ("<p>\n  \u2003a\u2003\n</p>", True, "a"),
    ],
)
def test_inline_text(xml: str, breaks: bool, expected: str) -> None:
    assert inline_text(_element(xml), line_breaks=breaks) == expected


def test_notes_are_lifted_with_their_marker() -> None:
    sink = NoteSink()
    p = _element("<p>Text<note n='3'>The  note <note>inner</note></note> after.</p>")
    assert inline_text(p, sink) == "Text[3] after."
    assert [(n.marker, n.body) for n in sink.notes] == [("3", "The note [*]"), ("*", "inner")]
    assert inline_text(p) == "Text after."


def test_an_unexpanded_entity_stays_as_written() -> None:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    xml = f'<!DOCTYPE p SYSTEM "tei.dtd"><p {TEI}>a &mdash; b</p>'.encode()
    assert inline_text(etree.fromstring(xml, parser)) == "a &mdash; b"
