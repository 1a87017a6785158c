"""Korean romanization: the ALA-LC truth file and the fixture cases."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from tests.conftest import CORPUS

from fonds.core.names import romanize

TRUTH = CORPUS / "names" / "korean_names_mccune_reischauer.csv"
CASES = Path(__file__).with_name("fixtures") / "romanize_cases.tsv"


def _truth() -> list[tuple[str, str]]:
    with TRUTH.open(encoding="utf-8", newline="") as handle:
        return [
            (r["hangul"], unicodedata.normalize("NFC", r["mccune_reischauer"]))
            for r in csv.DictReader(handle)
        ]


def _cases() -> list[list[str]]:
    lines = CASES.read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_mr_matches_the_ala_lc_truth_file() -> None:
    truth = _truth()
    misses = [(h, m, romanize(h, "mr")) for h, m in truth if romanize(h, "mr") != m]
    assert len(truth) == 456
    assert len(misses) / len(truth) <= 0.05, misses


@pytest.mark.parametrize(("hangul", "scheme", "expected", "note"), _cases())
def test_case(hangul: str, scheme: str, expected: str, note: str) -> None:
    assert romanize(hangul, scheme) == expected, note  # type: ignore[arg-type]


def test_output_is_nfc() -> None:
    assert romanize("김병직") == unicodedata.normalize("NFC", romanize("김병직"))
