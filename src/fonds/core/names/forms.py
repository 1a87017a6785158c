"""A written name -> its forms (declared variants) -> readings (surname and given names).

`name_forms` splits "Kim Byeong-jik [Kim Pyong Jik]" or "Pak Chong-hui (Pak Chung-hui, Park
Chung Hee)" into each declared form, and drops remarks and nicknames in brackets. `readings`
parses one form into the ways it can be read: "Rusk, Dean" has one (the comma inverts it);
"Dean Rusk" two (surname last, as in English, or first, as in Korean, Chinese and "Nemchinov
V.S."). Ranks, offices and suffixes are dropped (data/name_words.tsv); Hangul and Hanja are
romanized (MR and RR) and Cyrillic transliterated (ALA-LC) first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from fonds.core.names import korean_latin, wadegiles
from fonds.core.names.cyrillic import is_cyrillic, transliterate
from fonds.core.names.korean import is_korean, romanize
from fonds.core.names.spelling import similar
from fonds.core.names.tables import rows

_GROUP = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_QUOTED = re.compile(r"[“”\"]\s*[^“”\"]*[“”\"]")
_INITIALS = re.compile(r"^(?:\w\.)+\w?\.?$|^\w$")
_SPACES = re.compile(r"\s+")
_REMARK = re.compile(r"\d|\b(?:then|from|until|since|after|before|acting|later|also|né|née)\b")
MAX_LENGTH = 300  # longer text is no name; it is cut before parsing


class Reading(NamedTuple):
    """One way to read a name form: surname words, given-name words, and the word order read."""

    surname: tuple[str, ...]
    given: tuple[str, ...]
    order: str  # "inverted" (Surname, Given), "surname last", "surname first", "single"
    script: str = ""  # "Hangul", "Cyrillic" when romanized from another script
    suffix: str = ""  # "jr", "sr", "ii", "iii", "iv"
    exact_only: bool = False  # a reading that holds only if the given names agree word for word


_SUFFIXES = {"2d": "ii", "2nd": "ii", "3d": "iii", "3rd": "iii"}


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(w for r in rows("name_words.tsv") if r[0] == kind for w in r[1:])


def _bare(word: str) -> str:
    return word.casefold().rstrip(".,-–")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).replace(" ,", ",").strip(" ,;")


def name_forms(text: str) -> tuple[str, ...]:
    """Each declared form of a name: the name outside brackets, then each bracketed alternate."""
    text = unicodedata.normalize("NFC", text[:MAX_LENGTH])
    alternates: list[str] = []
    base = text
    for found in _GROUP.finditer(text):
        inner = _clean(found[1] if found[1] is not None else found[2])
        words = inner.split()
        if not inner or _REMARK.search(inner) or inner.isupper() or _QUOTED.fullmatch(inner):
            pass  # a remark ("then Lieutenant Colonel"), a party ("CSU"), a nickname
        elif len(words) == 1 and _respells(text[: found.start()], inner, found[2] is not None):
            alternates.append(_replace_word_before(text, found.start(), found.end(), inner))
        elif len(words) > 1:
            alternates.extend(_alternates(inner))
        base = base.replace(found[0], " ")
    forms = [_clean(_QUOTED.sub(" ", form)) for form in (base, *alternates)]
    return tuple(dict.fromkeys(form for form in forms if form))


def _alternates(inner: str) -> list[str]:
    """ "Pak Chung-hui, Park Chung Hee" holds two names; "Rusk, Dean" one, inverted."""
    parts = [_clean(part) for part in inner.split(",")]
    if len(parts) > 1 and all(len(part.split()) > 1 for part in parts):
        return parts
    return [_clean(part) for part in inner.split(";")]


def _respells(head: str, word: str, square: bool) -> bool:
    """ "Arif [Aref]", "Josip (Josef)": another spelling of the word before; "(Tip)" is not."""
    before = head.rstrip(" ,").rsplit(" ", 1)[-1]
    return bool(before) and (square or similar(before, word) >= 0.6)


def _replace_word_before(text: str, start: int, end: int, word: str) -> str:
    head = text[:start].rstrip()
    cut = max(head.rfind(" "), head.rfind(","))
    return head[: cut + 1] + word + text[end:]


Parsed = tuple[tuple[Reading, ...], ...]


@lru_cache(maxsize=65536)
def parse(name: str) -> Parsed:
    """The readings of each declared form of a name (the first form first)."""
    return tuple(r for r in (readings(form) for form in name_forms(name)) if r)


def readings(form: str) -> tuple[Reading, ...]:
    """The readings of one form (see the module's doc); empty for a form with no name in it."""
    form = _clean(form[:MAX_LENGTH])
    if is_korean(form):
        found = [
            r._replace(script="Hangul")
            for s in ("mr", "rr")
            for r in _latin_readings(romanize(form, s), any_order=True)
        ]
        return tuple(dict.fromkeys(r for r in found if r.order != "surname last"))
    if is_cyrillic(form):
        latin = _latin_readings(transliterate(form), any_order=True)
        return tuple(r._replace(script="Cyrillic") for r in latin)
    return _latin_readings(form)


def _tokens(text: str) -> list[str]:
    """Words, with run-together initials ("V.S.") split, suffixes and stray marks dropped."""
    out: list[str] = []
    for word in text.replace(".", ". ").replace(",", " ").split():
        if _bare(word) not in _words("suffix") and any(ch.isalnum() for ch in word):
            out.append(word.strip(",;:"))
    return out


def _suffix(text: str) -> str:
    found = [_bare(w) for w in text.replace(",", " ").split() if _bare(w) in _words("suffix")]
    return _SUFFIXES.get(found[-1], found[-1]) if found else ""


def _is_initial(word: str) -> bool:
    return bool(_INITIALS.match(word))


def _is_title(word: str) -> bool:
    """ "Gen.", "Lieutenant-Colonel", "d’Armée" after a rank."""
    return all(_bare(part) in _words("title") for part in word.split("-"))


def _strip_titles(words: list[str], everywhere: bool) -> list[str]:
    if everywhere:
        return [w for w in words if not _is_title(w)]
    n = 0
    while n < len(words) - 1 and _is_title(words[n]):
        n += 1
    return words[n:]


def _latin_readings(form: str, any_order: bool = False) -> tuple[Reading, ...]:
    suffix = _suffix(form)
    head, comma, tail = form.partition(",")
    tail_words = _strip_titles(_tokens(tail), everywhere=True) if comma else []
    if comma and _tokens(head) and tail_words:
        return (_inverted(_tokens(head), tail_words, suffix),)
    words = _strip_titles(_tokens(head if comma else form), everywhere=False)
    return tuple(r._replace(suffix=suffix) for r in _natural(words, any_order))


def _natural(words: list[str], any_order: bool) -> tuple[Reading, ...]:
    """Words in natural order: surname last (with its particles), or first for the languages
    that put it first and for "Nemchinov V.S."."""
    if not words:
        return ()
    if len(words) == 1:
        return (Reading((words[0],), (), "single"),)
    first = Reading((words[0],), tuple(words[1:]), "surname first")
    if _is_initial(words[-1]):  # "Nemchinov V.S."
        return (first,)
    cut = len(words) - 1
    while cut > 1 and _bare(words[cut - 1]) in _words("particle"):
        cut -= 1
    last = Reading(tuple(words[cut:]), tuple(words[:cut]), "surname last")
    whole = Reading(tuple(words), (), "single")  # "Hoyer Millar", "de Lattre de Tassigny"
    extra = (whole,) if is_particle(words[0]) else ()
    if any_order or surname_first_language(words[0]) or _korean_hyphenated(words):
        return last, first, *extra
    if _is_initial(words[0]):
        return (last,)
    return last, first._replace(exact_only=True), *extra  # "Nobuhiko Ushiba" = "Ushiba Nobuhiko"


def surname_first_language(word: str) -> bool:
    """A surname of a language that writes it first (Korean, Chinese, Vietnamese)."""
    if _is_initial(word) and "." in word:
        return False
    return bool(
        _bare(word) in _words("surname-first")
        or korean_latin.surname_hangul((word,))
        or any(len(r) == 1 for r in wadegiles.readings((word,)))
    )


def _korean_hyphenated(words: list[str]) -> bool:
    """ "Tae In-sŏn": a Korean syllable, then a hyphenated Korean given name."""
    given = tuple(words[1:])
    return (
        len(words) == 2
        and "-" in words[1]
        and bool(korean_latin.given_readings((words[0],)))
        and bool(korean_latin.given_readings(given))
    )


def _inverted(surname: list[str], given: list[str], suffix: str) -> Reading:
    """ "Guttenberg, Karl Theodor von und zu": trailing particles go to the surname."""
    while len(given) > 1 and _bare(given[-1]) in _words("particle"):
        surname.insert(0, given.pop())
    return Reading(tuple(surname), tuple(given), "inverted", suffix=suffix)


def is_initial(word: str) -> bool:
    """ "D.", "D" (a lone letter)."""
    return _is_initial(word)


def is_particle(word: str) -> bool:
    """ "de", "al-", "el-": a surname particle."""
    return _bare(word) in _words("particle")
