"""Simple Dublin Core (the oai_dc record format of OAI-PMH 2.0), one <oai_dc:dc> per document
inside a <records> wrapper."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from lxml import etree

from fonds.core.export import Exported
from fonds.core.records import DocumentRecord

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
NSMAP = {"oai_dc": OAI_DC, "dc": DC}


def write(items: Iterable[Exported], out: TextIO) -> int:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<records>\n')
    count = 0
    for item in items:
        element = dc_element(item.public_id, item.record)
        out.write(etree.tostring(element, encoding="unicode", pretty_print=True))
        count += 1
    out.write("</records>\n")
    return count


def dc_element(public_id: str, record: DocumentRecord) -> etree._Element:
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap=NSMAP)
    for name, value in dc_fields(public_id, record):
        etree.SubElement(root, f"{{{DC}}}{name}").text = _xml_safe(value)
    return root


def dc_fields(public_id: str, record: DocumentRecord) -> list[tuple[str, str]]:
    """The fifteen-element Dublin Core view of a record (DCMES 1.1), in a fixed order."""
    fields = [("title", record.title), ("identifier", f"fonds:{public_id}")]
    fields += [("creator", a.name) for a in record.people if a.role.value == "author"]
    fields += [("contributor", a.name) for a in record.people if a.role.value != "author"]
    fields += [("subject", topic) for topic in record.topics]
    fields += [("description", record.summary)] if record.summary else []
    fields += [("date", record.date.edtf)] if record.date else []
    fields += [("type", "Text")]
    fields += [("language", language) for language in record.original_languages]
    fields += [("coverage", place.name) for place in record.places]
    fields += (
        [("source", record.citation or record.source_note)]
        if record.citation or record.source_note
        else []
    )
    fields += [("relation", ref.title) for ref in record.collections[:1]]
    fields += [("identifier", record.source_url)] if record.source_url else []
    fields += [("rights", record.rights)] if record.rights else []
    return fields


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters; drop them rather than write invalid XML."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
