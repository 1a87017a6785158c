"""Editorial brackets in translations, told apart so pages can show them distinctly.

Conventions of documentary editions (and of the Wilson Center's translators):
- `[...]`, `[ ...]`, `[…]`, `[. . .]`: an omission by the editor;
- `[Signature]`, `[illegible]`, `[stamp]`: the editor describing the original;
- `[2]`, `[12]`: a reference to the text's footnote with that marker (TEI `note/@n`);
- `D[alne]V[ostochny]O[tdel]`: letters supplied inside a word, expanding an abbreviation;
- any other bracket (`[I]`, `[from the Soviet Union]`, `[Far Eastern Department]`): text supplied
  by the translator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Mark(StrEnum):
    TEXT = "text"
    OMISSION = "omission"
    NOTE_REF = "note-ref"
    DESCRIPTION = "description"
    EXPANSION = "expansion"
    SUPPLIED = "supplied"


@dataclass(frozen=True, slots=True)
class Segment:
    mark: Mark
    text: str  # without the brackets, except for TEXT


_BRACKET = re.compile(r"\[([^\[\]\n]*)\]")
_OMISSION = re.compile(r"^\s*(?:\.\s*){3,}\s*$|^\s*…\s*$")
_DESCRIPTIONS = frozenset(
    {"signature", "illegible", "stamp", "seal", "handwritten", "initials", "signed", "sic"}
)


def segments(paragraph: str) -> list[Segment]:
    """The paragraph cut into plain text and marked editorial brackets, in order."""
    result: list[Segment] = []
    position = 0
    for match in _BRACKET.finditer(paragraph):
        if match.start() > position:
            result.append(Segment(Mark.TEXT, paragraph[position : match.start()]))
        result.append(Segment(_classify(paragraph, match), match.group(1)))
        position = match.end()
    if position < len(paragraph):
        result.append(Segment(Mark.TEXT, paragraph[position:]))
    return result


def _classify(paragraph: str, match: re.Match[str]) -> Mark:
    inner = match.group(1)
    if _OMISSION.match(inner):
        return Mark.OMISSION
    if inner.isdigit() and len(inner) <= 3:
        return Mark.NOTE_REF
    if inner.strip().lower() in _DESCRIPTIONS:
        return Mark.DESCRIPTION
    before = paragraph[match.start() - 1] if match.start() > 0 else " "
    after = paragraph[match.end()] if match.end() < len(paragraph) else " "
    if inner.isalpha() and (before.isalpha() or after.isalpha()):
        return Mark.EXPANSION
    return Mark.SUPPLIED
