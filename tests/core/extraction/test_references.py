"""Citations -> source URL, archival reference and credits, from fixtures/references/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fonds.core.extraction.references import parse_citation

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "references" / "citations.json").read_text()
)


@pytest.mark.parametrize("case", CASES, ids=[c["citation"][:40] for c in CASES])
def test_citation(case: dict[str, Any]) -> None:
    parsed = parse_citation(case["citation"])
    assert parsed.source_url == case["source_url"]
    assert list(parsed.credits) == case["credits"]
    assert ("<http" not in parsed.text and case["source_url"] not in parsed.text) or not case[
        "source_url"
    ]
    if case["repository"] is None:
        assert parsed.reference is None
        return
    assert parsed.reference is not None
    assert parsed.reference.repository == case["repository"]
    assert [[lv.kind, lv.value] for lv in parsed.reference.levels] == case["levels"]
    assert parsed.reference.text == case["text"]
