"""What of a document the search engine sees: an `IndexSource` (the stored document's fields,
read by the search app) becomes an engine-neutral `IndexDocument`."""

from __future__ import annotations

from fonds.core.extraction.dates import bounds
from fonds.core.search.contract import IndexDocument
from fonds.core.search.facets import facet_labels, facet_values
from fonds.core.search.name_forms import search_forms
from fonds.core.search.sources import IndexSource
from fonds.core.visibility import day_number


def index_entry(source: IndexSource) -> IndexDocument:
    span = bounds(source.date_edtf) if source.date_edtf else None
    names = search_forms(
        form for person in source.people for form in (person.name, *person.variants)
    )
    return IndexDocument(
        pk=source.pk,
        public_id=source.public_id,
        title=source.title,
        summary=source.summary,
        body="\n\n".join(source.bodies),
        names=names,
        facets=facet_values(source),
        shown=facet_labels(source),
        date_start=day_number(span[0]) if span else 0,
        date_end=day_number(span[1]) if span else 0,
        status=source.status,
        embargo_until=day_number(source.embargo_until),
    )
