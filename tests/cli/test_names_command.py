"""`fonds names match` and `fonds names romanize`: what a curator types, what they read."""

from __future__ import annotations

import pytest

from fonds.cli import main


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Kim Byeong-jik", "Kim Pyong Jik", "same person (score 0.95): Korean RR↔MR"),
        ("Dean Rusk", "Rusk, Dean", "same person (score 1.00): inverted order"),
        ("Kim Il Sung", "Kim Jong Il", "not the same person (score 0.20): given names differ"),
    ],
)
def test_match_prints_the_decision_score_and_reasons(
    capsys: pytest.CaptureFixture[str], first: str, second: str, expected: str
) -> None:
    assert main(["names", "match", first, second]) == 0
    assert capsys.readouterr().out.strip() == expected


@pytest.mark.parametrize(
    ("name", "scheme", "expected"),
    [
        ("김병직", "mr", "Kim Pyŏng-jik"),
        ("김병직", "rr", "Kim Byeong-jik"),
        ("朴正熙", "mr", "Pak Chŏng-hŭi"),
    ],
)
def test_romanize(
    capsys: pytest.CaptureFixture[str], name: str, scheme: str, expected: str
) -> None:
    assert main(["names", "romanize", name, "--scheme", scheme]) == 0
    assert capsys.readouterr().out.strip() == expected


@pytest.mark.parametrize("name", ["Kim", "", "   "])
def test_romanize_refuses_what_is_not_korean(capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert main(["names", "romanize", name]) == 2
    assert "no Hangul or Hanja" in capsys.readouterr().err
