"""The generated tables in fonds/core/names/data match their sources (regenerated in memory)."""

from __future__ import annotations

import pytest

from fonds.core.names import tablegen
from fonds.core.names.tables import DATA


@pytest.mark.parametrize("table", ["wade_giles_pinyin.tsv", "russian_ala_lc.tsv"])
def test_table_matches_its_source(table: str) -> None:
    assert (DATA / table).read_text("utf-8") == tablegen.generate(table), (
        f"{table} drifted from its source: run python -m fonds.core.names.tablegen"
    )


def test_hanja_table_matches_unihan() -> None:
    # the source must be there: scripts/ensure-services installs it (make test runs it first)
    assert tablegen.UNIHAN.exists(), f"{tablegen.UNIHAN} is missing: apt-get install unicode-data"
    assert (DATA / "hanja_readings.tsv").read_text("utf-8") == tablegen.generate(
        "hanja_readings.tsv"
    )


def test_yaml_reader_decodes_escapes() -> None:
    text = 'roman_to_script:\n  map:\n    "Ch\\u02BBai": "Chai"\nother:\n  map:\n    "x": "y"\n'
    assert tablegen.yaml_map(text, "roman_to_script") == [("Chʻai", "Chai")]


def test_headers_name_source_and_licence() -> None:
    for table in ("wade_giles_pinyin.tsv", "russian_ala_lc.tsv"):
        head = (DATA / table).read_text("utf-8").splitlines()[:4]
        assert any("CC0" in line for line in head) and any("Source" in line for line in head)
