"""Language names as archives write them ("Russian") -> BCP 47 tags ("ru"), from languages.tsv."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _table() -> dict[str, str]:
    rows = Path(__file__).with_name("languages.tsv").read_text("utf-8").splitlines()
    pairs = (row.split("\t") for row in rows if row and not row.startswith("#"))
    return {name.casefold(): code for name, code in pairs}


def language_tag(name: str) -> str:
    """The BCP 47 tag of a language name or tag; "" when unknown."""
    value = name.strip()
    if value.casefold() in _table():
        return _table()[value.casefold()]
    return value.lower() if value.lower() in _table().values() else ""
