"""The two seed records, field by field, against hand-written truth files (issue 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fonds.core.parsing import detect
from fonds.core.pipeline import plan
from fonds.core.records import DocumentRecord, Extracted, Source
from fonds.core.serialize import record_to_json

FIXTURES = Path(__file__).parent / "fixtures" / "seeds"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
CASES = sorted(FIXTURES.glob("*.expected.json"))


def _load(case: Path) -> tuple[dict[str, Any], Source]:
    expected = json.loads(case.read_text())
    path = SEEDS / expected["seed"]
    return expected, Source(path.name, path.read_bytes())


def _record(source: Source) -> DocumentRecord:
    items = list(plan(source))
    assert len(items) == 1
    assert isinstance(items[0], Extracted), items[0]
    return items[0].record


@pytest.fixture(params=CASES, ids=lambda p: p.name.split(".")[0])
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], DocumentRecord, Source]:
    expected, source = _load(request.param)
    return expected, _record(source), source


def test_seed_cases_exist() -> None:
    assert len(CASES) == 2


def test_format_is_detected_by_content(case: tuple[dict[str, Any], DocumentRecord, Source]) -> None:
    expected, record, source = case
    assert detect(source.data).name == expected["format"]
    assert record.source_format == expected["format"]


def test_plain_fields(case: tuple[dict[str, Any], DocumentRecord, Source]) -> None:
    expected, record, _ = case
    actual = json.loads(record_to_json(record))
    for field, value in expected["equal"].items():
        assert actual[field] == value, field


def test_texts(case: tuple[dict[str, Any], DocumentRecord, Source]) -> None:
    expected, record, _ = case
    assert len(record.texts) == len(expected["texts"])
    for text, truth in zip(record.texts, expected["texts"], strict=True):
        assert text.kind.value == truth["kind"]
        assert text.language == truth["language"]
        assert text.body.startswith(truth["starts_with"])
        assert text.body.endswith(truth["ends_with"])
        for fragment in truth["contains"]:
            assert fragment in text.body
        for fragment in truth["excludes"]:
            assert fragment not in text.body
        assert len(text.body.split("\n\n")) == truth["paragraphs"]


def test_people(case: tuple[dict[str, Any], DocumentRecord, Source]) -> None:
    expected, record, _ = case
    people = json.loads(record_to_json(record))["people"]
    actual = [
        {key: value for key, value in agent.items() if key in truth}
        for agent, truth in zip(people, expected["people"], strict=True)
    ]
    assert actual == expected["people"]


def test_rights(case: tuple[dict[str, Any], DocumentRecord, Source]) -> None:
    expected, record, _ = case
    assert record.rights.startswith(expected["rights_starts_with"])
    assert record.rights.endswith(expected["rights_ends_with"])
    if not expected["rights_starts_with"]:
        assert record.rights == ""


def test_source_key_ignores_the_file_name(
    case: tuple[dict[str, Any], DocumentRecord, Source],
) -> None:
    _, record, source = case
    moved = _record(Source("elsewhere/renamed.md", source.data))
    assert moved.source_key == record.source_key
