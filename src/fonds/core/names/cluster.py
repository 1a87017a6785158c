"""Group name forms into people: `cluster(names)` -> lists of indexes, one list per person.

Candidates come from the NameIndex (blocking keys), so no pair of unrelated names is scored.
Names that say the same thing ("Rusk, Dean", "Dean Rusk", "Zhou Enlai", "Chou En-lai") merge
first, by complete linkage: two clusters merge only when no pair across them conflicts (a
different given name, a different surname). A less specific name (initials, a middle name left
out, a surname alone, part of a compound surname: "D. Rusk", "Jackson, Henry", "President
Menzies") then joins a cluster only when it is the one cluster it fits: the name is unambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from fonds.core.names.forms import parse
from fonds.core.names.index import NameIndex
from fonds.core.names.match import THRESHOLD, Match, match
from fonds.core.names.spelling import plain

COMPATIBLE = 0.55  # no pair across merged clusters may score lower: a conflict, not a doubt
WEAK = 0.7  # a surname-only link, used when it is the only one
LESS_SPECIFIC = frozenset(
    {"initials", "middle name", "goes by a middle name", "surname only",
     "part of a compound surname"}
)  # fmt: skip


class _Clusters:
    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self.found: dict[tuple[int, int], Match] = {}
        self.members: dict[int, list[int]] = {n: [n] for n in range(len(names))}
        self.home = list(range(len(names)))

    def match(self, i: int, j: int) -> Match:
        key = (i, j) if i < j else (j, i)
        if key not in self.found:
            self.found[key] = match(self.names[key[0]], self.names[key[1]])
        return self.found[key]

    def fits(self, a: int, b: int) -> bool:
        """No pair across clusters a and b conflicts."""
        return all(
            self.match(x, y).score >= COMPATIBLE for x in self.members[a] for y in self.members[b]
        )

    def merge(self, a: int, b: int) -> None:
        for x in self.members[b]:
            self.home[x] = a
        self.members[a].extend(self.members.pop(b))


def cluster(names: Sequence[str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indexes of `names` grouped by person (see the module's doc), each group sorted."""
    state = _Clusters(names)
    index = NameIndex(enumerate(names))
    pairs = sorted(
        ((state.match(i, j).score, i, j) for i, name in enumerate(names)
         for j in index.candidates(name) if isinstance(j, int) and j > i),
        reverse=True,
    )  # fmt: skip
    weaker: list[tuple[int, int]] = []
    for score, i, j in pairs:
        if score < WEAK:
            break
        if score < threshold or LESS_SPECIFIC & set(state.match(i, j).reasons):
            weaker.append((i, j))
        elif state.home[i] != state.home[j] and state.fits(state.home[i], state.home[j]):
            state.merge(state.home[i], state.home[j])
    _attach(state, weaker)
    return sorted(sorted(group) for group in state.members.values())


def _specificity(name: str) -> int:
    """How much a name says: the letters of its first reading's surname and given names."""
    for form in parse(name)[:1]:
        return sum(len(plain(w)) for w in (*form[0].surname, *form[0].given))
    return 0


def _attach(state: _Clusters, weaker: list[tuple[int, int]]) -> None:
    """Join each less specific name's cluster to the clusters it fits, when they could all be
    one person; when they conflict ("Jackson, Henry" fits Henry Rootes and Henry M.), none."""
    neighbours: defaultdict[int, set[int]] = defaultdict(set)
    for i, j in weaker:
        neighbours[i].add(j)
        neighbours[j].add(i)
    for i, j in weaker:
        if _specificity(state.names[j]) < _specificity(state.names[i]):
            i, j = j, i
        vague, other = state.home[i], state.home[j]
        if vague == other:
            continue
        targets = {state.home[y] for x in state.members[vague] for y in neighbours[x]}
        fitting = [t for t in targets - {vague} if state.fits(vague, t)]
        if other in fitting and _one_person(state, fitting):
            for target in fitting:
                if target != other:
                    state.merge(other, target)
            state.merge(other, vague)


def _one_person(state: _Clusters, clusters: list[int]) -> bool:
    """The clusters a vague name fits could all be one person: none conflicts with another."""
    return all(state.fits(a, b) for n, a in enumerate(clusters) for b in clusters[n + 1 :])
