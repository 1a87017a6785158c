"""People a record of conversation names in its text, beyond its title: those who attended,
the interpreter, the signatory. One rule each, on the sentence that states it:
  "The meeting was attended by the 1st secretary of the DVO Nemchinov V.S. and 3rd secretary
   of the DVO Putivets A.D."                       -> participants, with their offices
  "The conversation was interpreted by Kim Hen Son, member of the staff of the DPRK Embassy."
                                                   -> the interpreter, with the description
  "DEPUTY MINISTER OF FOREIGN AFFAIRS OF THE USSR / [Signature] (V. Kuznetsov)"
                                                   -> the author: a participant already named
                                                      when the names match (fonds.core.names)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fonds.core.extraction.agents import split_office
from fonds.core.names import match
from fonds.core.records import Agent, Role

# the list runs to the first full stop that ends a word or a run of initials and is followed by
# a new sentence ("... Putivets A.D. The conversation"), not to the dots inside "V.S. and"
_ATTENDED = re.compile(
    r"\b(?:was|were)\s+attended\s+by\s+(?P<list>.+?\.)(?:\s+(?=[A-Z][a-z])|\s*$)"
)
_ENDS_IN_INITIALS = re.compile(r"\b(?:[A-Z]\.)+$")  # "Putivets A.D.": the stop is the name's
_INTERPRETED = re.compile(
    r"\binterpreted\s+by\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)"
    r"(?:,\s*(?P<description>[^.]+))?\."
)
_SIGNED = re.compile(
    r"(?:^|\n)(?P<office>[A-Z][A-Z ,.'’-]{5,})\n\s*(?:\[Signature\]\s*)?\((?P<name>[^()\n]{3,60})\)"
)


def people_in_text(text: str, named: Sequence[Agent]) -> tuple[Agent, ...]:
    """The attendees, the interpreter and the signatory the text names (`named`: the people
    the record names already, whom a signature is matched against)."""
    found = [*_attendees(text), *_interpreters(text), *_signatories(text, named)]
    return tuple(found)


def _attendees(text: str) -> list[Agent]:
    agents = []
    for found in _ATTENDED.finditer(text):
        listed = found.group("list")
        if not _ENDS_IN_INITIALS.search(listed):
            listed = listed[:-1]  # the sentence's full stop
        for phrase in re.split(r",?\s+and\s+|,\s+(?=the\s)", listed):
            split = split_office(phrase.strip())
            if split is not None:
                name, office = split
                agents.append(Agent(name=name, role=Role.PARTICIPANT, description=office))
    return agents


def _interpreters(text: str) -> list[Agent]:
    return [
        Agent(
            name=found.group("name"),
            role=Role.INTERPRETER,
            description=(found.group("description") or "").strip(),
        )
        for found in _INTERPRETED.finditer(text)
    ]


def _signatories(text: str, named: Sequence[Agent]) -> list[Agent]:
    agents = []
    for found in _SIGNED.finditer(text):
        signed, office = found.group("name").strip(), found.group("office").strip()
        same = next((a for a in named if match(a.name, signed).same), None)
        if same is None:
            agents.append(Agent(name=signed, role=Role.AUTHOR, description=office))
        else:
            agents.append(Agent(same.name, Role.AUTHOR, office, (signed,), same.authority_key))
    return agents
