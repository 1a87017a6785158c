"""FRUS source notes -> structure, from fixtures/source_notes/*.json (one case per real note)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fonds.core.extraction.source_notes import parse_source_note, repositories, sentences
from fonds.core.records import ArchivalLevel, ArchivalReference, Role

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "source_notes"


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(FIXTURES.glob("*.json")):
        cases += json.loads(path.read_text(encoding="utf-8"))
    return cases


CASES = _cases()


def _reference(expected: dict[str, Any] | None) -> ArchivalReference | None:
    if expected is None:
        return None
    return ArchivalReference(
        repository=expected["repository"],
        levels=tuple(ArchivalLevel(kind, value) for kind, value in expected["levels"]),
        text=expected["text"],
        repository_name=expected["repository_name"],
    )


def test_fixtures_loaded() -> None:
    assert len(CASES) >= 25
    notes = [case["note"] for case in CASES]
    assert any(n.startswith("National Archives and Records Administration, RG 59") for n in notes)
    assert any(n.startswith("Central Intelligence Agency, O/DDI Registry") for n in notes)


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_reference(case: dict[str, Any]) -> None:
    assert parse_source_note(case["note"]).reference == _reference(case["reference"])


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_markings(case: dict[str, Any]) -> None:
    parsed = parse_source_note(case["note"])
    assert (parsed.classification, parsed.precedence) == (
        case["classification"],
        case["precedence"],
    )


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_people(case: dict[str, Any]) -> None:
    parsed = parse_source_note(case["note"])
    assert [(a.name, a.role) for a in parsed.people] == [
        (name, Role(role)) for name, role in case["people"]
    ]
    assert all(not a.authority_key and not a.description for a in parsed.people)


def test_repository_table_is_well_formed() -> None:
    rows = repositories()
    written = [form for form, _ in rows]
    assert len(written) == len(set(written)), "a written form is listed twice"
    assert all(repo.abbreviation and repo.name for _, repo in rows)
    # longest first, so "National Archives and Records Administration" beats "National Archives"
    assert [len(w) for w in written] == sorted((len(w) for w in written), reverse=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Drafted by Robert L. Barry. Approved by Rusk.",
            ["Drafted by Robert L. Barry", "Approved by Rusk"],
        ),
        ("Vol. I. Secret", ["Vol. I", "Secret"]),
        ("L.B. Johnson, Jan.–July 1966. Secret", ["L.B. Johnson, Jan.–July 1966", "Secret"]),
        ("drafted by Ball. (National Archives)", ["drafted by Ball", "(National Archives)"]),
    ],
)
def test_sentences_skip_abbreviations_and_initials(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
