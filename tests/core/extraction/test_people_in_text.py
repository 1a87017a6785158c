"""People named in a record's text: attendees, interpreters, signatories (issue 11, item 3).
Cases: fixtures/agents/people_in_text.json (a text, the people named before, who it names)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fonds.core.extraction.people_in_text import people_in_text
from fonds.core.records import Agent

CASES = json.loads(
    (
        Path(__file__).resolve().parents[1] / "fixtures" / "agents" / "people_in_text.json"
    ).read_text()
)


@pytest.mark.parametrize("case", CASES, ids=[case["note"][:40] for case in CASES])
def test_people_in_text(case: dict[str, Any]) -> None:
    named = [Agent(name) for name in case["named"]]
    found = people_in_text(case["text"], named)
    actual = [[a.name, a.role.value, a.description, list(a.variants)] for a in found]
    assert actual == case["people"]
