"""Blocking keys, NameIndex and cluster: candidates share a key with what match calls the same."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from tests.conftest import CORPUS

from fonds.core.names import NameIndex, cluster, match, match_keys, romanize
from fonds.core.names.index import query_keys

CASES = Path(__file__).with_name("fixtures") / "match_cases.tsv"
KOREAN = CORPUS / "names" / "korean_names_mccune_reischauer.csv"


def _same_pairs() -> list[tuple[str, str]]:
    lines = CASES.read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(r[0], r[1]) for r in rows if r[2] == "yes"]


@pytest.mark.parametrize(("a", "b"), _same_pairs())
def test_names_that_match_share_a_key(a: str, b: str) -> None:
    assert query_keys(a) & match_keys(b), (a, b)
    assert query_keys(b) & match_keys(a), (b, a)


def test_every_rr_form_matches_its_mr_form_and_shares_a_key() -> None:
    with KOREAN.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        mr = unicodedata.normalize("NFC", row["mccune_reischauer"])
        rr = romanize(row["hangul"], "rr")
        assert match(rr, mr).same, (row["hangul"], rr, mr, match(rr, mr))
        assert query_keys(rr) & match_keys(mr), (rr, mr)


def test_index_finds_variants_and_keeps_people_apart() -> None:
    index = NameIndex(
        [
            ("rusk", "Rusk, Dean"),
            ("bruce", "Bruce, David K. E."),
            ("zhou", "Zhou Enlai"),
            ("kuznetsov", "Kuznetsov, Vasily Vasilyevich"),
            ("park", "Pak Chong-hui (Pak Chung-hui, Park Chung Hee)"),
        ]
    )
    assert [i for i, _ in index.best("D. Rusk")] == ["rusk"]
    assert [i for i, _ in index.best("Chou En-lai")] == ["zhou"]
    assert [i for i, _ in index.best("Kusnezow, Wassili")] == ["kuznetsov"]
    assert [i for i, _ in index.best("박정희")] == ["park"]
    assert index.best("David Rusk") == []
    assert "bruce" not in index.candidates("D. Rusk")
    assert len(index) == 5 and index.name("rusk") == "Rusk, Dean"


def test_index_refuses_a_second_name_under_one_id() -> None:
    index = NameIndex([(1, "Rusk, Dean")])
    with pytest.raises(ValueError, match="already"):
        index.add(1, "Dean Rusk")


def test_cluster_groups_forms_and_leaves_ambiguous_ones_alone() -> None:
    names = [
        "Rusk, Dean",
        "Dean Rusk",
        "D. Rusk",
        "Jackson, Henry Rootes",
        "Jackson, Henry M.",
        "Jackson, Henry",
        "Chou En-lai",
        "Zhou Enlai",
        "Kim Il Sung",
        "Kim Jong Il",
    ]
    groups = [[names[i] for i in group] for group in cluster(names)]
    assert ["Rusk, Dean", "Dean Rusk", "D. Rusk"] in groups
    assert ["Chou En-lai", "Zhou Enlai"] in groups
    assert ["Jackson, Henry"] in groups  # fits two Henry Jacksons: left alone
    assert ["Kim Il Sung"] in groups and ["Kim Jong Il"] in groups
