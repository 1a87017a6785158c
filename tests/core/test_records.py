"""Record classes: frozen, slotted, equal by value; each field declared once, with its doc."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from fonds.core.records import (
    Agent,
    DocumentRecord,
    Role,
    Text,
    TextKind,
    described,
    field_doc,
    frozen_record,
)


@frozen_record
class Sample:
    """A record class as fonds declares them."""

    name: str = described("The name.", required=True)
    role: Role = described("The role.", default=Role.MENTIONED)


def test_a_declared_class_is_a_frozen_slotted_dataclass() -> None:
    sample = Sample("Rusk")
    assert dataclasses.is_dataclass(sample) and not hasattr(sample, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample.name = "someone else"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Sample()  # type: ignore[call-arg]
    assert Sample("Rusk", Role.AUTHOR) == Sample(name="Rusk", role=Role.AUTHOR)
    assert field_doc(Sample, "name") == "The name."
    assert [f.metadata["required"] for f in dataclasses.fields(Sample)] == [True, False]


def test_a_record_stays_frozen_hashable_and_equal_by_value() -> None:
    agent = Agent("Kim Byeong-jik", Role.AUTHOR, variants=("Kim Pyong Jik",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        agent.name = "someone else"  # type: ignore[misc]
    same = Agent("Kim Byeong-jik", Role.AUTHOR, "", ("Kim Pyong Jik",))
    assert agent == same and hash(agent) == hash(same)
    assert agent != dataclasses.replace(agent, role=Role.RECIPIENT)
    assert pickle.loads(pickle.dumps(agent)) == agent


def test_every_field_is_set_and_defaults_are_the_declared_ones() -> None:
    record = DocumentRecord("key", "A title")
    for field in dataclasses.fields(DocumentRecord):
        expected = {"source_key": "key", "title": "A title"}.get(field.name, field.default)
        assert getattr(record, field.name) == expected, field.name
    assert Text(body="b") == Text(TextKind.TRANSLATION, "", "b", ())
