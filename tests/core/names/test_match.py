"""match(): the fixture cases (a, b, same, note), reasons, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from fonds.core.names import Match, match, name_forms

CASES = Path(__file__).with_name("fixtures") / "match_cases.tsv"


def _cases() -> list[list[str]]:
    lines = CASES.read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize(("a", "b", "same", "note"), _cases())
def test_case(a: str, b: str, same: str, note: str) -> None:
    assert match(a, b).same is (same == "yes"), f"{note}: {match(a, b)}"
    assert match(b, a).same is (same == "yes"), f"{note} (reversed)"


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("Dean Rusk", "Rusk, Dean", "inverted order"),
        ("Dean Rusk", "D. Rusk", "initials"),
        ("Satō", "Sato", "diacritics"),
        ("Kim Byeong-jik", "Kim Pyong Jik", "Korean RR↔MR"),
        ("Chou En-lai", "Zhou Enlai", "Wade-Giles↔pinyin"),
        ("Vasily Kuznetsov", "Kusnezow, Wassili", "Cyrillic transliteration"),
        ("Chiang, Ching-kuo (Jiang Jingguo)", "Jiang Jingguo", "bracketed variant"),
        ("Кузнецов, Василий", "Kuznetsov, Vasily", "Cyrillic script"),
    ],
)
def test_reasons_name_the_rule(a: str, b: str, reason: str) -> None:
    assert reason in match(a, b).reasons


def test_score_range_and_identity() -> None:
    found = match("Rusk, Dean", "Rusk, Dean")
    assert found == Match(1.0, True, ())
    assert 0.0 <= match("Dean Rusk", "John Smith").score <= 1.0


def test_name_forms_split_declared_variants() -> None:
    assert name_forms("Pak Chong-hui (Pak Chung-hui, Park Chung Hee)") == (
        "Pak Chong-hui",
        "Pak Chung-hui",
        "Park Chung Hee",
    )
    assert name_forms("Chiang, Ching-kuo (Jiang Jingguo)") == ("Chiang, Ching-kuo", "Jiang Jingguo")
    assert name_forms("Kim Byeong-jik [Kim Pyong Jik]") == ("Kim Byeong-jik", "Kim Pyong Jik")
    assert name_forms("O’Neill, Thomas P. (“Tip”)") == ("O’Neill, Thomas P.",)
    assert name_forms("(V. Kuznetsov)") == ("V. Kuznetsov",)
    assert name_forms("") == ()


@pytest.mark.parametrize(
    "text",
    ["", "   ", "()", "[]", "((", "Ж" * 5000, "Kim " * 2000, "金" * 300, "🙂", "—, —", ", Dean"],
)
def test_bad_input_never_crashes(text: str) -> None:
    found = match(text, "Dean Rusk")
    assert 0.0 <= found.score <= 1.0


def test_middle_initials_that_differ_are_probable_not_same() -> None:
    found = match("Freeman, Orville H.", "Freeman, Orville L.")
    assert (found.score, found.same, found.reasons) == (0.6, False, ("middle names differ",))
