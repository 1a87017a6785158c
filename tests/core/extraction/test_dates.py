"""Date expressions -> EDTF and day bounds, from fixtures/dates/*.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

from fonds.core.extraction.dates import bounds, parse_date

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dates"


def _rows() -> list[list[str]]:
    rows = []
    for path in sorted(FIXTURES.glob("*.tsv")):
        for line in path.read_text().splitlines():
            if line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


ROWS = _rows()


def test_fixtures_loaded() -> None:
    assert len(ROWS) > 20


@pytest.mark.parametrize("row", ROWS, ids=[r[0] or "<empty>" for r in ROWS])
def test_date(row: list[str]) -> None:
    text, edtf = row[0], row[1]
    parsed = parse_date(text)
    if edtf == "-":
        assert parsed is None
        return
    assert parsed is not None
    assert parsed.edtf == edtf
    assert parsed.display == text.strip()
    first, last = bounds(edtf) or (None, None)
    assert first is not None and last is not None
    assert (first.isoformat(), last.isoformat()) == (row[2], row[3])


@pytest.mark.parametrize("edtf", ["", "1965-13", "1965-02-30", "abc", "1965/1966/1967"])
def test_bounds_of_invalid_edtf(edtf: str) -> None:
    assert bounds(edtf) is None
