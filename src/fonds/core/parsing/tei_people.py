"""People, corporate senders and abbreviations of one FRUS document.

Rules:
- `persName/@corresp` (TEI P5 §13.3.1, a pointer) names the entry of the volume's persons list:
  the Agent takes the list's name and identification and keeps the xml:id as `authority_key`.
- `persName/@type` "from"/"to" is FRUS's mark of sender and addressee: Role.AUTHOR/RECIPIENT.
  Inside a `frus:attachment` (an enclosure, a letter of its own) they are only MENTIONED in this
  document; every other persName is MENTIONED too.
- A persName without `@corresp` whose text is that of a linked persName in the same document is
  the same person (editors link the first mention); otherwise it stays unlinked, by its text.
- `gloss/@type` "from"/"to" in the document's own head marks a sending or receiving office
  ("Department of State"): a corporate Agent (`is_organization`).
- One Agent per person and role in a document (the first mention wins).
- Persons-list ids are unique within a volume only ("p_JLB1" may be someone else in the next
  volume): the authority key is "<scope>#<xml:id>", the scope being the volume's key. Linking one
  person across volumes is the name matcher's job.
- `gloss/@target` points into the volume's abbreviations list; `choice` with `abbr`+`expan`
  (TEI P5 §3.6.5) is an abbreviation expanded inline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from fonds.core.parsing.tei_text import Element, inline_text, local, tei
from fonds.core.parsing.tei_volume import PersonEntry
from fonds.core.records import Agent, GlossaryEntry, Role

_ROLE_BY_TYPE = {"from": Role.AUTHOR, "to": Role.RECIPIENT}
# Looking a member up on an Enum class costs ten times a global's lookup: the hot paths use this.
_MENTIONED = Role.MENTIONED


def document_people(
    div: Element,
    head: Element,
    persons: Mapping[str, PersonEntry],
    noted: Iterable[Agent],
    warnings: list[str],
    scope: str,
) -> tuple[Agent, ...]:
    """Every person the document names, then corporate senders, then people from the source note;
    authority keys scoped to `scope` (each Agent is built once, already scoped)."""
    names = [
        (p, inline_text(p, line_breaks=False), _keys(p.get("corresp"))) for p in div.iter(_PERSNAME)
    ]
    linked = _linked_texts(names)
    seen: set[tuple[str, Role]] = set()
    agents = _persons(names, div, persons, linked, warnings, seen, scope)
    agents += _unique(_offices(head), seen, scope)
    agents += _unique((_resolve(a, persons, linked) for a in noted), seen, scope)
    return tuple(agents)


_PERSNAME = tei("persName")


def _linked_texts(names: list[tuple[Element, str, tuple[str, ...]]]) -> dict[str, str]:
    """Each linked persName's text -> its first pointer (the first link of a text wins)."""
    linked: dict[str, str] = {}
    for _element, text, keys in names:
        if keys:
            linked.setdefault(text, keys[0])
    return linked


@lru_cache(maxsize=4096)
def _keys(corresp: str | None) -> tuple[str, ...]:
    """@corresp may hold several space-separated pointers; each is "#id" within the volume.
    (Cached: a volume points at the same few hundred people over and over.)"""
    return tuple(ref.lstrip("#") for ref in (corresp or "").split() if ref != "#")


def _persons(
    names: list[tuple[Element, str, tuple[str, ...]]],
    div: Element,
    persons: Mapping[str, PersonEntry],
    linked: Mapping[str, str],
    warnings: list[str],
    seen: set[tuple[str, Role]],
    scope: str,
) -> list[Agent]:
    """The persNames (each with its text and @corresp pointers already read) as Agents; none
    for one that names no one, or someone already in `seen` in that role (one Agent per person
    and role, the first mention wins: the Agent is not built for the mentions after it).
    One loop, not a call per persName: a volume has tens of thousands of them."""
    agents: list[Agent] = []
    for element, text, keys in names:
        key = keys[0] if keys else linked.get(text)
        role = _ROLE_BY_TYPE.get(element.get("type"), _MENTIONED)
        if role is not _MENTIONED and _in_attachment(element, div):
            role = _MENTIONED
        if key is None:
            if not text:
                continue
            name, description, key = text, "", ""
        else:
            name, description = _listed(key, text, persons, warnings)
        identity = (key or name.casefold(), role)
        if identity not in seen:
            seen.add(identity)
            agents.append(Agent(name, role, description, (), _scoped(key, scope)))
    return agents


def _listed(
    key: str, text: str, persons: Mapping[str, PersonEntry], warnings: list[str]
) -> tuple[str, str]:
    """The name and identification the persons list gives `key`; the text if it has none."""
    entry = persons.get(key)
    if entry is None:  # warned at every mention, as the list is wrong at every one
        warnings.append(f"persName corresp='#{key}' is not in the volume's persons list")
        return text or key, ""
    return entry.name, entry.description


def _scoped(key: str, scope: str) -> str:
    return f"{scope}#{key}" if key else ""


def _in_attachment(element: Element, div: Element) -> bool:
    """Whether `element` is inside an enclosure (`frus:attachment`) of the document `div`."""
    for ancestor in element.iterancestors():
        if ancestor is div:
            return False
        if local(ancestor) == "attachment":
            return True
    return False


def _offices(head: Element) -> list[Agent]:
    """Sending and receiving offices, named without the article ("the Embassy in Japan")."""
    offices = []
    for gloss in head.iter(_GLOSS):
        role = _ROLE_BY_TYPE.get(str(gloss.get("type") or ""))
        if role is None:
            continue
        name = _ARTICLE.sub("", inline_text(gloss, line_breaks=False))
        if name:
            offices.append(Agent(name=name, role=role, is_organization=True))
    return offices


_GLOSS = tei("gloss")
_CHOICE = tei("choice")
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


def _resolve(agent: Agent, persons: Mapping[str, PersonEntry], linked: Mapping[str, str]) -> Agent:
    """A name from the source note ("Drafted by Henry") that the editors linked elsewhere."""
    key = linked.get(agent.name, "")
    entry = persons.get(key)
    if entry is None:
        return agent
    return Agent(entry.name, agent.role, entry.description, authority_key=key)


def _unique(agents: Iterable[Agent], seen: set[tuple[str, Role]], scope: str) -> list[Agent]:
    """The agents not yet in `seen` (by person, or name, and role), each once and with its
    authority key scoped; adds them to it."""
    kept: list[Agent] = []
    for agent in agents:
        identity = (agent.authority_key or agent.name.casefold(), agent.role)
        if identity not in seen:
            seen.add(identity)
            kept.append(_in_scope(agent, scope) if agent.authority_key else agent)
    return kept


def _in_scope(agent: Agent, scope: str) -> Agent:
    return Agent(  # not dataclasses.replace, which costs five times as much
        agent.name,
        agent.role,
        agent.description,
        agent.variants,
        authority_key=_scoped(agent.authority_key, scope),
        is_organization=agent.is_organization,
    )


def document_glossary(
    div: Element, terms: Mapping[str, GlossaryEntry], warnings: list[str]
) -> tuple[GlossaryEntry, ...]:
    """Abbreviations used in the document, in order of first use, each once."""
    found: dict[str, GlossaryEntry] = {}
    for element in div.iter(_GLOSS, _CHOICE):
        if element.tag == _CHOICE:
            _inline_abbreviation(element, found)
            continue
        target = str(element.get("target") or "").lstrip("#")
        if not target or target in found:
            continue
        entry = terms.get(target)
        if entry is None:
            warnings.append(f"gloss target='#{target}' is not in the volume's abbreviations list")
            continue
        found[target] = entry
    return tuple(found.values())


def _inline_abbreviation(choice: Element, found: dict[str, GlossaryEntry]) -> None:
    parts = {local(child): inline_text(child, line_breaks=False) for child in choice}
    abbr, expan = parts.get("abbr", ""), parts.get("expan", "")
    if abbr and expan:
        found.setdefault(f"abbr:{abbr}", GlossaryEntry(abbr, expan))
