"""Chinese names compared across Wade-Giles and pinyin (Chou En-lai = Zhou Enlai).

Each syllable is read as the pinyin syllables it can stand for: itself when it is pinyin, its
pinyin by the Library of Congress table (data/wade_giles_pinyin.tsv) when it is Wade-Giles, and,
when a Wade-Giles apostrophe or umlaut may have been dropped (Chi Peng-fei), the readings with
them too. Pinyin run together ("Enlai", "Jingguo") is cut into syllables.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from fonds.core.names.spelling import plain
from fonds.core.names.tables import rows

_ASPIRABLE = re.compile(r"^(ch|ts|tz|k|p|t)(?=[aeiouü])")
_APOSTROPHES = str.maketrans(
    {"\u02bb": "'", "\u02bc": "'", "\u02bd": "'", "\u2018": "'", "\u2019": "'"}
)


@cache
def _table() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("wade_giles_pinyin.tsv")}


@cache
def _pinyin() -> frozenset[str]:
    return frozenset(v.replace("ü", "u") for v in _table().values()) | {"yo", "lue", "nue"}


def _lower(word: str) -> str:
    return word.casefold().translate(_APOSTROPHES).replace("u\u0308", "ü")


@lru_cache(maxsize=65536)
def syllable_readings(syllable: str) -> frozenset[str]:
    """Pinyin syllables one written syllable can stand for (ü written as u)."""
    word = _lower(syllable)
    bare = word.replace("'", "").replace("ü", "u")
    spellings = {word, word.replace("ü", "u")}
    if "'" not in word:
        spellings.add(_ASPIRABLE.sub(r"\1'", word))
    if "u" in word and "ü" not in word:
        spellings |= {s.replace("u", "ü") for s in list(spellings)}
    found = {_table()[s].replace("ü", "u") for s in spellings if s in _table()}
    if bare in _pinyin():
        found.add(bare)
    return frozenset(found)


def _pinyin_cuts(word: str) -> list[list[str]]:
    """A pinyin word cut into one to three syllables."""
    cuts = [[word]] if word in _pinyin() else []
    for cut in range(1, len(word)):
        if word[:cut] in _pinyin():
            cuts.extend([word[:cut], *rest] for rest in _pinyin_cuts(word[cut:]) if len(rest) < 3)
    return cuts


@lru_cache(maxsize=65536)
def readings(words: tuple[str, ...]) -> tuple[tuple[frozenset[str], ...], ...]:
    """A name part (surname or given name) as sequences of per-syllable pinyin readings."""
    out: list[list[frozenset[str]]] = [[]]
    for word in words:
        parts = [p for p in re.split(r"[-\s]+", word) if p]
        options = _word_options(parts)
        if not options:
            return ()
        out = [seq + opt for seq in out for opt in options][:16]
    return tuple(tuple(seq) for seq in out)


def _word_options(parts: list[str]) -> list[list[frozenset[str]]]:
    if len(parts) > 1 or syllable_readings(parts[0]):
        seq = [syllable_readings(p) for p in parts]
        return [seq] if all(seq) else []
    cuts = _pinyin_cuts(plain(parts[0]))
    return [[frozenset({s}) for s in cut] for cut in cuts]


def same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two name parts can be the same Chinese syllables."""
    for x in readings(a):
        for y in readings(b):
            if len(x) == len(y) and all(p & q for p, q in zip(x, y, strict=True)):
                return True
    return False
