"""Romanized Korean names compared across McCune-Reischauer, Revised Romanization and the
popular spellings (Pyŏng-jik, Byeong-jik, Pyong Jik, Byung Jik; Chŏng-hŭi, Chung Hee).

Each syllable is read into sound classes that the schemes write differently but never confuse:
voicing and aspiration are not told apart (MR k/g/k', RR g/k), nor ㅓ/ㅗ/ㅜ/ㅡ once breves are
dropped (ŏ, eo, o, u, ŭ, eu, oo). At each junction MR's sound changes are undone: ㄱ+ㄹ written
ng-n or k-r (덕룡 tŏng-nyong, deok-ryong), ㄴ+ㄹ l-l or n-r (인량 il-lyang, in-ryang).
Surnames compare by the surname table (data/korean_surnames.tsv: Pak = Park = Bak).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from fonds.core.names.korean import surnames
from fonds.core.names.spelling import plain

_SYLLABLE = re.compile(
    r"(?P<i>kk|tt|pp|ss|jj|tch|ch|sh|k|g|t|d|p|b|j|s|h|m|n|r|l)?"
    r"(?P<v>yae|yeo|you|ya|ye|yo|yu|wae|weo|wa|we|wo|wi|ae|eo|eu|ee|oo|oe|oi|ui|a|e|i|o|u)"
    r"(?P<f>ng|k|g|t|d|p|b|l|r|m|n)?"
)
_INITIAL = {"kk": "K", "g": "K", "k": "K", "tt": "T", "d": "T", "t": "T", "pp": "P", "b": "P",
            "p": "P", "jj": "C", "tch": "C", "ch": "C", "j": "C", "ss": "S", "sh": "S", "s": "S",
            "h": "H", "m": "M", "n": "N", "r": "L", "l": "L"}  # fmt: skip
_VOWEL = {"a": "A", "ae": "E", "e": "E", "ya": "YA", "yae": "YE", "ye": "YE", "eo": "O",
          "o": "O", "u": "O", "eu": "O", "oo": "O", "yeo": "YO", "yo": "YO", "yu": "YO",
          "you": "YO", "wa": "WA", "wae": "WE", "we": "WE", "oe": "WE", "oi": "WE", "weo": "WO",
          "wo": "WO", "wi": "WI", "ui": "I", "i": "I", "ee": "I"}  # fmt: skip
_FINAL = {"k": "K", "g": "K", "t": "T", "d": "T", "p": "P", "b": "P", "l": "L", "r": "L",
          "m": "M", "n": "N", "ng": "NG"}  # fmt: skip
Syllable = tuple[str, str, str]


@lru_cache(maxsize=65536)
def _syllable(text: str) -> Syllable | None:
    found = _SYLLABLE.fullmatch(text)
    if not found:
        return None
    final = _FINAL.get(found["f"] or "", "")
    return _INITIAL.get(found["i"] or "", ""), _VOWEL[found["v"]], final


def _splits(word: str, most: int = 3) -> list[list[Syllable]]:
    """A run-together given name ("byeongjik", "hyokkose") read as one to three syllables."""
    whole = _syllable(word)
    out = [[whole]] if whole else []
    if most > 1:
        for cut in range(1, len(word)):
            head = _syllable(word[:cut])
            if head:
                out.extend([head, *rest] for rest in _splits(word[cut:], most - 1))
    return out


@lru_cache(maxsize=65536)
def given_readings(words: tuple[str, ...]) -> tuple[tuple[Syllable, ...], ...]:
    """Every syllable reading of a given name written in one or more words or hyphenated parts."""
    parts = [plain(p) for w in words for p in w.split("-") if plain(p)]
    readings: list[list[Syllable]] = [[]]
    for part in parts:
        readings = [r + s for r in readings for s in _splits(part)][:64]
    return tuple(_levelled(r) for r in readings if 0 < len(r) <= 3)


def _levelled(syllables: list[Syllable]) -> tuple[Syllable, ...]:
    """Undo MR's sound changes at each junction (ALA-LC: nasal assimilation, the ㄹ rules)."""
    out = list(syllables)
    for n in range(1, len(out)):
        (i0, v0, f0), (i1, v1, f1) = out[n - 1], out[n]
        if i1 in ("N", "M", "L") and f0:
            f0 = {"NG": "K", "N": "T", "M": "P", "L": "T"}.get(f0, f0)
            i1 = "N" if i1 in ("N", "L") else i1
        out[n - 1], out[n] = (i0, v0, f0), (i1, v1, f1)
    return tuple(out)


def same_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two romanized Korean given names can spell the same Hangul."""
    return bool(set(given_readings(a)) & set(given_readings(b)))


@cache
def _surname_spellings() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for hangul, (mr, rr, others) in surnames().items():
        for spelling in (mr, rr, *others):
            table.setdefault(plain(spelling), set()).add(hangul)
    return {k: frozenset(v) for k, v in table.items()}


def same_syllable(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two one-syllable surnames the table lacks that can spell the same Hangul (Tae, Dae)."""
    ra, rb = given_readings(a), given_readings(b)
    return any(len(x) == 1 for x in ra) and bool(set(ra) & set(rb))


def surname_hangul(words: tuple[str, ...]) -> frozenset[str]:
    """The Hangul surnames a romanized surname can stand for ("Park" -> {박})."""
    return _surname_spellings().get(plain("".join(words)), frozenset())
