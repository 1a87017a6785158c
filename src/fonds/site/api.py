"""JSON API for documents. Thin: parse, call a selector, shape."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import create_model

from fonds.archive.convert import document_to_record
from fonds.archive.models import Document
from fonds.archive.selectors import visible_document
from fonds.archive.visibility import gate_of
from fonds.core.search.facets import FACETS, Facet
from fonds.core.search.params import search_request
from fonds.core.serialize import record_to_dict
from fonds.search.selectors import search_documents
from fonds.site.schemas import DocumentOut, SearchOut

router = Router(tags=["documents"])


QUERY_HELP = (
    'Words (all must match, English stemming), "a phrase", a OR b, -word (exclude), '
    "word* (prefix); any of them limited to one field: title:, person: (a person's "
    "names and variants), summary:, text:. Any text is a valid query."
)


def _facet_filter(facet: Facet) -> Any:
    keyed = "its id, as the facet's `value` gives it" if facet.labels else "a facet `value`"
    return (
        list[str],
        Field([], description=f"{facet.label}: {keyed} (repeatable: all must match)"),
    )


# The query string: the text, a filter per facet of the registry, dates, order and page.
SearchParams = create_model(
    "SearchParams",
    __base__=Schema,
    q=(str, Field("", description=QUERY_HELP)),
    **{facet.param: _facet_filter(facet) for facet in FACETS},
    date_from=(str, Field("", alias="from", description="From a date: 1965, 1965-05, May 1965")),
    date_to=(str, Field("", alias="to", description="To a date, as `from`")),
    sort=(str, Field("", description="relevance, newest or oldest")),
    page=(int, 1),
    page_size=(int, Field(20, description="Results per page (at most 100)")),
)


@router.get("", response=SearchOut, summary="Search documents, with facet counts")
def list_documents(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:  # type: ignore[valid-type]
    values: dict[str, list[str]] = {
        key: value if isinstance(value, list) else [str(value)]
        for key, value in params.dict().items()
    }
    values["from"], values["to"] = values.pop("date_from"), values.pop("date_to")
    search = search_request(values)
    page = search_documents(search, gate_of(request.user))
    return {
        "total": page.total,
        "page": search.offset // search.limit + 1,
        "page_size": search.limit,
        "results": [_summary(r.document, r.snippet) for r in page.results],
        "facets": {
            facet: [{"value": c.value, "label": c.label, "count": c.count} for c in counts]
            for facet, counts in page.facets.items()
        },
    }


@router.get("/{public_id}", response=DocumentOut, summary="One document, the full record")
def get_document(request: HttpRequest, public_id: str) -> dict[str, Any]:
    document = visible_document(gate_of(request.user), public_id)
    if document is None:
        raise HttpError(404, f"no document with id '{public_id}'")
    record = record_to_dict(document_to_record(document))
    for internal in ("source_key", "source_format"):
        record.pop(internal)
    return {"id": document.public_id, "url": _url(document), **record}


def _summary(document: Document, snippet: Any) -> dict[str, Any]:
    date = (
        {"edtf": document.date_edtf, "display": document.date_display}
        if document.date_edtf
        else None
    )
    return {
        "id": document.public_id,
        "url": _url(document),
        "title": document.title,
        "date": date,
        "summary": document.summary,
        "snippet": None
        if snippet is None
        else {"text": snippet.text, "highlights": list(snippet.highlights)},
    }


def _url(document: Document) -> str:
    return reverse("document", args=[document.public_id])
