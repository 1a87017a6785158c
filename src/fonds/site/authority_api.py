"""JSON API for people, organizations and places. Thin: the gate, a selector, shape."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from fonds.archive.authority_selectors import (
    ORGANIZATION,
    PERSON,
    Appearance,
    kind_of,
    names_of,
    person_appearances,
    place_appearances,
    visible_people,
    visible_places,
)
from fonds.archive.selectors import visible_person, visible_place
from fonds.archive.visibility import gate_of
from fonds.authorities.models import Person, Place
from fonds.core.search.params import clean_text

router = Router(tags=["people and places"])
MAX_LIST = 100


class ListParams(Schema):
    q: str = Field("", description="Names containing this (any of their forms)")
    letter: str = Field("", description="Names starting with this letter")
    page: int = 1
    page_size: int = Field(50, description=f"At most {MAX_LIST}")


class AuthoritySummaryOut(Schema):
    id: str
    url: str
    kind: str
    name: str
    documents: int


class AuthorityListOut(Schema):
    total: int
    page: int
    results: list[AuthoritySummaryOut]


class AppearanceOut(Schema):
    id: str
    url: str
    title: str
    date: str
    roles: list[str]


class AuthorityOut(Schema):
    id: str
    url: str
    kind: str
    name: str
    names: list[str] = Field(description="Every other form of the name the archive has seen")
    description: str
    source_identifier: str = Field(
        description="The source's own id, e.g. a FRUS persons-list entry"
    )
    documents: list[AppearanceOut]


def _filters(params: ListParams) -> tuple[str, str]:
    """The letter and the name filter, without control characters (PostgreSQL refuses NUL)."""
    return clean_text(params.letter)[:1], clean_text(params.q)[:200]


def _page(params: ListParams, rows: Any, kind: str) -> dict[str, Any]:
    size = max(1, min(params.page_size, MAX_LIST))
    start = (max(1, params.page) - 1) * size
    return {
        "total": rows.count(),
        "page": max(1, params.page),
        "results": [_summary(row, kind) for row in rows[start : start + size]],
    }


def _summary(row: Person | Place, kind: str) -> dict[str, Any]:
    return {
        "id": row.public_id,
        "url": reverse(kind, args=[row.public_id]),
        "kind": kind,
        "name": row.name,
        "documents": row.document_count,  # type: ignore[union-attr]
    }


def _appearances(found: list[Appearance]) -> list[dict[str, Any]]:
    return [
        {
            "id": a.document.public_id,
            "url": reverse("document", args=[a.document.public_id]),
            "title": a.document.title,
            "date": a.document.date_edtf,
            "roles": list(a.roles),
        }
        for a in found
    ]


@router.get("/people", response=AuthorityListOut, summary="People, A to Z")
def list_people(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    gate = gate_of(request.user)
    return _page(
        params,
        visible_people(gate, PERSON, clean_text(params.letter)[:1], clean_text(params.q)[:200]),
        PERSON,
    )


@router.get("/organizations", response=AuthorityListOut, summary="Organizations, A to Z")
def list_organizations(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    rows = visible_people(
        gate_of(request.user),
        ORGANIZATION,
        clean_text(params.letter)[:1],
        clean_text(params.q)[:200],
    )
    return _page(params, rows, ORGANIZATION)


@router.get("/places", response=AuthorityListOut, summary="Places, A to Z")
def list_places(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    rows = visible_places(
        gate_of(request.user), clean_text(params.letter)[:1], clean_text(params.q)[:200]
    )
    return _page(params, rows, "place")


def _person(request: HttpRequest, public_id: str, kind: str) -> dict[str, Any]:
    gate = gate_of(request.user)
    found = visible_person(gate, public_id)
    if found is not None and found.merged_into_id:
        found = found.merged_into  # a merged record's id answers as the person it is one of
    if found is None or kind_of(found) != kind:
        raise HttpError(404, f"no {kind} with id '{public_id}'")
    return {
        "id": found.public_id,
        "url": reverse(kind, args=[found.public_id]),
        "kind": kind,
        "name": found.name,
        "names": names_of(found),
        "description": found.description,
        "source_identifier": found.authority_key,
        "documents": _appearances(person_appearances(gate, found)),
    }


@router.get("/people/{public_id}", response=AuthorityOut, summary="One person, with documents")
def get_person(request: HttpRequest, public_id: str) -> dict[str, Any]:
    return _person(request, public_id, PERSON)


@router.get("/organizations/{public_id}", response=AuthorityOut, summary="One organization")
def get_organization(request: HttpRequest, public_id: str) -> dict[str, Any]:
    return _person(request, public_id, ORGANIZATION)


@router.get("/places/{public_id}", response=AuthorityOut, summary="One place, with documents")
def get_place(request: HttpRequest, public_id: str) -> dict[str, Any]:
    gate = gate_of(request.user)
    found = visible_place(gate, public_id)
    if found is None:
        raise HttpError(404, f"no place with id '{public_id}'")
    return {
        "id": found.public_id,
        "url": reverse("place", args=[found.public_id]),
        "kind": "place",
        "name": found.name,
        "names": [],
        "description": "",
        "source_identifier": "",
        "documents": _appearances(place_appearances(gate, found)),
    }
