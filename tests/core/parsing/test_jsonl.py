"""JSON Lines in fonds' own schema: fixtures field by field, lossless round trip, bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.core.parsing.expectations import SEEDS, case_id, cases, check, load

from fonds.core.parsing import jsonl
from fonds.core.parsing.base import SNIFF_BYTES
from fonds.core.records import (
    Agent,
    DateSpan,
    DocumentRecord,
    Extracted,
    Failed,
    Note,
    Role,
    Source,
    Text,
    TextKind,
)
from fonds.core.serialize import record_to_json

READER = jsonl.READER


@pytest.mark.parametrize("case", cases("jsonl"), ids=case_id)
def test_fixture(case: Path) -> None:
    spec, data = load(case)
    assert READER.sniff(data[:SNIFF_BYTES]) is spec["sniff"]
    check(list(READER.read(Source(spec["input"], data))), spec["results"])


RECORDS = [
    DocumentRecord(
        source_key="tei:frus1964-68v29p1/d12",
        title="Telegram From the Embassy in Korea to the Department of State",
        date=DateSpan("1965-05~", "ca. May 1965"),
        texts=(
            Text(
                TextKind.ORIGINAL,
                "English",
                "Line\u2028with a separator\n\nand \u0085 NEL",
                (Note("a", "See \u2029 paragraph separator."),),
            ),
        ),
        people=(Agent("Park Chung Hee", Role.MENTIONED, variants=("Pak Chŏng-hŭi",)),),
    ),
    DocumentRecord(source_key="x", title='"Quoted" title with a tab\tand {braces}'),
]


def test_export_then_import_is_lossless() -> None:
    data = "".join(record_to_json(record) + "\n" for record in RECORDS).encode()
    results = list(READER.read(Source("export.jsonl", data)))
    assert all(isinstance(r, Extracted) for r in results), results
    assert [r.record for r in results if isinstance(r, Extracted)] == RECORDS
    assert [r.locator for r in results] == ["line 1", "line 2"]


def test_a_number_too_long_to_read_fails_its_line_only() -> None:
    line = '{"source_key": "k", "title": "T", "number": ' + "9" * 5000 + "}"
    results = list(READER.read(Source("x.jsonl", line.encode())))
    assert isinstance(results[0], Failed)
    assert results[0].reason.startswith("line 1: not JSON fonds can read: Exceeds the limit")


def test_deep_nesting_fails_its_line_only() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    good = record_to_json(RECORDS[1])
    results = list(READER.read(Source("deep.jsonl", f"{deep}\n{good}\n".encode())))
    assert isinstance(results[0], Failed)
    assert results[0].reason == "line 1: not JSON fonds can read: nested too deeply"
    assert isinstance(results[1], Extracted)


@pytest.mark.parametrize(
    "head",
    [
        record_to_json(RECORDS[1]).encode() + b"\n",
        b"\xef\xbb\xbf\n\n" + record_to_json(RECORDS[1]).encode(),
        b'{"title": "T", "source_key": "k"}',
    ],
)
def test_sniff_accepts_records(head: bytes) -> None:
    assert READER.sniff(head)


def test_sniff_accepts_a_first_record_longer_than_the_sample() -> None:
    long = DocumentRecord(source_key="k", title="T", citation="c" * SNIFF_BYTES)
    data = record_to_json(long).encode()
    assert data.index(b'"source_key"') > SNIFF_BYTES  # the key itself is cut off
    assert READER.sniff(data[:SNIFF_BYTES])


@pytest.mark.parametrize(
    "head",
    [
        b'[{"source_key": "a", "title": "b"}]\n',
        b'{"title": "No key"}\n',
        b'{\n  "source_key": "pretty",\n  "title": "printed"\n}\n',
        b'{"source_key": "a", "title": "unclosed"\n',
        b'{"id": 1, "name": "' + b"x" * SNIFF_BYTES,  # a cut-off object of another schema
        b"title,date\nA,1965\n",
        b"{ not json at all }\n",
        b"",
    ],
)
def test_sniff_refuses_other_json_and_formats(head: bytes) -> None:
    assert not READER.sniff(head[:SNIFF_BYTES])


def test_sniff_refuses_the_seeds() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 2
    for seed in seeds:
        assert not READER.sniff(seed.read_bytes()[:SNIFF_BYTES]), seed.name


def test_every_line_is_checked_against_the_schema() -> None:
    line = json.dumps({"source_key": "k", "title": "T", "date": {"display": "May 1965"}})
    results = list(READER.read(Source("x.jsonl", line.encode())))
    assert isinstance(results[0], Failed)
    assert results[0].reason == "line 1: field 'edtf' is required"
