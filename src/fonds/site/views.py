"""Public pages. Thin: parse the request, call one selector, render."""

from __future__ import annotations

from functools import cache

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fonds.archive.selectors import (
    collection_by_key,
    collection_children,
    collection_documents,
    collection_path_of,
    document_list,
    top_collections,
    visible_document,
)
from fonds.archive.visibility import gate_of
from fonds.core.search.facets import BY_NAME
from fonds.core.search.params import FILTER_PARAMS, search_request
from fonds.search.selectors import search_documents

# The page each labelled facet's values have (a person's, a place's)
PAGE_OF_FACET = {"people": "person", "places": "place"}


@cache  # the URLconf is fixed for the life of the process
def _page_prefix(facet: str) -> str:
    """Where the pages of a facet's values are, as a prefix for their ids (one reverse per
    facet, not one per value: a result page lists dozens)."""
    route = PAGE_OF_FACET.get(facet)
    return reverse(route, args=["-"])[:-1] if route else ""


def home(request: HttpRequest) -> HttpResponse:
    page = Paginator(document_list(gate_of(request.user)), 50).get_page(request.GET.get("page"))
    return render(request, "fonds/home.html", {"page": page})


def search(request: HttpRequest) -> HttpResponse:
    search_params = search_request(dict(request.GET.lists()))
    result = search_documents(search_params, gate_of(request.user))
    page_number = search_params.offset // search_params.limit + 1
    last_page = max(1, -(-result.total // search_params.limit))
    facets = [
        {
            "name": facet.name,
            "label": facet.label,
            "param": facet.param,
            "counts": sorted(counts, key=lambda c: c.value) if facet.by_value else counts,
            "selected": set(search_params.filters.get(facet.name, ())),
            "page": _page_prefix(facet.name),
        }
        for facet, counts in ((BY_NAME[name], counts) for name, counts in result.facets.items())
        if counts or facet.shown_when_empty
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
    gate = gate_of(request.user)
    found = visible_document(gate, public_id)
    if found is None:
        raise Http404("No such document")
    path = collection_path_of(found.collection) if found.collection else []
    context = {"document": found, "collection_path": path, "today": gate.day}
    return render(request, "fonds/document.html", context)


def collections(request: HttpRequest) -> HttpResponse:
    collections = top_collections(gate_of(request.user))
    return render(request, "fonds/collections.html", {"collections": collections})


def collection(request: HttpRequest, key: str) -> HttpResponse:
    gate = gate_of(request.user)
    found = collection_by_key(gate, key)
    if found is None:
        raise Http404("No such collection")
    page = Paginator(collection_documents(gate, found), 100).get_page(request.GET.get("page"))
    context = {
        "collection": found,
        "path": collection_path_of(found),
        "children": collection_children(gate, found),
        "page": page,
    }
    return render(request, "fonds/collection.html", context)
