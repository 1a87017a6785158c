"""The reading process gives exactly what reading in process gives, however it is started."""

from __future__ import annotations

from pathlib import Path

import pytest

from fonds.core.pipeline import Reading, files_under, plan_files

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("fork", [False, True], ids=["spawn", "fork"])
def test_the_reading_process_sends_what_reading_here_finds(fork: bool) -> None:
    paths = list(files_under([FIXTURES / "tei", FIXTURES / "jsonl", FIXTURES / "wordhtml"]))
    assert len(paths) > 10
    here = list(plan_files(paths, in_background=False))
    assert list(Reading(paths, fork=fork)) == here
