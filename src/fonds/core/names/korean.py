"""Korean personal names: Hangul (or Hanja) -> ALA-LC McCune-Reischauer or Revised Romanization.

ALA-LC Korean romanization tables (2009), "Personal names": the surname is a separate word; the
given name is one word whose syllables are hyphenated, with MR's sound changes applied between
them (Kim Pyŏng-jik, Kang Sŏg-wŏn); a given name of three or more syllables (ancient and foreign
names) is written as one unhyphenated word (Pak Hyŏkkŏse). RR 2000 Article 4 (4): given-name
syllables may be hyphenated (this module does: Kim Byeong-jik) and their sound changes are not
transcribed. Surnames: data/korean_surnames.tsv; Hanja: data/hanja_readings.tsv and
data/hanja_names.tsv, read with the initial-sound rule of Hangul orthography (Articles 10-12).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Literal

from fonds.core.names.hangul import compose, is_syllable, jamo, mr_syllables, rr_syllables
from fonds.core.names.tables import rows

Scheme = Literal["mr", "rr"]


@cache
def surnames() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Hangul surname -> (MR, RR, other spellings)."""
    return {
        r[0]: (r[1], r[2], tuple(filter(None, r[3].split(","))))
        for r in rows("korean_surnames.tsv")
    }


@cache
def _hanja() -> dict[str, str]:
    table = {r[0]: r[1].split()[0] for r in rows("hanja_readings.tsv")}
    table.update({r[0]: r[2] for r in rows("hanja_names.tsv") if r[1] == "any"})
    return table


@cache
def _hanja_surnames() -> dict[str, str]:
    return {r[0]: r[2] for r in rows("hanja_names.tsv") if r[1] == "surname"}


def _is_han(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "")


def is_korean(text: str) -> bool:
    """True when the text is Hangul or Hanja (with spaces)."""
    letters = [ch for ch in text if not ch.isspace()]
    return bool(letters) and all(is_syllable(ch) or _is_han(ch) for ch in letters)


# Hangul orthography Articles 10-12 (the initial-sound rule): word-initial ㄴ before i/y drops,
# word-initial ㄹ becomes ㄴ, or drops before i/y.
_Y_VOWELS = set("ㅑㅒㅕㅖㅛㅠㅣ")


def _initial_rule(syllable: str) -> str:
    if not is_syllable(syllable):
        return syllable
    part = jamo(syllable)
    if part.initial == "ㄹ":
        initial = "ㅇ" if part.medial in _Y_VOWELS else "ㄴ"
    elif part.initial == "ㄴ" and part.medial in _Y_VOWELS:
        initial = "ㅇ"
    else:
        return syllable
    return compose(initial, part.medial, part.final)


def _after_vowel_rule(word: str) -> str:
    """Article 11, note 1: 렬/률 after a vowel or ㄴ is written 열/율 (斗烈 두열)."""
    out = list(word)
    for n in range(1, len(out)):
        previous = jamo(out[n - 1]).final if is_syllable(out[n - 1]) else "-"
        if out[n] in ("렬", "률") and previous in ("-", "ㄴ"):
            out[n] = "열" if out[n] == "렬" else "율"
    return "".join(out)


def _hangul_of(text: str, surname_first: bool) -> str:
    """Hanja read in Hangul; the first character read as a surname when it is one."""
    out = []
    for n, char in enumerate(text):
        if surname_first and n == 0 and char in _hanja_surnames():
            out.append(_hanja_surnames()[char])
        else:
            out.append(_hanja().get(char, char) if _is_han(char) else char)
    return "".join(out)


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a Korean name in Hangul, a space or a compound surname apart."""
    parts = name.split()
    if len(parts) > 1:
        return parts[0], "".join(parts[1:])
    if len(name) >= 3 and name[:2] in surnames():
        return name[:2], name[2:]
    return name[:1], name[1:]


def _capitalized(word: str) -> str:
    return word[:1].upper() + word[1:]


def _surname(surname: str, scheme: Scheme) -> str:
    if surname in surnames():
        mr, rr, _ = surnames()[surname]
        return mr if scheme == "mr" else rr
    syllables = mr_syllables(surname) if scheme == "mr" else rr_syllables(surname)
    return _capitalized("".join(syllables))


def _given(given: str, scheme: Scheme) -> str:
    if scheme == "rr":
        return _capitalized("-".join(rr_syllables(given)))
    syllables = mr_syllables(given)
    return _capitalized(("-" if len(syllables) == 2 else "").join(syllables))


def romanize(hangul: str, scheme: Scheme = "mr") -> str:
    """A Korean personal name in Hangul or Hanja, romanized; other characters pass through."""
    text = " ".join(unicodedata.normalize("NFC", hangul).split())
    if not is_korean(text):
        return text
    from_hanja = any(_is_han(ch) for ch in text)
    surname, given = split_name(_hangul_of(text, surname_first=True))
    if from_hanja:
        surname = _initial_rule(surname[:1]) + surname[1:]
        given = _after_vowel_rule(_initial_rule(given[:1]) + given[1:])
    if not given:
        return _surname(surname, scheme)
    return f"{_surname(surname, scheme)} {_given(given, scheme)}"
