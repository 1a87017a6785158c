"""People named by a document's title and catalogue fields.

Titles of diplomatic records state who took part, each with their office:
  "Record of Conversation between Soviet Deputy Foreign Minister Vasily Kuznetsov and the North
   Korean Ambassador to the Soviet Union Kim Byeong-jik"
  "Telegram from the Embassy in Moscow to the Department of State"
A participant is "<office> <Name>": the name is the run of capitalized words at the end that are
not office or country words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from fonds.core.records import Agent, Role

# Words that belong to an office or a country, never to a personal name, in titles (a data table).
OFFICE_WORDS = frozenset(
    line.strip()
    for line in (Path(__file__).with_name("office_words.txt")).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

_BETWEEN = re.compile(r"\bconversation\s+(?:between|with)\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$", re.I)
_FROM_TO = re.compile(r"^(?:[\w\s]+?)\s+from\s+(?P<a>.+?)\s+to\s+(?P<b>.+)$", re.I)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
_SPACE = re.compile(r"\s+")


def people_from_title(title: str) -> tuple[Agent, ...]:
    """Participants of a conversation, or author and recipient of a letter/telegram."""
    title = _SPACE.sub(" ", title).strip().rstrip(".")
    match = _BETWEEN.search(title)
    if match:
        return _agents((match.group("a"), Role.PARTICIPANT), (match.group("b"), Role.PARTICIPANT))
    match = _FROM_TO.match(title)
    if match:
        return _agents((match.group("a"), Role.AUTHOR), (match.group("b"), Role.RECIPIENT))
    return ()


def _agents(*phrases: tuple[str, Role]) -> tuple[Agent, ...]:
    agents = []
    for phrase, role in phrases:
        split = split_office(phrase)
        if split is not None:
            name, office = split
            agents.append(Agent(name=name, role=role, description=office))
    return tuple(agents)


def split_office(phrase: str) -> tuple[str, str] | None:
    """("Vasily Kuznetsov", "Soviet Deputy Foreign Minister") from the phrase naming them."""
    tokens = phrase.split()
    cut = len(tokens)
    while cut > 0 and _is_name_token(tokens[cut - 1]):
        cut -= 1
    name_tokens = tokens[cut:]
    if len(name_tokens) < 2 and not (name_tokens and "-" in name_tokens[0]):
        return None
    office = " ".join(tokens[:cut])
    office = re.sub(r"^(?:the|a)\s+", "", office, flags=re.I)
    return " ".join(name_tokens), office


def _is_name_token(token: str) -> bool:
    bare = token.strip(".,")
    acronym = len(bare) > 1 and bare.isupper() and "." not in bare  # DVO, DPRK: an office's
    return bool(_NAME_TOKEN.match(token)) and not acronym and bare.lower() not in OFFICE_WORDS


def with_bracketed_variants(agents: tuple[Agent, ...], text: str) -> tuple[Agent, ...]:
    """Add the romanizations a translator gives in brackets: "Kim Byeong-jik [Kim Pyong Jik]"."""
    result = []
    for agent in agents:
        found = re.findall(re.escape(agent.name) + r"\s*\[([^\[\]]{2,60})\]", text)
        extra = tuple(v.strip() for v in dict.fromkeys(found) if v.strip() not in agent.variants)
        result.append(replace(agent, variants=agent.variants + extra))
    return tuple(result)


def names_from_list(value: str, role: Role) -> tuple[Agent, ...]:
    """Agents from a catalogue field listing names, one per line or separated by semicolons."""
    names = [n.strip() for n in re.split(r"[;\n]+", value) if n.strip()]
    return tuple(Agent(name=name, role=role) for name in names)
