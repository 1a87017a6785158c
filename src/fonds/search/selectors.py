"""Reads of the search app: index documents from the database, and searches whose results are
re-checked against the database before anyone sees them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from fonds.archive.models import Document
from fonds.archive.selectors import public_index_sources, public_pks, public_summaries_by_pk
from fonds.core.search.contract import FacetCount, IndexDocument, SearchRequest, Snippet
from fonds.core.search.documents import index_entry
from fonds.search.backends import get_backend


def index_documents(pks: Iterable[int]) -> list[IndexDocument]:
    """What the index should hold for these documents: the public ones among them."""
    return [index_entry(source) for source in public_index_sources(pks)]


@dataclass(frozen=True)
class Result:
    document: Document
    snippet: Snippet | None


@dataclass(frozen=True)
class ResultPage:
    total: int
    results: list[Result]
    facets: Mapping[str, tuple[FacetCount, ...]]
    request: SearchRequest


def search_documents(request: SearchRequest) -> ResultPage:
    response = get_backend().search(request)
    documents = public_summaries_by_pk(hit.pk for hit in response.hits)
    results = [
        Result(documents[hit.pk], hit.snippet) for hit in response.hits if hit.pk in documents
    ]
    stale = len(response.hits) - len(results)
    if stale:
        _repair([hit.pk for hit in response.hits if hit.pk not in documents])
    return ResultPage(
        total=max(0, response.total - stale),
        results=results,
        facets=response.facets,
        request=request,
    )


def _repair(pks: list[int]) -> None:
    """The index named documents the database no longer shows: queue them so it forgets them."""
    from fonds.search.services import index_enqueue

    index_enqueue(pks)


def matching_pks(request: SearchRequest, limit: int = 100_000) -> list[int]:
    """Every document a search matches (for exports), in result order, re-checked for visibility."""
    backend = get_backend()
    pks: list[int] = []
    page = replace(request, offset=0, limit=1000)
    while len(pks) < limit:
        hits = backend.search(page).hits
        pks += [hit.pk for hit in hits]
        if len(hits) < page.limit:
            break
        page = replace(page, offset=page.offset + page.limit)
    visible = public_pks(pks)
    return [pk for pk in pks if pk in visible]
