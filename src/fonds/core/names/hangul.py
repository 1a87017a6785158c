"""Hangul syllables to Latin letters: ALA-LC McCune-Reischauer and Revised Romanization (RR 2000).

A word is a run of syllables romanized together: MR applies its sound changes at each junction
(ALA-LC Korean tables, "Romanization of consonants": voicing, nasal assimilation, the ㄹ rules),
RR writes each syllable as spelled (RR 2000, Article 4 (4): sound changes in given names are not
transcribed). Jamo values come from data/korean_jamo.tsv.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from fonds.core.names.tables import rows

_FIRST, _LAST = 0xAC00, 0xD7A3


class Jamo(NamedTuple):
    initial: str
    medial: str
    final: str  # "-" when the syllable has none


class _Tables(NamedTuple):
    initials: tuple[tuple[str, str, str, str], ...]  # jamo, MR unvoiced, MR voiced, RR
    medials: tuple[tuple[str, str, str], ...]  # jamo, MR, RR
    finals: tuple[tuple[str, str, str, str], ...]  # jamo, MR class, MR linked, RR


@cache
def _tables() -> _Tables:
    table = rows("korean_jamo.tsv")
    initials = tuple((r[1], r[2], r[3], r[4]) for r in table if r[0] == "initial")
    medials = tuple((r[1], r[2], r[4]) for r in table if r[0] == "medial")
    finals = tuple((r[1], r[2], r[3], r[4]) for r in table if r[0] == "final")
    return _Tables(initials, medials, finals)


def is_syllable(char: str) -> bool:
    return _FIRST <= ord(char) <= _LAST


def jamo(syllable: str) -> Jamo:
    """The initial, medial and final of a precomposed Hangul syllable (Unicode 3.12)."""
    index = ord(syllable) - _FIRST
    t = _tables()
    return Jamo(
        t.initials[index // 588][0], t.medials[index % 588 // 28][0], t.finals[index % 28][0]
    )


def compose(initial: str, medial: str, final: str = "-") -> str:
    t = _tables()
    i = [row[0] for row in t.initials].index(initial)
    m = [row[0] for row in t.medials].index(medial)
    f = [row[0] for row in t.finals].index(final)
    return chr(_FIRST + i * 588 + m * 28 + f)


@cache
def _initial(jamo_: str) -> tuple[str, str, str]:
    return next(row[1:] for row in _tables().initials if row[0] == jamo_)


@cache
def _medial(jamo_: str) -> tuple[str, str]:
    return next(row[1:] for row in _tables().medials if row[0] == jamo_)


@cache
def _final(jamo_: str) -> tuple[str, str, str]:
    return next(row[1:] for row in _tables().finals if row[0] == jamo_)


_NASAL_OF = {"k": "ng", "t": "n", "p": "m"}


def _mr_junction(final: str, initial: str) -> tuple[str, str]:
    """MR for a syllable's final and the next syllable's initial (ALA-LC Korean, consonants)."""
    sound, linked, _ = _final(final)
    plain, voiced, _ = _initial(initial)
    if initial == "ㅇ":  # a final before a vowel is carried over: 석원 sŏg-wŏn, 필영 p'ir-yŏng
        return linked, ""
    if final == "-":  # between vowels g d b j are voiced: 사계 sa-gye
        return "", voiced
    if initial == "ㄹ":
        return _before_rieul(sound)
    if initial in "ㄴㅁ" and sound in _NASAL_OF:  # nasal assimilation: 익문 ing-mun
        return _NASAL_OF[sound], plain
    if initial == "ㄴ" and sound == "l":  # ㄹ + ㄴ -> ll
        return "l", "l"
    if initial == "ㅎ":  # 일훈 ir-hun; 각현 kak-hyŏn
        return ("r" if sound == "l" else sound), "h"
    if sound in ("k", "t", "p"):  # after a stop, no voicing: 석덕 sŏk-tŏk
        return sound, plain
    if sound == "l" and initial in "ㄷㅅㅈ":  # tensed after ㄹ, written voiceless: 말주 mal-chu
        return sound, plain
    return sound, voiced  # after m n ng l: 경근 kyŏng-gŭn, 필방 p'il-bang


def _before_rieul(sound: str) -> tuple[str, str]:
    """ㄹ after a final: ll after l and n (인량 il-lyang), n after m ng (상로 sang-no), and after
    k t p which turn nasal (덕룡 tŏng-nyong, 법률 pŏm-nyul)."""
    if sound in ("l", "n"):
        return "l", "l"
    if sound in ("m", "ng"):
        return sound, "n"
    return _NASAL_OF.get(sound, sound), "n"


def mr_syllables(word: str) -> list[str]:
    """Each syllable's MR letters, sound changes at the junctions included (no hyphens)."""
    parts = [jamo(ch) for ch in word]
    out: list[str] = []
    for n, part in enumerate(parts):
        head = _initial(part.initial)[0] if n == 0 else ""
        if n > 0:
            tail, head = _mr_junction(parts[n - 1].final, part.initial)
            out[-1] += tail
        out.append(head + _medial(part.medial)[0])
    last = parts[-1].final if parts else "-"
    if out and last != "-":
        out[-1] += _final(last)[0]
    return out


def rr_syllables(word: str) -> list[str]:
    """Each syllable's RR letters as spelled (RR 2000 Article 4 (4), personal names)."""
    out: list[str] = []
    for ch in word:
        part = jamo(ch)
        final = _final(part.final)[2] if part.final != "-" else ""
        out.append(_initial(part.initial)[2] + _medial(part.medial)[1] + final)
    return out
