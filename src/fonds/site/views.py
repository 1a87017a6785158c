"""Public pages. Thin: parse the request, call one selector, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from fonds.archive.selectors import (
    collection_by_key,
    collection_children,
    collection_documents,
    collection_path_of,
    document_list,
    public_document,
    top_collections,
)
from fonds.core.search.params import FILTER_PARAMS, search_request
from fonds.search.selectors import search_documents

FACET_LABELS = {
    "people": "People",
    "places": "Places",
    "year": "Year",
    "language": "Original language",
    "topics": "Topics",
}
PARAM_OF_FACET = {facet: param for param, facet in FILTER_PARAMS.items()}


def home(request: HttpRequest) -> HttpResponse:
    page = Paginator(document_list(), 50).get_page(request.GET.get("page"))
    return render(request, "fonds/home.html", {"page": page})


def search(request: HttpRequest) -> HttpResponse:
    search_params = search_request(dict(request.GET.lists()))
    result = search_documents(search_params)
    page_number = search_params.offset // search_params.limit + 1
    last_page = max(1, -(-result.total // search_params.limit))
    facets = [
        {
            "name": facet,
            "label": FACET_LABELS[facet],
            "param": PARAM_OF_FACET[facet],
            "counts": sorted(counts, key=lambda c: c.value) if facet == "year" else counts,
            "selected": set(search_params.filters.get(facet, ())),
        }
        for facet, counts in result.facets.items()
        if counts or facet != "topics"  # the four core facets always show, even when empty
    ]
    kept = [(p, v) for p in FILTER_PARAMS for v in request.GET.getlist(p)]
    context = {
        "q": request.GET.get("q", ""),
        "kept_filters": kept,
        "date_from": request.GET.get("from", ""),
        "date_to": request.GET.get("to", ""),
        "sort": search_params.sort,
        "sorts": [
            ("relevance", "Relevance"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
        ],
        "result": result,
        "facets": facets,
        "page_number": page_number,
        "last_page": last_page,
    }
    return render(request, "fonds/search.html", context)


def document(request: HttpRequest, public_id: str) -> HttpResponse:
    found = public_document(public_id)
    if found is None:
        raise Http404("No such document")
    path = collection_path_of(found.collection) if found.collection else []
    return render(request, "fonds/document.html", {"document": found, "collection_path": path})


def collections(request: HttpRequest) -> HttpResponse:
    return render(request, "fonds/collections.html", {"collections": top_collections()})


def collection(request: HttpRequest, key: str) -> HttpResponse:
    found = collection_by_key(key)
    if found is None:
        raise Http404("No such collection")
    page = Paginator(collection_documents(found), 100).get_page(request.GET.get("page"))
    context = {
        "collection": found,
        "path": collection_path_of(found),
        "children": collection_children(found),
        "page": page,
    }
    return render(request, "fonds/collection.html", context)
