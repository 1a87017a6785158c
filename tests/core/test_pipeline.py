"""The reading process gives exactly what reading in process gives, however it is started;
what cannot cross from it is a named failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from fonds.core.pipeline import Planned, Reading, _Shipped, files_under, plan_files, unshipped
from fonds.core.records import DocumentRecord, Failed
from fonds.core.serialize import record_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("fork", [False, True], ids=["spawn", "fork"])
def test_the_reading_process_sends_what_reading_here_finds(fork: bool) -> None:
    paths = list(files_under([FIXTURES / "tei", FIXTURES / "jsonl", FIXTURES / "wordhtml"]))
    assert len(paths) > 10
    here = list(plan_files(paths, in_background=False))
    assert list(Reading(paths, fork=fork)) == here


class Marked(str):
    """What a reader bug could leave in a record: not a plain string."""


def test_a_record_that_cannot_cross_is_a_failure_not_a_crash() -> None:
    """A reader that left a non-plain value in a record gets that record refused, named by its
    file and place; the ingest goes on."""
    record = DocumentRecord(source_key="k", title=Marked("a title"))
    shipped = _Shipped("volume.xml", record_bytes(record), (), "div d12")
    planned = unshipped(shipped)
    assert isinstance(planned, Planned) and isinstance(planned.item, Failed)
    assert planned.path == "volume.xml" and planned.item.locator == "div d12"
    assert "could not be passed on" in planned.item.reason
