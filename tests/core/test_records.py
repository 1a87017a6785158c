"""`quick_init`: record classes build faster, and behave exactly as the dataclass made them."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from fonds.core.records import Agent, DocumentRecord, Role, quick_init


@dataclasses.dataclass(frozen=True, slots=True)
class Plain:
    name: str
    role: Role = Role.MENTIONED
    variants: tuple[str, ...] = ()


@quick_init
@dataclasses.dataclass(frozen=True, slots=True)
class Quick:
    name: str
    role: Role = Role.MENTIONED
    variants: tuple[str, ...] = ()


def test_the_quick_init_takes_the_same_arguments_as_the_dataclass_one() -> None:
    assert inspect.signature(Quick.__init__) == inspect.signature(Plain.__init__)
    for arguments, keywords in [
        (("Rusk",), {}),
        (("Rusk", Role.AUTHOR), {}),
        (("Rusk",), {"variants": ("Dean Rusk",)}),
        ((), {"name": "Rusk", "role": Role.RECIPIENT, "variants": ()}),
    ]:
        quick, plain = Quick(*arguments, **keywords), Plain(*arguments, **keywords)
        assert dataclasses.astuple(quick) == dataclasses.astuple(plain)


@pytest.mark.parametrize(
    ("arguments", "keywords"),
    [((), {}), (("a", Role.AUTHOR, (), "extra"), {}), (("a",), {"nickname": "b"})],
    ids=["missing", "too many", "unknown keyword"],
)
def test_wrong_arguments_are_refused_as_the_dataclass_refuses_them(
    arguments: tuple[object, ...], keywords: dict[str, object]
) -> None:
    with pytest.raises(TypeError):
        Plain(*arguments, **keywords)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Quick(*arguments, **keywords)  # type: ignore[arg-type]


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


def test_a_class_it_cannot_speed_up_is_left_as_it_is() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[str] = dataclasses.field(default_factory=list)

    generated = WithFactory.__init__
    assert quick_init(WithFactory).__init__ is generated
    assert WithFactory().items == []
