"""The contract every search backend must meet. Parametrized by backend: a new backend (e.g.
PostgreSQL full-text) is added to BACKENDS and must pass all of it unchanged."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fonds.core.search.contract import IndexDocument, SearchRequest
from fonds.core.search.facets import LABELLED, shown
from fonds.core.search.params import search_request
from fonds.core.search.query import parse
from fonds.core.visibility import ANONYMOUS, CURATOR, Gate
from fonds.search.backends.base import IndexBusy, SearchBackend
from fonds.search.backends.postgres_backend import PostgresBackend
from fonds.search.backends.tantivy_backend import TantivyBackend

BACKENDS: dict[str, Callable[[Path], SearchBackend]] = {"tantivy": TantivyBackend}
if os.environ.get("FONDS_DATABASE_URL", "").startswith("postgres"):
    # The in-database backend exists only on PostgreSQL; `make test-postgres` runs it.
    BACKENDS["postgres"] = lambda _path: PostgresBackend()


def Doc(*args: Any, **fields: Any) -> IndexDocument:  # noqa: N802 (reads as the class)
    """An index entry of a published document, unless `status` says otherwise; the labelled
    facets' values shown with a label of their own (`p_kim` as `Label of p_kim`)."""
    fields.setdefault("status", "published")
    facets = fields.get("facets", {})
    fields["shown"] = {
        name: tuple(shown(value, f"Label of {value}") for value in facets.get(name, ()))
        for name in LABELLED
    }
    return IndexDocument(*args, **fields)


DOCS = [
    Doc(
        1,
        "aaa",
        "Record of Conversation with Kim Byeong-jik",
        summary="Weapons aid",
        body="We need 57 mm howitzers and antiaircraft guns.",
        names=("Kim Byeong-jik", "Kim Pyong Jik"),
        facets={"people": ("p_kim", "p_kuznetsov"), "language": ("Russian",), "year": ("1965",)},
        date_start=19650521,
        date_end=19650521,
    ),
    Doc(
        2,
        "bbb",
        "Record of Conversation on South Korea",
        summary="Demonstrations",
        body="The protest movement against the Japanese-South Korean talks.",
        facets={
            "people": ("p_kim",),
            "places": ("l_seoul",),
            "language": ("Russian",),
            "year": ("1965",),
        },
        date_start=19650417,
        date_end=19650417,
    ),
    Doc(
        3,
        "ccc",
        "Telegram on the Nicaragua canal",
        body="The canal treaty and guns.",
        facets={
            "places": ("l_managua",),
            "language": ("English",),
            "topics": ("Canal",),
            "year": ("1894",),
        },
        date_start=18940301,
        date_end=18940331,
    ),
    Doc(4, "ddd", "Undated memorandum", body="A note about nothing in particular."),
]


# The PostgreSQL backend's tests are database tests (pytest-django sets up the test database
# for them, whatever else runs in the session); tantivy's need no database.
@pytest.fixture(
    params=[
        pytest.param(name, marks=pytest.mark.django_db) if name == "postgres" else name
        for name in sorted(BACKENDS)
    ]
)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> SearchBackend:
    instance = BACKENDS[request.param](tmp_path / request.param)
    instance.apply(remove_pks=(), add=DOCS)
    return instance


def ids(backend: SearchBackend, text: str = "", **params: str) -> list[str]:
    values = {"q": [text], **{k: [v] for k, v in params.items()}}
    return [hit.public_id for hit in backend.search(search_request(values)).hits]


def test_count(backend: SearchBackend) -> None:
    assert backend.count() == 4


def test_terms_are_stemmed_and_anded(backend: SearchBackend) -> None:
    assert ids(backend, "howitzer") == ["aaa"]
    assert ids(backend, "howitzers guns") == ["aaa"]
    assert sorted(ids(backend, "guns")) == ["aaa", "ccc"]


def test_phrase_negation_or_prefix(backend: SearchBackend) -> None:
    assert ids(backend, '"antiaircraft guns"') == ["aaa"]
    assert ids(backend, '"guns antiaircraft"') == []
    assert ids(backend, "guns -canal") == ["aaa"]
    assert sorted(ids(backend, "canal OR protest")) == ["bbb", "ccc"]
    assert ids(backend, "howit*") == ["aaa"]


def test_a_clause_can_be_limited_to_one_field(backend: SearchBackend) -> None:
    assert sorted(ids(backend, "canal")) == ["ccc"]
    assert ids(backend, "title:canal") == ["ccc"]  # in the title
    assert ids(backend, "title:guns") == []  # only in bodies
    assert sorted(ids(backend, "text:guns")) == ["aaa", "ccc"]
    assert ids(backend, "title:conversation -text:howitzers") == ["bbb"]
    assert ids(backend, 'person:"Pyong Jik"') == ["aaa"]  # a variant of a name
    assert ids(backend, "person:korea") == []  # in a title, not a name
    assert ids(backend, "summary:weapon") == ["aaa"]  # stemmed, as everywhere
    assert ids(backend, "summary:demonstr*") == ["bbb"]
    assert sorted(ids(backend, "title:telegram OR text:protest")) == ["bbb", "ccc"]
    assert ids(backend, "title:don't") == []  # an apostrophe is never tsquery syntax


def test_names_and_variants_are_searchable(backend: SearchBackend) -> None:
    assert ids(backend, "Pyong Jik") == ["aaa"]


def test_title_outranks_body(backend: SearchBackend) -> None:
    assert ids(backend, "telegram OR treaty")[0] == "ccc"
    assert ids(backend, "conversation")[:2] != []


def test_filters_and_facets(backend: SearchBackend) -> None:
    assert sorted(ids(backend, "", person="p_kim")) == ["aaa", "bbb"]
    assert ids(backend, "", place="l_managua") == ["ccc"]
    assert ids(backend, "", person="Kim Byeong-jik") == []  # facets are keyed by id
    assert sorted(ids(backend, "", year="1965")) == ["aaa", "bbb"]
    assert ids(backend, "", language="English") == ["ccc"]
    response = backend.search(search_request({"q": ["conversation"]}))
    people = {f.value: (f.count, f.label) for f in response.facets["people"]}
    assert people == {"p_kim": (2, "Label of p_kim"), "p_kuznetsov": (1, "Label of p_kuznetsov")}
    assert [(f.value, f.label) for f in response.facets["year"]] == [("1965", "1965")]
    assert {f.value: f.count for f in response.facets["year"]} == {"1965": 2}


def test_date_range_and_sort(backend: SearchBackend) -> None:
    assert ids(backend, "", sort="newest")[:3] == ["aaa", "bbb", "ccc"]
    assert ids(backend, "", sort="oldest")[-3:] == ["ccc", "bbb", "aaa"] or ids(
        backend, "", sort="oldest"
    )[1:] == ["ccc", "bbb", "aaa"]
    assert ids(backend, "", **{"from": "1965-05", "to": "1965-12"}) == ["aaa"]
    assert ids(backend, "", **{"to": "1900"}) == ["ccc"]


def test_snippet_highlights_the_match(backend: SearchBackend) -> None:
    (hit,) = backend.search(search_request({"q": ["howitzers"]})).hits
    assert hit.snippet is not None
    start, end = hit.snippet.highlights[0]
    assert hit.snippet.text[start:end].lower() == "howitzers"


def test_snippet_offsets_are_characters(backend: SearchBackend) -> None:
    text = "Files 1964–66, DEF 7 JAPAN–US: Kim’s “bazookas” — again bazookas."
    backend.apply(remove_pks=(), add=[Doc(9, "iii", "Unicode", body=text)])
    (hit,) = backend.search(search_request({"q": ["bazookas"]})).hits
    assert hit.snippet is not None and hit.snippet.highlights
    for start, end in hit.snippet.highlights:
        assert hit.snippet.text[start:end].lower() == "bazookas"


def test_apply_replaces_and_removes(backend: SearchBackend) -> None:
    changed = Doc(1, "aaa", "Renamed", body="cannons")
    backend.apply(remove_pks=[1, 3], add=[changed])
    assert backend.count() == 3
    assert ids(backend, "howitzers") == []
    assert ids(backend, "cannons") == ["aaa"]
    assert ids(backend, "canal") == []


def test_paging(backend: SearchBackend) -> None:
    first = ids(backend, "", sort="newest", page_size="2")
    second = ids(backend, "", sort="newest", page_size="2", page="2")
    assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)


@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.text(max_size=200))
def test_no_user_text_breaks_the_engine(backend: SearchBackend, text: str) -> None:
    response = backend.search(SearchRequest(query=parse(text)))
    assert response.total >= 0


def test_every_year_of_a_result_set_is_counted(backend: SearchBackend) -> None:
    years = [
        Doc(100 + n, f"y{n}", f"Year {n}", body="annual report", facets={"year": (f"{1900 + n}",)})
        for n in range(40)
    ]
    backend.apply(remove_pks=(), add=years)
    response = backend.search(search_request({"q": ["annual"]}))
    assert sorted(int(f.value) for f in response.facets["year"]) == list(range(1900, 1940))


HIDDEN = [
    Doc(20, "draft", "Draft telegram on howitzers", status="draft"),
    Doc(21, "embargoed", "Embargoed telegram on howitzers", embargo_until=20990101),
    Doc(22, "lapsed", "Once embargoed telegram on howitzers", embargo_until=19990101),
]


def found_by(backend: SearchBackend, gate: Gate, **changes: object) -> tuple[list[str], int, Any]:
    request = replace(search_request({"q": ["telegram"]}), gate=gate, **changes)
    response = backend.search(request)
    return sorted(hit.public_id for hit in response.hits), response.total, response.facets


def test_the_gate_filters_at_query_time(backend: SearchBackend) -> None:
    backend.apply(remove_pks=(), add=HIDDEN)
    today = datetime(2026, 12, 6, tzinfo=UTC)
    assert found_by(backend, Gate.of(ANONYMOUS, today))[:2] == (["ccc", "lapsed"], 2)
    curator = found_by(backend, Gate.of(CURATOR, today))[:2]
    assert curator == (["ccc", "draft", "embargoed", "lapsed"], 4)
    later = Gate.of(ANONYMOUS, datetime(2099, 1, 1, tzinfo=UTC))  # the embargo's first day
    assert found_by(backend, later)[0] == ["ccc", "embargoed", "lapsed"]


def test_excluded_documents_count_nowhere(backend: SearchBackend) -> None:
    shown, total, facets = found_by(backend, Gate.of(ANONYMOUS), exclude=frozenset({3}))
    assert (shown, total) == ([], 0)
    assert all(not counts for counts in facets.values())
    people = backend.search(replace(search_request({}), exclude=frozenset({2}))).facets["people"]
    assert {f.value: f.count for f in people} == {"p_kim": 1, "p_kuznetsov": 1}


def test_one_writer_at_a_time(backend: SearchBackend) -> None:
    with backend.session() as session:
        with pytest.raises(IndexBusy, match="being written by another process"), backend.session():
            pass
        session.replace([Doc(30, "w", "Written while held")])
        session.commit()
    with backend.session():  # released
        pass
    assert backend.count() == 5


def test_a_word_in_diacritics_also_finds_it_without(backend: SearchBackend) -> None:
    sato = Doc(40, "sato", "A call", names=("Sato, Eisaku",), body="Sato said no.")
    backend.apply(remove_pks=(), add=[sato])
    assert ids(backend, "person:Satō") == ["sato"]
    assert ids(backend, '"Satō said"') == ["sato"]
    assert "sato" not in ids(backend, "-Satō")
