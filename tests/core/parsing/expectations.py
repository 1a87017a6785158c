"""Reader fixtures: an input file beside `<name>.expected.json`, compared result by result and
field by field.

An expected file holds `input` (the file beside it), `sniff` (whether the reader claims it) and
`results`: one entry per record or failure, in order. A record entry gives `record` (the fields
that differ from a record's defaults: every other field must keep its default), `warnings` and
`locator` (absent: none, ""). A failure entry gives `failed` (the exact reason) and `locator`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fonds.core.records import DocumentRecord, Extracted, Failed
from fonds.core.serialize import record_to_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "seeds"
DEFAULTS: dict[str, Any] = json.loads(record_to_json(DocumentRecord(source_key="", title="")))


def cases(folder: str) -> list[Path]:
    found = sorted((FIXTURES / folder).glob("*.expected.json"))
    assert found, f"no fixtures in {FIXTURES / folder}"
    return found


def case_id(path: Path) -> str:
    return path.name.removesuffix(".expected.json")


def load(case: Path) -> tuple[dict[str, Any], bytes]:
    spec: dict[str, Any] = json.loads(case.read_text(encoding="utf-8"))
    return spec, (case.parent / spec["input"]).read_bytes()


def as_json(record: DocumentRecord) -> dict[str, Any]:
    """The record as plain JSON values (lists, strings), as the expected files write it."""
    result: dict[str, Any] = json.loads(record_to_json(record))
    return result


def check(results: list[Extracted | Failed], expected: list[dict[str, Any]]) -> None:
    """Every difference between the results and the expectation, reported at once."""
    problems = [
        problem
        for index, (got, want) in enumerate(zip(results, expected, strict=False))
        for problem in _differences(index, got, want)
    ]
    if len(results) != len(expected):
        problems.append(f"{len(results)} results, expected {len(expected)}: {_summary(results)}")
    assert not problems, "\n".join(problems)


def _differences(index: int, got: Extracted | Failed, want: dict[str, Any]) -> list[str]:
    where = f"result {index}"
    if "failed" in want:
        if not isinstance(got, Failed):
            return [f"{where}: expected Failed({want['failed']!r}), got {got.record.title!r}"]
        return _compare(
            where,
            {"reason": got.reason, "locator": got.locator},
            {
                "reason": want["failed"],
                "locator": want.get("locator", ""),
            },
        )
    if isinstance(got, Failed):
        return [f"{where}: expected a record, got Failed({got.reason!r})"]
    problems = [
        f"{where}: unknown field {key!r} expected" for key in want["record"] if key not in DEFAULTS
    ]
    actual = {"locator": got.locator, "warnings": list(got.warnings), **as_json(got.record)}
    truth = {
        "locator": want.get("locator", ""),
        "warnings": want.get("warnings", []),
        **DEFAULTS,
        **want["record"],
    }
    return problems + _compare(where, actual, truth)


def _compare(where: str, actual: dict[str, Any], truth: dict[str, Any]) -> list[str]:
    return [
        f"{where} {key}: got {actual.get(key)!r}, expected {truth[key]!r}"
        for key in truth
        if actual.get(key) != truth[key]
    ]


def _summary(results: list[Extracted | Failed]) -> str:
    return "; ".join(
        f"Failed({r.reason!r})" if isinstance(r, Failed) else repr(r.record.title) for r in results
    )


def strings_in(value: Any) -> list[str]:
    """Every string inside a JSON value (keys excluded): what a reader put in a record."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []
