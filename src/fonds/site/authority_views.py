"""Pages of people, organizations and places. Thin: the gate, one selector, render."""

from __future__ import annotations

from string import ascii_uppercase

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fonds.archive.authority_selectors import (
    ORGANIZATION,
    PERSON,
    companions,
    kind_of,
    names_of,
    person_appearances,
    place_appearances,
    visible_people,
    visible_places,
)
from fonds.archive.selectors import visible_person, visible_place
from fonds.archive.visibility import gate_of
from fonds.core.search.params import clean_text

KINDS = {PERSON: ("People", "person"), ORGANIZATION: ("Organizations", "organization")}


def _param(request: HttpRequest, name: str) -> str:
    """A text parameter as a filter may use it: short, no control characters (PostgreSQL
    refuses NUL)."""
    return clean_text(request.GET.get(name, ""))[:200]


def _list_context(request: HttpRequest, rows: object, title: str, url_name: str) -> dict:
    letter = _param(request, "letter")[:1].upper()
    page = Paginator(rows, 100).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return {
        "title": title,
        "page": page,
        "letters": ascii_uppercase,
        "letter": letter,
        "filter": _param(request, "q"),
        "list_url": url_name,
    }


def people(request: HttpRequest, kind: str = PERSON) -> HttpResponse:
    title, _ = KINDS[kind]
    letter, text = _param(request, "letter")[:1], _param(request, "q")
    rows = visible_people(gate_of(request.user), kind, letter, text)
    context = _list_context(request, rows, title, "people" if kind == PERSON else "organizations")
    context["detail_url"] = "person" if kind == PERSON else "organization"
    return render(request, "fonds/authorities.html", context)


def organizations(request: HttpRequest) -> HttpResponse:
    return people(request, ORGANIZATION)


def places(request: HttpRequest) -> HttpResponse:
    letter, text = _param(request, "letter")[:1], _param(request, "q")
    rows = visible_places(gate_of(request.user), letter, text)
    context = _list_context(request, rows, "Places", "places")
    context["detail_url"] = "place"
    return render(request, "fonds/authorities.html", context)


def person(request: HttpRequest, public_id: str, kind: str = PERSON) -> HttpResponse:
    gate = gate_of(request.user)
    found = visible_person(gate, public_id)
    if found is None:
        raise Http404("No such person or organization")
    if found.merged_into_id:  # merged: the id answers with the person it is one of
        standing = found.merged_into
        return redirect(kind_of(standing), public_id=standing.public_id)
    if kind_of(found) != kind:  # an organization asked for as a person, or the reverse
        return redirect(kind_of(found), public_id=public_id)
    context = {
        "person": found,
        "kind": kind,
        "names": names_of(found),
        "appearances": person_appearances(gate, found),
        "companions": companions(gate, found),
    }
    return render(request, "fonds/person.html", context)


def organization(request: HttpRequest, public_id: str) -> HttpResponse:
    return person(request, public_id, ORGANIZATION)


def place(request: HttpRequest, public_id: str) -> HttpResponse:
    gate = gate_of(request.user)
    found = visible_place(gate, public_id)
    if found is None:
        raise Http404("No such place")
    context = {"place": found, "appearances": place_appearances(gate, found)}
    return render(request, "fonds/place.html", context)
