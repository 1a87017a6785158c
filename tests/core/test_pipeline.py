"""The reading process gives exactly what reading in process gives, however it is started;
what cannot cross from it is a named failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fonds.core import pipeline
from fonds.core.pipeline import FileDone, MappingSpec, Planned, Reading, files_under, plan_files
from fonds.core.records import DocumentRecord, Extracted, Failed, Source
from fonds.core.serialize import content_hash

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("fork", [False, True], ids=["spawn", "fork"])
def test_the_reading_process_sends_what_reading_here_finds(fork: bool) -> None:
    paths = list(files_under([FIXTURES / "tei", FIXTURES / "jsonl", FIXTURES / "wordhtml"]))
    assert len(paths) > 10
    here = list(plan_files(paths, in_background=False))
    assert list(Reading(paths, fork=fork)) == here
    records = [
        p.item.record for p in here if isinstance(p, Planned) and isinstance(p.item, Extracted)
    ]
    digests = [p.digest for p in here if isinstance(p, Planned) and isinstance(p.item, Extracted)]
    assert digests == [content_hash(record) for record in records]


def test_a_csv_mapping_crosses_to_the_reading_process() -> None:
    csv = FIXTURES / "csv" / "mapped.csv"
    mapping = MappingSpec(toml=(FIXTURES / "csv" / "mapped.toml").read_text("utf-8"))
    here = list(plan_files([csv], mapping, in_background=False))
    assert any(isinstance(p, Planned) and isinstance(p.item, Extracted) for p in here)
    assert list(Reading([csv], mapping)) == here


def _local_str() -> str:
    """What a reader bug could leave in a record: a string of a class pickle cannot find."""

    class Marked(str):
        pass

    return Marked("a summary")


def _plan_leaving(value: object) -> object:
    def plan(source: Source, csv_mapping: object = None) -> Iterator[Extracted]:
        record = DocumentRecord("k", "a title", summary=value)  # type: ignore[arg-type]
        yield Extracted(record, (), "div d12")

    return plan


@pytest.mark.parametrize(
    ("value", "why"),
    [(object(), "not JSON serializable"), (_local_str(), "local object")],
    ids=["not plain data", "cannot be pickled"],
)
def test_a_record_that_cannot_cross_is_a_failure_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: object, why: str
) -> None:
    """A reader that left something else than plain values in a record gets that record
    refused, named by its file and place; the ingest goes on."""
    monkeypatch.setattr(pipeline, "plan", _plan_leaving(value))
    (tmp_path / "volume.xml").write_text("<TEI/>")
    arrived = list(Reading([tmp_path / "volume.xml"], fork=True))  # forked: the patch holds
    planned, done = arrived
    assert isinstance(planned, Planned) and isinstance(planned.item, Failed)
    assert planned.path.endswith("volume.xml") and planned.item.locator == "div d12"
    assert "could not be passed on" in planned.item.reason and why in planned.item.reason
    assert isinstance(done, FileDone)
