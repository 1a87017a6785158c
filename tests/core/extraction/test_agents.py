"""People named by titles, and bracketed name variants, from fixtures/agents/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fonds.core.extraction.agents import people_from_title, with_bracketed_variants
from fonds.core.records import Agent, Role

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "agents" / "titles.json").read_text()
)


@pytest.mark.parametrize("case", CASES, ids=[c["title"][:40] for c in CASES])
def test_people_from_title(case: dict[str, Any]) -> None:
    actual = [[a.name, a.role.value, a.description] for a in people_from_title(case["title"])]
    assert actual == case["people"]


def test_bracketed_variants_attach_to_the_name_they_follow() -> None:
    agents = (Agent("Kim Byeong-jik", Role.PARTICIPANT), Agent("Vasily Kuznetsov"))
    text = "comrade Kim Byeong-jik [Kim Pyong Jik] said; Kim Byeong-jik [Kim Pyong Jik] again"
    enriched = with_bracketed_variants(agents, text)
    assert enriched[0].variants == ("Kim Pyong Jik",)
    assert enriched[1].variants == ()
