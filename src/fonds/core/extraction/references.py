"""Citations -> source URL, archival reference (repository + levels) and credits.

A Wilson Center citation hides the archival reference among its commas:
  "Title", April 17, 1965, Wilson Center Digital Archive, AVPRF, fond 0102, opis 21, papka 105,
  delo 2, listy 17-20. Obtained and translated for NKIDP by Sergey Radchenko.
The repository is the item just before the first archival level; levels run until the sentence
ends; sentences that credit someone follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fonds.core.records import ArchivalLevel, ArchivalReference

# Archival levels as written in citations -> canonical kind. Russian archives (ALA-LC romanized
# terms and their abbreviations) and the generic levels of Western finding aids.
LEVEL_KINDS: dict[str, str] = {
    "fond": "fond",
    "f.": "fond",
    "opis": "opis",
    "opis'": "opis",
    "op.": "opis",
    "delo": "delo",
    "d.": "delo",
    "papka": "papka",
    "p.": "papka",
    "listy": "listy",
    "list": "listy",
    "ll.": "listy",
    "l.": "listy",
    "korobka": "korobka",
    "record group": "record group",
    "rg": "record group",
    "series": "series",
    "box": "box",
    "folder": "folder",
    "file": "file",
}

# Full names of repositories cited by abbreviation.
REPOSITORY_NAMES: dict[str, str] = {
    "AVPRF": "Archive of Foreign Policy of the Russian Federation",
    "RGANI": "Russian State Archive of Contemporary History",
    "RGASPI": "Russian State Archive of Socio-Political History",
    "GARF": "State Archive of the Russian Federation",
    "PRC FMA": "Chinese Foreign Ministry Archive",
    "NARA": "National Archives and Records Administration",
}

_URL = re.compile(r"<?(https?://[^\s<>\"]+)>?")
_LEVEL = re.compile(
    r"^(?P<kind>"
    + "|".join(re.escape(k) for k in sorted(LEVEL_KINDS, key=len, reverse=True))
    + r")"
    # A value follows a space, or directly an abbreviation's dot ("f.5"): "RGANI" is no "RG".
    r"(?:(?<=\.)\s*|\s+)(?P<value>[\w][\w\-–/.]*)$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"\b(?:Obtained|Translated|Contributed|Donated|Provided|Courtesy|Transcribed)\b[^.]*\.?"
)


@dataclass(frozen=True, slots=True)
class Citation:
    text: str
    source_url: str
    reference: ArchivalReference | None
    credits: tuple[str, ...]


def parse_citation(raw: str) -> Citation:
    urls = _URL.findall(raw)
    text = " ".join(_URL.sub(" ", raw).split())
    credits = tuple(match.group(0).strip() for match in _CREDIT.finditer(text))
    credits = tuple(credit.rstrip(".") for credit in credits)
    return Citation(
        text=text,
        source_url=urls[0] if urls else "",
        reference=archival_reference(text),
        credits=credits,
    )


def archival_reference(text: str) -> ArchivalReference | None:
    """The repository and levels in a citation, or None when it carries no archival levels."""
    items = [item.strip() for item in text.split(",")]
    start = next((i for i, item in enumerate(items) if i > 0 and _level(item)), None)
    if start is None:
        return None
    levels: list[ArchivalLevel] = []
    for item in items[start:]:
        # The reference ends with its sentence: ". " before a capital, or a final period (the dot
        # of an abbreviated level, "f. 5", is not an end).
        sentence_end = re.search(r"\.\s+(?=[A-Z])|\.$", item)
        level = _level(item[: sentence_end.start()] if sentence_end else item)
        if level is None:
            break
        levels.append(level)
        if sentence_end:
            break
    repository = items[start - 1]
    written = ", ".join(items[start - 1 : start + len(levels)])
    written = written[: written.rfind(levels[-1].value) + len(levels[-1].value)]
    return ArchivalReference(
        repository=repository,
        levels=tuple(levels),
        text=written,
        repository_name=REPOSITORY_NAMES.get(repository, ""),
    )


def _level(item: str) -> ArchivalLevel | None:
    match = _LEVEL.match(item.strip())
    if match is None:
        return None
    kind = LEVEL_KINDS[match.group("kind").lower()]
    return ArchivalLevel(kind=kind, value=match.group("value").rstrip("."))
