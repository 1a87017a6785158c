"""The cycle collector's schedule: off while a command starts, rarer during bulk work, and
always restored."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from fonds.core import collecting


@pytest.fixture(autouse=True)
def collector_as_it_was() -> Iterator[None]:
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    if enabled:
        gc.enable()


def test_start_up_collects_nothing_then_hides_what_it_made() -> None:
    collecting.starting_up()
    assert not gc.isenabled()
    made = [[] for _ in range(1000)]  # containers that live on, as start-up's do
    frozen_before = gc.get_freeze_count()
    collecting.started()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(made)


def test_started_without_starting_up_leaves_the_collector_alone() -> None:
    """A test or a library calling the command's `main` keeps its collector as it is."""
    frozen_before = gc.get_freeze_count()
    gc.disable()
    collecting.started()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == frozen_before


def test_bulk_work_collects_less_often_and_restores_the_schedule() -> None:
    before = gc.get_threshold()
    with collecting.bulk_work():
        assert gc.get_threshold()[0] == collecting.BULK_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), collecting.bulk_work():
        raise RuntimeError("an ingest that fails half-way")
    assert gc.get_threshold() == before


def test_cyclic_garbage_is_still_collected_during_bulk_work() -> None:
    class Node:
        def __init__(self) -> None:
            self.other: Node | None = None

    gc.collect()
    with collecting.bulk_work():
        for _ in range(collecting.BULK_THRESHOLD * 3):
            one, two = Node(), Node()
            one.other, two.other = two, one  # a cycle: only the collector frees it
            del one, two
        alive = sum(
            type(o) is Node for o in gc.get_objects()
        )  # (isinstance would wake lazy objects)
    assert alive < collecting.BULK_THRESHOLD * 2  # 60,000 were made
