"""Cyrillic -> Latin by the ALA-LC Russian table (data/cyrillic_ala_lc.tsv, russian_ala_lc.tsv)."""

from __future__ import annotations

import unicodedata
from functools import cache

from fonds.core.names.tables import rows


@cache
def _table() -> dict[str, str]:
    table = {r[0]: r[1] for r in rows("cyrillic_ala_lc.tsv")}
    table.update({r[0]: r[1] for r in rows("russian_ala_lc.tsv")})  # Russian letters win
    return table


def is_cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in text)


def transliterate(text: str) -> str:
    """ALA-LC romanization of Russian (Кузнецов -> Kuznet͡sov); other characters unchanged."""
    return unicodedata.normalize("NFC", "".join(_table().get(ch, ch) for ch in text))
