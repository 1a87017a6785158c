"""The forms a person is found under (fixtures/name_forms.tsv: a name, its forms)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fonds.core.search.name_forms import search_forms

CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "fixtures" / "name_forms.tsv")
    .read_text("utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("name", "expected"), CASES)
def test_search_forms(name: str, expected: str) -> None:
    assert search_forms([name]) == tuple(expected.split(" | "))


def test_forms_are_given_once() -> None:
    assert search_forms(["Rusk, Dean", "Dean Rusk"]) == ("Rusk, Dean", "Dean Rusk")
