"""Do two written names name the same person? `match(a, b)` -> Match(score, same, reasons).

Every declared form of each name (names.forms.name_forms) and every reading of each form (surname
last or first, or inverted by a comma) is compared; the best comparison wins. A comparison needs
the surnames to agree (plainly, by a romanization table, by the transliteration skeleton, or as
close spellings) and the given names to be compatible (the same words, initials or familiar forms
of them, a middle name left out); its score is the product of the two parts' scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from fonds.core.names import korean_latin, wadegiles
from fonds.core.names.forms import Parsed, Reading, is_initial, is_particle, parse
from fonds.core.names.spelling import (
    consonants,
    plain,
    same_nickname,
    similar,
    skeleton,
    strip_marks,
)

THRESHOLD = 0.8
SURNAME_ONLY = 0.7  # "Rusk" against "Dean Rusk": one surname, nothing to tell people apart
_BOTH_SURNAME_ONLY = 0.85  # "Satō" against "Sato"
_GIVEN_CONFLICT = 0.2
_MIDDLE_CONFLICT = 0.6  # the same first name, another middle: probable, for review
_SIMILAR_SURNAME, _SIMILAR_GIVEN = 0.8, 0.8
_BY_MIDDLE_NAME = 0.8
_LONG, _TYPO = 7, 0.88  # a long surname a letter apart


@dataclass(frozen=True)
class Match:
    score: float
    same: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    score: float
    reasons: tuple[str, ...] = ()


_NONE = Part(0.0)


def match(a: str, b: str, threshold: float = THRESHOLD) -> Match:
    """Compare every form pair and reading pair of two names; the best comparison decides."""
    return match_parsed(parse(a), parse(b), threshold)


def match_parsed(a: Parsed, b: Parsed, threshold: float = THRESHOLD) -> Match:
    """`match` on names already parsed (forms.parse), as NameIndex keeps them."""
    best = _NONE
    for (n, fa), (m, fb) in product(enumerate(a), enumerate(b)):
        for ra, rb in product(fa, fb):
            found = compare_readings(ra, rb)
            if found.score > best.score:
                best = Part(
                    found.score, (*found.reasons, "bracketed variant") if n or m else found.reasons
                )
    return Match(round(best.score, 3), best.score >= threshold, tuple(dict.fromkeys(best.reasons)))


def compare_readings(a: Reading, b: Reading) -> Part:
    surname = _surnames(a, b)
    if not surname.score:
        return _NONE
    given = _givens(a, b, surname.reasons)
    if (a.exact_only or b.exact_only) and (surname.score < 1 or given.score < 1):
        return _NONE
    score = surname.score * given.score
    reasons = [*surname.reasons, *given.reasons, *_order(a, b)]
    if a.suffix and b.suffix and a.suffix != b.suffix:  # Jr. and Sr.: father and son
        score, reasons = min(score, _GIVEN_CONFLICT), [*reasons, "suffixes differ"]
    reasons += [f"{s} script" for s in (a.script, b.script) if s]
    return Part(score, tuple(reasons))


def _order(a: Reading, b: Reading) -> list[str]:
    def first(r: Reading) -> bool:
        return r.order in ("inverted", "surname first")

    if "single" in (a.order, b.order) or first(a) == first(b):
        return []
    return ["inverted order"]


def surname_core(words: tuple[str, ...]) -> tuple[str, ...]:
    """Surname words without particles, hyphenated parts apart ("de Gaulle" -> gaulle)."""
    parts = [p for w in words if not is_particle(w) for p in w.split("-") if not is_particle(p)]
    return tuple(k for k in (plain(p) for p in parts) if k) or tuple(plain(w) for w in words)


def _surnames(a: Reading, b: Reading) -> Part:
    ka, kb = surname_core(a.surname), surname_core(b.surname)
    if ka == kb or "".join(map(plain, a.surname)) == "".join(map(plain, b.surname)):
        return Part(1.0, _spelling_reasons(" ".join(a.surname), " ".join(b.surname)))
    if korean_latin.surname_hangul(a.surname) & korean_latin.surname_hangul(b.surname):
        return Part(0.95, ("Korean RR↔MR",))
    if wadegiles.same(a.surname, b.surname):
        return Part(0.95, ("Wade-Giles↔pinyin",))
    if "".join(map(skeleton, ka)) == "".join(map(skeleton, kb)):
        return Part(0.9, (_variant_reason(a, b),))
    if len(ka) != len(kb) and (set(ka) <= set(kb) or set(kb) <= set(ka)):
        return Part(0.9, ("part of a compound surname",))
    ja, jb = "".join(ka), "".join(kb)
    if consonants(ja) == consonants(jb) and similar(ja, jb) >= _SIMILAR_SURNAME:
        return Part(0.85, ("spelling variant",))
    if _typo(a, b) and min(len(ja), len(jb)) >= _LONG and similar(ja, jb) >= _TYPO:
        return Part(0.85, ("spelling variant",))  # a typo in a long surname: Holdrige
    if max(len(ja), len(jb)) <= 5 and _korean_syllable_surnames(a, b):
        return Part(0.95, ("Korean RR↔MR",))
    return _NONE


def _typo(a: Reading, b: Reading) -> bool:
    """Surnames that may be one typo apart: same first four letters, no syllable hyphens (a
    hyphenated Korean or Chinese given name read as a surname is no typo: Byeong-jik, -sik)."""
    ja, jb = "".join(map(plain, a.surname)), "".join(map(plain, b.surname))
    return ja[:4] == jb[:4] and not any("-" in w for w in (*a.surname, *b.surname))


def _korean_syllable_surnames(a: Reading, b: Reading) -> bool:
    """Surnames the table lacks, one Korean syllable each, before the same given name."""
    return korean_latin.same_syllable(a.surname, b.surname) and _korean_same(a.given, b.given)


def _variant_reason(a: Reading, b: Reading) -> str:
    if "Cyrillic" in (a.script, b.script) or any(
        skeleton(w) != plain(w) for w in (*a.surname, *b.surname)
    ):
        return "Cyrillic transliteration"
    return "spelling variant"


def _spelling_reasons(x: str, y: str) -> tuple[str, ...]:
    """What tells two equal-keyed spellings apart: case, diacritics, punctuation."""
    if x == y:
        return ()
    reasons = []
    if x.casefold() != x and y.casefold() != y and x.casefold() == y.casefold():
        return ("case",)
    if strip_marks(x) != x or strip_marks(y) != y:
        reasons.append("diacritics")
    if strip_marks(x).casefold() == strip_marks(y).casefold():
        return (*reasons, "case") if strip_marks(x) != strip_marks(y) else tuple(reasons)
    return (*reasons, "punctuation") if plain(x) == plain(y) else tuple(reasons)


def _givens(a: Reading, b: Reading, surname_reasons: tuple[str, ...]) -> Part:
    ga, gb = a.given, b.given
    if not ga or not gb:
        return Part(_BOTH_SURNAME_ONLY if ga == gb else SURNAME_ONLY, ("surname only",))
    if "".join(map(plain, ga)) == "".join(map(plain, gb)):
        return Part(1.0, _spelling_reasons(" ".join(ga), " ".join(gb)))
    korean = korean_latin.surname_hangul(a.surname) and korean_latin.surname_hangul(b.surname)
    if korean or "Korean RR↔MR" in surname_reasons:
        found = _korean_givens(ga, gb)
        if found:
            return found
    if wadegiles.readings(a.surname) and wadegiles.same(ga, gb):
        return Part(0.95, ("Wade-Giles↔pinyin",))
    return _western(ga, gb)


def _korean_same(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    found = _korean_givens(ga, gb)
    return bool(found and found.score > 0.9)


def _korean_givens(ga: tuple[str, ...], gb: tuple[str, ...]) -> Part | None:
    """Korean given names: the same syllables in any romanization; one syllable apart is a
    probable same person (Byeong-jik, Byeong-sik), for review, not for merging."""
    ra, rb = korean_latin.given_readings(ga), korean_latin.given_readings(gb)
    if set(ra) & set(rb):
        return Part(0.95, ("Korean RR↔MR",))
    if not ra or not rb or any(is_initial(w) for w in (*ga, *gb)):
        return None
    near = any(
        len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1
        for x in ra
        for y in rb
    )
    return (
        Part(0.5, ("one syllable differs",))
        if near
        else Part(_GIVEN_CONFLICT, ("given names differ",))
    )


def _word_pair(x: str, y: str) -> Part | None:
    """Two given-name words: the same, an initial of the other, a familiar form, a
    transliteration variant or a close spelling."""
    px, py = plain(x), plain(y)
    if px == py:
        return Part(1.0, _spelling_reasons(x, y))
    if (is_initial(x) and py.startswith(px)) or (is_initial(y) and px.startswith(py)):
        return Part(0.9, ("initials",))
    if _abbreviates(x, py) or _abbreviates(y, px):
        return Part(0.9, ("abbreviation",))
    if is_initial(x) or is_initial(y) or min(len(px), len(py)) < 3:
        return None
    if same_nickname(x, y):
        return Part(0.9, ("familiar form",))
    if skeleton(x) == skeleton(y):
        return Part(0.9, ("Cyrillic transliteration",))
    if consonants(x) == consonants(y) or similar(x, y) >= _SIMILAR_GIVEN:
        return Part(0.85, ("spelling variant",)) if similar(x, y) >= 0.7 else None
    return None


def _middle_initials_differ(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """The same first name, then initials that differ (and nothing else)."""
    return (
        len(ga) == len(gb) >= 2
        and plain(ga[0]) == plain(gb[0])
        and all(is_initial(w) for w in (*ga[1:], *gb[1:]))
    )


def _abbreviates(word: str, other: str) -> bool:
    """ "McC." for McCormick: a word cut short with a full stop, the start of the other."""
    cut = plain(word)
    return word.endswith(".") and len(cut) >= 2 and other.startswith(cut) and other != cut


def _western(ga: tuple[str, ...], gb: tuple[str, ...]) -> Part:
    """The shorter given name must run through the longer in order; words of the longer may
    be left out (a middle name), though not its first word unless that is an initial."""
    short, long_ = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    found = _embed(short, long_, 0, 0)
    if found:
        return found
    if _middle_initials_differ(ga, gb):
        # "Orville H." / "Orville L.": a typo or another man; an editor decides
        return Part(_MIDDLE_CONFLICT, ("middle names differ",))
    return Part(_GIVEN_CONFLICT, ("given names differ",))


def _embed(short: tuple[str, ...], long_: tuple[str, ...], i: int, j: int) -> Part | None:
    if i == len(short):
        return Part(0.95, ("middle name",)) if j < len(long_) else Part(1.0)
    if len(long_) - j < len(short) - i:
        return None
    pair = _word_pair(short[i], long_[j])
    if pair:
        rest = _embed(short, long_, i + 1, j + 1)
        if rest:
            return Part(min(pair.score, rest.score), (*pair.reasons, *rest.reasons))
    skipped = _embed(short, long_, i, j + 1)
    if not skipped:
        return None
    if j == 0 and not is_initial(long_[0]):  # "Selwyn Lloyd" = "Lloyd, John Selwyn"
        if "initials" in skipped.reasons:
            return None  # "Malik, Adam" is not "Malik, Yakov A."
        return Part(
            min(skipped.score, _BY_MIDDLE_NAME), (*skipped.reasons, "goes by a middle name")
        )
    return Part(min(skipped.score, 0.95), (*skipped.reasons, "middle name"))
