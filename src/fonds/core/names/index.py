"""Blocking keys and a name index: find the candidates for a name by key, score only those.

A key is a surname key (plain, skeleton, Korean surname in Hangul, Chinese surname in pinyin)
joined to a class of the given name's first letter (spelling.letter_classes). Two names that
`match` can call the same always share a key: each way match agrees on a surname has a key here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator

from fonds.core.names import korean_latin, wadegiles
from fonds.core.names.forms import Parsed, Reading, is_initial, is_particle, parse
from fonds.core.names.match import Match, match_parsed
from fonds.core.names.spelling import consonants, letter_classes, plain, skeleton

ANY_GIVEN = "*"


def _surname_keys(reading: Reading) -> set[str]:
    words = [w for w in reading.surname if not is_particle(w)] or list(reading.surname)
    parts = [p for w in words for p in w.split("-") if plain(p) and not is_particle(p)]
    parts = parts or [p for w in words for p in w.split("-") if plain(p)]
    joined = "".join(map(plain, parts))
    keys = {"s:" + joined, "s:" + "".join(map(skeleton, parts)), "v:" + consonants(joined)}
    keys.add("s:" + "".join(map(plain, reading.surname)))  # particles kept: DeGreef
    if len(joined) >= 7:  # a typo in a long surname (match: same first four letters)
        keys.add("t:" + joined[:4])
    if len(parts) > 1:  # part of a compound surname
        keys |= {"s:" + plain(p) for p in parts}
    keys |= {"k:" + h for h in korean_latin.surname_hangul(reading.surname)}
    for syllables in wadegiles.readings(reading.surname):
        if len(syllables) == 1:
            keys |= {"c:" + s for s in syllables[0]}
    return keys


def _given_classes(reading: Reading) -> set[str]:
    if not reading.given:
        return {""}
    words = reading.given[:2] if is_initial(reading.given[0]) else reading.given[:1]
    return {c for w in words for c in letter_classes(w)}


def _reading_keys(name: str) -> Iterator[Reading]:
    for form in parse(name):
        yield from form


def match_keys(name: str) -> frozenset[str]:
    """The keys a name is filed under: each surname key with each given-name class, and with
    ANY_GIVEN (for queries that give a surname only)."""
    keys: set[str] = set()
    for reading in _reading_keys(name):
        for surname in _surname_keys(reading):
            keys |= {f"{surname}|{c}" for c in _given_classes(reading)} | {f"{surname}|{ANY_GIVEN}"}
    return frozenset(keys)


def query_keys(name: str) -> frozenset[str]:
    """The keys to look a name up under: its own classes and no given name, or every name with
    its surname when it gives a surname only."""
    keys: set[str] = set()
    for reading in _reading_keys(name):
        for surname in _surname_keys(reading):
            if reading.given:
                keys |= {f"{surname}|{c}" for c in _given_classes(reading)} | {f"{surname}|"}
            else:
                keys.add(f"{surname}|{ANY_GIVEN}")
    return frozenset(keys)


class NameIndex:
    """Names under their keys: `best(name)` scores only the names sharing a key with it."""

    def __init__(self, names: Iterable[tuple[Hashable, str]] = ()) -> None:
        self._names: dict[Hashable, str] = {}
        self._parsed: dict[Hashable, Parsed] = {}
        self._by_key: defaultdict[str, list[Hashable]] = defaultdict(list)
        for id_, name in names:
            self.add(id_, name)

    def __len__(self) -> int:
        return len(self._names)

    def add(self, id_: Hashable, name: str) -> None:
        if id_ in self._names:
            raise ValueError(f"{id_!r} is already in the index")
        self._names[id_] = name
        self._parsed[id_] = parse(name)
        for key in match_keys(name):
            self._by_key[key].append(id_)

    def name(self, id_: Hashable) -> str:
        return self._names[id_]

    def candidates(self, name: str) -> set[Hashable]:
        found: set[Hashable] = set()
        for key in query_keys(name):
            found.update(self._by_key.get(key, ()))
        return found

    def scored(self, name: str) -> list[tuple[Hashable, Match]]:
        """Every candidate with its match, best first (the same or not)."""
        parsed = parse(name)
        scored = [(id_, match_parsed(parsed, self._parsed[id_])) for id_ in self.candidates(name)]
        return sorted(scored, key=lambda s: -s[1].score)

    def best(self, name: str, limit: int = 10) -> list[tuple[Hashable, Match]]:
        """The candidates that match, best first (only those `match` calls the same)."""
        return [s for s in self.scored(name) if s[1].same][:limit]
