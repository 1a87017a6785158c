"""The lossless export's own fields: id, status and embargo travel with the record; a bad one
names itself and its line."""

from __future__ import annotations

import io
import json

import pytest
from tests.core.test_serialize import FULL

from fonds.core.export import Exported
from fonds.core.export.jsonl import read, write
from fonds.core.records import Failed


def test_id_status_and_embargo_survive_the_round_trip() -> None:
    items = [
        Exported("abcd1234", "published", FULL, "2031-02-03"),
        Exported("efgh5678", "draft", FULL),
    ]
    out = io.StringIO()
    write(items, out)
    lines = out.getvalue().splitlines()
    assert json.loads(lines[0])["embargo_until"] == "2031-02-03"
    assert "embargo_until" not in json.loads(lines[1])  # absent when not embargoed
    assert list(read(lines)) == items


@pytest.mark.parametrize("value", ["31/12/2030", "2030-13-01", 20301231, ["2030-12-31"]])
def test_a_bad_embargo_names_the_field_and_the_line(value: object) -> None:
    line = json.dumps({"id": "abcd1234", "status": "published", "source_key": "k", "title": "t",
                       "embargo_until": value})  # fmt: skip
    (failed,) = read(["", line])
    assert isinstance(failed, Failed)
    assert failed.locator == "line 2"
    assert "field 'embargo_until': expected a date (YYYY-MM-DD)" in failed.reason
