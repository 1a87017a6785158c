"""TEI P5: a teiCorpus with one TEI document per record: the header describes it (title, date,
people, the archival reference), the text holds its paragraphs and notes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lxml import etree

from fonds.core.export import Exported
from fonds.core.export.dublincore import _xml_safe
from fonds.core.records import DocumentRecord

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def write(items: Iterable[Exported], out: TextIO) -> int:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<teiCorpus xmlns="{TEI}">\n<teiHeader><fileDesc><titleStmt><title>fonds export'
        "</title></titleStmt><publicationStmt><p>Exported by fonds</p></publicationStmt>"
        "<sourceDesc><p>Born digital</p></sourceDesc></fileDesc></teiHeader>\n"
    )
    count = 0
    for item in items:
        out.write(etree.tostring(tei_element(item.public_id, item.record), encoding="unicode"))
        out.write("\n")
        count += 1
    out.write("</teiCorpus>\n")
    return count


def tei_element(public_id: str, record: DocumentRecord) -> etree._Element:
    root = etree.Element(f"{{{TEI}}}TEI", nsmap={None: TEI})  # type: ignore[dict-item]
    root.set(XML_ID, f"fonds-{public_id}")
    _header(etree.SubElement(root, f"{{{TEI}}}teiHeader"), record)
    body = etree.SubElement(etree.SubElement(root, f"{{{TEI}}}text"), f"{{{TEI}}}body")
    for text in record.texts:
        div = _sub(body, "div", type=text.kind.value)
        div.set("{http://www.w3.org/XML/1998/namespace}lang", text.language)
        for paragraph in text.body.split("\n\n"):
            _sub(div, "p").text = _xml_safe(paragraph)
        for note in text.notes:
            _sub(div, "note", n=note.marker, type="editorial").text = _xml_safe(note.body)
    return root


def _header(header: etree._Element, record: DocumentRecord) -> None:
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title").text = _xml_safe(record.title)
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "availability").text = _xml_safe(record.rights) if record.rights else None
    source_desc = _sub(file_desc, "sourceDesc")
    bibl = _sub(source_desc, "bibl")
    bibl.text = _xml_safe(record.citation or record.source_note) or None
    if record.date:
        _sub(bibl, "date", when=record.date.edtf).text = _xml_safe(record.date.display)
    for agent in record.people:
        _sub(bibl, "persName", role=agent.role.value).text = _xml_safe(agent.name)
    if record.archival_reference:
        ms = _sub(source_desc, "msDesc")
        identifier = _sub(ms, "msIdentifier")
        _sub(identifier, "repository").text = _xml_safe(record.archival_reference.repository)
        _sub(identifier, "idno").text = _xml_safe(record.archival_reference.text)
    if record.summary:
        _sub(_sub(header, "profileDesc"), "abstract").text = _xml_safe(record.summary)


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI}}}{tag}")
    for name, value in attributes.items():
        element.set(name, value)
    return element
