"""Word-level keys: the plain key (case, diacritics, punctuation dropped) and the skeleton, under
which the common transliteration variants of one name agree (Kuznetsov, Kouznetsov, Kusnezow,
Kuznetzov; Aleksei, Alexei, Alexey; Vasily, Vassili, Wassili)."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache, lru_cache

from fonds.core.names.tables import rows

_DROP = {"Mn", "Me", "Lm", "Sk"}  # combining marks, modifier letters (ʹ ʻ), modifier symbols


@lru_cache(maxsize=131072)
def plain(word: str) -> str:
    """ "Kyŏng" -> "kyong", "O’Neill" -> "oneill", "Ch'ŏng-hŭi" -> "chonghui"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(
        ch for ch in decomposed if unicodedata.category(ch) not in _DROP and ch.isalnum()
    )


def strip_marks(word: str) -> str:
    """The word without diacritics, in its own case."""
    decomposed = unicodedata.normalize("NFKD", word)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


# Ordered rewrites for the skeleton. German (sch, tsch, w, z, j), French (ou, tch, kh) and
# English renderings of Russian letters meet in one spelling: щ shch/schtsch/chtch, ч ch/tsch/tch,
# ш sh/sch/ch, ц ts/tz/z/c, з z/s, в v/w/ff, х kh/ch/h, й/ий i/y/j/ij, ю yu/ju/iu.
_SKELETON: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), value)
    for pattern, value in (
        (r"schtsch|shch|chtch|stch", "sh"),
        (r"tsch|tch", "ch"),
        (r"sch", "sh"),
        (r"x", "ks"),
        (r"ck|q", "k"),
        (r"ph", "f"),
        (r"kh", "h"),
        (r"w", "v"),
        (r"ff$", "v"),
        (r"(?<=[a-z])([aou])e", r"\1"),  # German umlauts written out: Koehler = Köhler
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"tz|ts|dz|z", "s"),
        (r"j(?=[aeiou])", "y"),
        (r"(?<=[aeiou])j", "i"),
        (r"y", "i"),
        (r"([a-z])\1+", r"\1"),
    )
)


@lru_cache(maxsize=131072)
def skeleton(word: str) -> str:
    """The plain key with transliteration differences levelled (see the rules above)."""
    out = plain(word)
    for pattern, value in _SKELETON:
        out = pattern.sub(value, out)
    return out


# First-letter classes for blocking keys: letters that romanizations of one sound use
# interchangeably share a class (Korean b/p, g/k, d/t, j/ch; Chinese j/ch/zh/q/ts/z, x/hs; Latin
# c/k, v/w, vowels and y). A letter may stand in more than one class ("c": Charles, pinyin cao).
_CLASSES = {
    "b": "p", "p": "p", "f": "v", "v": "v", "w": "v", "d": "t", "t": "t", "g": "k", "k": "k",
    "q": "kj", "c": "kj", "j": "jy", "z": "j", "x": "s", "s": "js", "h": "hs", "l": "l",
    "r": "lj", "m": "m", "n": "n", "a": "a", "e": "a", "i": "a", "o": "a", "u": "a", "y": "ay",
}  # fmt: skip


def letter_classes(word: str) -> str:
    """The classes of a word's first letter ("" when it has none); Wade-Giles ts/tz (pinyin z,
    c) also in the class of z."""
    key = plain(word)
    classes = _CLASSES.get(key[:1], key[:1]) if key else ""
    return classes + "j" if key[:2] in ("ts", "tz") else classes


_CONSONANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), value)
    for pattern, value in (
        (r"(?<=.)[aeiouy]+", ""),
        (r"[aeiouy]+", "a"),
        (r"ch", "sh"),
        (r"([bdgt])h", r"\1"),
        (r"([a-z])\1+", r"\1"),
    )
)


@lru_cache(maxsize=131072)
def consonants(word: str) -> str:
    """The skeleton's consonants (a leading vowel kept as "a"): the letters that Arabic and
    other vowel-poor transliterations agree on (Aref = Arif, Haikal = Haykal)."""
    out = skeleton(word)
    for pattern, value in _CONSONANT_RULES:
        out = pattern.sub(value, out)
    return out


@lru_cache(maxsize=131072)
def similar(x: str, y: str) -> float:
    """How alike two words' plain keys are (0..1, difflib's ratio)."""
    px, py = plain(x), plain(y)
    if 2 * abs(len(px) - len(py)) > len(px) + len(py):
        return 0.0  # ratio can reach no more than 2 * shorter / (sum): under 0.5
    return SequenceMatcher(None, px, py).ratio()


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for name, forms in rows("nicknames.tsv"):
        for word in (name, *forms.split()):
            groups.setdefault(word, set()).add(name)
    return {k: frozenset(v) for k, v in groups.items()}


def same_nickname(x: str, y: str) -> bool:
    """ "Jack" and "John", "Jimmy" and "James" (data/nicknames.tsv)."""
    px, py = plain(x), plain(y)
    return px != py and bool(_nicknames().get(px, set()) & _nicknames().get(py, set()))
