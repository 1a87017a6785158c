"""The user's query language, parsed into a backend-neutral tree. Never raises.

  word word      both words (AND)
  "a phrase"     the words in this order
  a OR b         either
  -word, -"…"    without
  word*          words starting with "word"
  title:word     only in one field: title:, person: (also people:, name:; a person's names and
                 their variants), summary:, text: (also body:); the clause after the colon is
                 a word, a "phrase" or a prefix*, and may be negated (-title:draft)
Anything else (stray quotes, brackets, colons, operators at the ends) is read as plain words, so
no user text can produce a syntax error in any search engine: backends build engine queries
from this tree, never from the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
# The fields a clause can be limited to, by the names users type, and the index field each means.
FIELDS = {
    "title": "title",
    "person": "names",
    "people": "names",
    "name": "names",
    "summary": "summary",
    "text": "body",
    "body": "body",
}
_FIELD = "|".join(FIELDS)
# a quoted phrase (its field first, if any), or any other run of non-spaces
_TOKEN = re.compile(rf'(-?)(?:((?i:{_FIELD})):)?"([^"]*)"?|(\S+)')
MAX_CLAUSES = 32  # a pasted paragraph becomes a long AND, not an engine overload


@dataclass(frozen=True, slots=True)
class Term:
    word: str


@dataclass(frozen=True, slots=True)
class Prefix:
    stem: str


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Not:
    clause: Clause


@dataclass(frozen=True, slots=True)
class AnyOf:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class InField:
    """`clause` in one field only: "title", "names", "summary" or "body" (see FIELDS)."""

    field: str
    clause: Term | Phrase | Prefix


Clause = Term | Prefix | Phrase | Not | AnyOf | InField


@dataclass(frozen=True, slots=True)
class Query:
    """All `clauses` must hold; an empty query matches every document."""

    clauses: tuple[Clause, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def positive_words(self) -> tuple[str, ...]:
        """Words the user looks for (for highlighting), negations excluded."""
        words: list[str] = []
        for clause in self.clauses:
            words.extend(_words(clause))
        return tuple(words)


def parse(text: str) -> Query:
    clauses: list[Clause] = []
    pending_or = False
    for negated, field, quoted, bare in _TOKEN.findall(text[:2000]):
        if bare == "OR":
            pending_or = bool(clauses)
            continue
        clause = _clause(negated, field, quoted, bare)
        if clause is None:
            continue
        if pending_or and not isinstance(clause, Not) and not isinstance(clauses[-1], Not):
            clauses[-1] = _either(clauses[-1], clause)
        else:
            clauses.append(clause)
        pending_or = False
    return Query(tuple(clauses[:MAX_CLAUSES]))


def _clause(negated: str, field: str, quoted: str, bare: str) -> Clause | None:
    positive: Clause | None
    if bare:
        negated, bare = ("-", bare[1:]) if bare.startswith("-") and len(bare) > 1 else ("", bare)
        field, _, rest = bare.partition(":")
        positive = _bare(rest) if field.lower() in FIELDS else None
        if positive is None:  # no field, or nothing to look for in it: the token's plain words
            field, positive = "", _bare(bare)
    else:
        words = tuple(w.lower() for w in WORD.findall(quoted))
        positive = None if not words else Term(words[0]) if len(words) == 1 else Phrase(words)
    if positive is None:
        return None
    if field:
        positive = InField(FIELDS[field.lower()], positive)
    positive = _or_without_diacritics(positive)
    return Not(positive) if negated else positive


def _or_without_diacritics(clause: Clause) -> Clause:
    """A clause with a word in diacritics also matches it without them ("Satō" finds "Sato"
    too; the engines fold case, not accents, and archives write names both ways)."""
    folded = _folded(clause)
    return clause if folded == clause else AnyOf((clause, folded))


def _folded(clause: Clause) -> Clause:
    if isinstance(clause, InField):
        return InField(clause.field, _folded_words(clause.clause))
    if isinstance(clause, Term | Prefix | Phrase):
        return _folded_words(clause)
    return clause


def _folded_words(clause: Term | Phrase | Prefix) -> Term | Phrase | Prefix:
    if isinstance(clause, Term):
        return Term(_bare_letters(clause.word))
    if isinstance(clause, Prefix):
        return Prefix(_bare_letters(clause.stem))
    return Phrase(tuple(_bare_letters(word) for word in clause.words))


def _bare_letters(word: str) -> str:
    """The word with combining marks removed (NFKD); itself if that leaves nothing."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )
    return bare if WORD.fullmatch(bare) else word


def _bare(token: str) -> Term | Phrase | Prefix | None:
    words = [w.lower() for w in WORD.findall(token)]
    if not words:
        return None
    if len(words) > 1:  # "Byeong-jik", "U.S.": the engine splits them too; keep them together
        return Phrase(tuple(words))
    if token.endswith("*") and len(words[0]) >= 2:
        return Prefix(words[0])
    return Term(words[0])


def _either(left: Clause, right: Clause) -> AnyOf:
    existing = left.clauses if isinstance(left, AnyOf) else (left,)
    return AnyOf((*existing, right))


def _words(clause: Clause) -> list[str]:
    if isinstance(clause, Term):
        return [clause.word]
    if isinstance(clause, Prefix):
        return [clause.stem]
    if isinstance(clause, Phrase):
        return list(clause.words)
    if isinstance(clause, AnyOf):
        return [w for c in clause.clauses for w in _words(c)]
    if isinstance(clause, InField):
        return _words(clause.clause)
    return []
