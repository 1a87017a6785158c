"""The forms of a name a `person:` search should find it under, besides the name as written:
the natural order of an inverted name ("Rusk, Dean" is found as "Dean Rusk"), and the name
without diacritics ("Satō" as "Sato"; the engines fold case, not accents)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Name suffixes that follow the given name in an inverted form ("Herter, Christian A., Jr.")
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "2d", "3d"})


def search_forms(names: Iterable[str]) -> tuple[str, ...]:
    """Each name, its natural order when inverted, and each without diacritics; once each."""
    found: list[str] = []
    for name in names:
        for form in (name, natural_order(name)):
            found += [form, without_diacritics(form)]
    return tuple(dict.fromkeys(form for form in found if form))


def natural_order(name: str) -> str:
    """ "Rusk, Dean" -> "Dean Rusk"; "Herter, Christian A., Jr." -> "Christian A. Herter Jr.";
    a name with no comma is already in natural order ("")."""
    parts = [part.strip() for part in name.split(",")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        return ""
    surname, given, *rest = parts
    suffixes = [part for part in rest if part.rstrip(".").lower() in SUFFIXES]
    if len(suffixes) != len(rest):
        return ""  # "Smith, John, Secretary of State": not a name alone
    return " ".join([given, surname, *suffixes])


def without_diacritics(name: str) -> str:
    """The name with combining marks removed (NFKD), or "" when it has none."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )
    return bare if bare != name else ""
