"""The JSON API on the two seeds: search with facets, full records, OpenAPI, errors, hostile
queries (issue 2, "What a user can do" 4)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from tests.site.conftest import Seeds
from tests.site.seed_facts import (
    APRIL_CITATION,
    APRIL_CREDIT,
    APRIL_DISPLAY,
    APRIL_EDTF,
    APRIL_LANGUAGE,
    APRIL_LEVELS,
    APRIL_REPOSITORY,
    APRIL_SOURCE_URL,
    APRIL_SUMMARY,
    APRIL_TEXT_HEADING,
    APRIL_TITLE,
    MAY_DISPLAY,
    MAY_EDTF,
    MAY_PEOPLE,
    MAY_RIGHTS_START,
    MAY_SUMMARY,
    MAY_TEXT_END,
    MAY_TEXT_START,
    MAY_TITLE,
    PARTICIPANTS,
)

from fonds.authorities.models import Person, Place

FULL_RECORD_FIELDS = {
    "title",
    "date",
    "summary",
    "citation",
    "source_url",
    "original_languages",
    "texts",
    "people",
    "places",
    "topics",
    "archival_reference",
    "credits",
    "rights",
}


def _json(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def _facet(data: dict[str, Any], name: str) -> dict[str, int]:
    """A facet's counts by label (a person's name), each value checked to be the stable key:
    a person's or place's public id, else the label itself."""
    for item in data["facets"][name]:
        if name in ("people", "places"):
            model = Person if name == "people" else Place
            assert model.objects.get(public_id=item["value"]).name == item["label"]
        else:
            assert item["value"] == item["label"]
    return {item["label"]: item["count"] for item in data["facets"][name]}


def test_search_howitzers(client: Client, seeds: Seeds) -> None:
    data = _json(client, "/api/documents?q=howitzers")
    assert data["total"] == 1
    (result,) = data["results"]
    assert result["id"] == seeds.may.public_id
    assert result["title"] == MAY_TITLE
    assert result["date"] == {"edtf": MAY_EDTF, "display": MAY_DISPLAY}
    assert result["url"] == f"/documents/{seeds.may.public_id}"
    snippet = result["snippet"]
    assert snippet["highlights"]
    for start, end in snippet["highlights"]:
        assert snippet["text"][start:end].lower() == "howitzers"
    assert _facet(data, "people") == dict.fromkeys(MAY_PEOPLE, 1)
    assert _facet(data, "year") == {"1965": 1}
    assert set(data["facets"]) >= {"people", "places", "year", "language", "topics"}


def test_facet_counts_cover_the_matching_documents(client: Client, seeds: Seeds) -> None:
    data = _json(client, "/api/documents?q=Kuznetsov")
    assert data["total"] == 2
    assert _facet(data, "people") == {
        **dict.fromkeys(MAY_PEOPLE, 1),
        **dict.fromkeys(PARTICIPANTS, 2),
    }
    assert _facet(data, "language") == {APRIL_LANGUAGE: 1}
    kim = Person.objects.get(name="Kim Byeong-jik").public_id
    assert _json(client, f"/api/documents?q=Kuznetsov&person={kim}")["total"] == 2
    assert _json(client, "/api/documents?q=Kuznetsov&person=Kim Byeong-jik")["total"] == 0
    filtered = _json(client, f"/api/documents?q=Kuznetsov&language={APRIL_LANGUAGE}")
    assert [r["id"] for r in filtered["results"]] == [seeds.april.public_id]
    assert filtered["total"] == 1
    by_year = _json(client, "/api/documents?year=1965&from=1965-05")
    assert [r["id"] for r in by_year["results"]] == [seeds.may.public_id]


def test_list_without_query_is_newest_first(client: Client, seeds: Seeds) -> None:
    data = _json(client, "/api/documents")
    assert data["total"] == 2
    assert [r["id"] for r in data["results"]] == [seeds.may.public_id, seeds.april.public_id]
    assert [r["date"]["edtf"] for r in data["results"]] == [MAY_EDTF, APRIL_EDTF]
    oldest = _json(client, "/api/documents?sort=oldest")
    assert [r["id"] for r in oldest["results"]] == [seeds.april.public_id, seeds.may.public_id]


def test_full_record_000(client: Client, seeds: Seeds) -> None:
    data = _json(client, f"/api/documents/{seeds.may.public_id}")
    assert set(data) >= FULL_RECORD_FIELDS | {"id"}
    assert data["id"] == seeds.may.public_id
    assert data["title"] == MAY_TITLE
    assert data["date"] == {"edtf": MAY_EDTF, "display": MAY_DISPLAY}
    assert data["summary"] == MAY_SUMMARY
    (text,) = data["texts"]
    assert text["kind"] == "translation"
    assert text["language"] == "English"
    assert text["body"].startswith(MAY_TEXT_START)
    assert text["body"].endswith(MAY_TEXT_END)
    assert "[from the Soviet Union]" in text["body"]
    assert MAY_SUMMARY not in text["body"]
    assert [p["name"] for p in data["people"]] == [*MAY_PEOPLE, "Vasily Kuznetsov"]  # he signs
    assert [p["role"] for p in data["people"]][-2:] == ["interpreter", "author"]
    # Author(s), Associated Places/Topics, Source, Original Archive: empty labels, absent values
    assert data["places"] == []
    assert data["topics"] == []
    assert data["source"] == ""
    assert data["original_archive"] == ""
    assert data["archival_reference"] is None
    assert data["rights"].startswith(MAY_RIGHTS_START)


def test_full_record_004_as_the_issue_states(client: Client, seeds: Seeds) -> None:
    data = _json(client, f"/api/documents/{seeds.april.public_id}")
    assert set(data) >= FULL_RECORD_FIELDS | {"id"}
    assert data["title"] == APRIL_TITLE
    assert data["date"] == {"edtf": APRIL_EDTF, "display": APRIL_DISPLAY}
    assert data["summary"] == APRIL_SUMMARY
    assert data["citation"] == APRIL_CITATION
    assert data["source_url"] == APRIL_SOURCE_URL
    assert data["original_languages"] == [APRIL_LANGUAGE]
    reference = data["archival_reference"]
    assert reference["repository"] == APRIL_REPOSITORY
    assert [(level["kind"], level["value"]) for level in reference["levels"]] == APRIL_LEVELS
    assert data["credits"] == [APRIL_CREDIT]
    (text,) = data["texts"]
    assert (text["kind"], text["language"]) == ("translation", "English")
    assert text["body"].startswith(APRIL_TEXT_HEADING)  # part of the text, not a second title
    assert "[ ...]" in text["body"]
    assert "[...]" in text["body"]
    assert {p["name"] for p in data["people"]} == set(PARTICIPANTS)
    assert isinstance(data["places"], list)
    assert isinstance(data["topics"], list)


def test_openapi_describes_both_paths(client: Client, db: None) -> None:
    spec = _json(client, "/api/openapi.json")
    assert spec["openapi"].startswith("3.")
    assert "/api/documents" in spec["paths"]
    assert "/api/documents/{public_id}" in spec["paths"]
    assert "get" in spec["paths"]["/api/documents"]
    assert "get" in spec["paths"]["/api/documents/{public_id}"]


def test_unknown_id_is_404_json(client: Client, seeds: Seeds) -> None:
    data = _json(client, "/api/documents/nosuchdoc0", status=404)
    assert "nosuchdoc0" in data["detail"]
    _json(client, "/api/documents/" + quote("<script>", safe=""), status=404)


HOSTILE_QUERIES = [
    '"',
    '"unclosed phrase',
    "(((",
    ")))",
    "title:",
    "title:howitzers",
    "*",
    "-",
    "- - -",
    "OR",
    "AND OR NOT",
    "howitzers OR",
    "\\",
    "{}[]^~:!",
    "x" * 5000,
    "howitzers " * 500,
    "\x00",
    "howitzers\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "日本語 العربية",
    "\U0001f600",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_never_fail(client: Client, seeds: Seeds, query: str) -> None:
    data = _json(client, "/api/documents?q=" + quote(query, safe=""))
    assert isinstance(data["total"], int)
    assert data["total"] >= 0
    # and the page shows them too
    assert client.get("/search?q=" + quote(query, safe="")).status_code == 200


def test_a_hostile_query_that_contains_a_word_still_finds_it(client: Client, seeds: Seeds) -> None:
    for query in ('"howitzers', "howitzers)))", "(howitzers", "howitzers\x00"):
        data = _json(client, "/api/documents?q=" + quote(query, safe=""))
        assert [r["id"] for r in data["results"]] == [seeds.may.public_id], query


@pytest.mark.parametrize(
    "params",
    [
        "page=-1",
        "page=0",
        "page=99999999",
        "page_size=100000",
        "page_size=0",
        "page_size=-5",
        "sort=sideways",
        "from=garbage&to=1965-13-45",
        "year=abc",
        "person=" + quote("\x00"),
        "place=%00&topic=a%00b&language=%00",
    ],
)
def test_hostile_parameters_never_fail(client: Client, seeds: Seeds, params: str) -> None:
    data = _json(client, "/api/documents?q=howitzers&" + params)
    assert 1 <= data["page_size"] <= 100
    assert data["page"] >= 1


@pytest.mark.parametrize("params", ["page=abc", "page_size=abc", "page=1e999", "page=" + "9" * 400])
def test_unparseable_numbers_are_a_client_error_not_a_server_error(
    client: Client, seeds: Seeds, params: str
) -> None:
    response = client.get("/api/documents?" + params)
    assert response.status_code < 500, (params, response.status_code)


def test_api_docs_load_nothing_from_other_hosts(client: Client) -> None:
    page = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)
