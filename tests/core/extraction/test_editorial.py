"""Editorial brackets -> marked segments, from fixtures/editorial/brackets.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

from fonds.core.extraction.editorial import segments

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "editorial" / "brackets.tsv"
ROWS = [line.split("\t") for line in FIXTURE.read_text().splitlines() if not line.startswith("#")]


@pytest.mark.parametrize(("paragraph", "expected"), ROWS, ids=[r[0][:30] for r in ROWS])
def test_segments(paragraph: str, expected: str) -> None:
    actual = " | ".join(f"{s.mark.value}:{s.text}" for s in segments(paragraph))
    assert actual == expected


@pytest.mark.parametrize("paragraph", [r[0] for r in ROWS], ids=[r[0][:30] for r in ROWS])
def test_segments_keep_every_character(paragraph: str) -> None:
    rebuilt = "".join(
        s.text if s.mark.value == "text" else f"[{s.text}]" for s in segments(paragraph)
    )
    assert rebuilt == paragraph
