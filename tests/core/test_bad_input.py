"""Bad input: one clear reason per file, never an exception (issue 2, "Bad input")."""

from __future__ import annotations

import pytest

from fonds.core.pipeline import plan
from fonds.core.records import Failed, Source

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

CASES = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file"),
    ("image.txt", PNG, "binary file"),
    (
        "prose.txt",
        b"Just some notes I took.\nNothing here is a record.\n",
        "no recognizable record",
    ),
    ("untitled.md", b"**Citation:**\n\nSomething\n\n**Summary:**\n\nMore\n", "no title"),
    (
        "latin1.txt",
        "May 21, 1965\nRecord of a caf\u00e9 talk\n".encode("latin-1"),
        "not valid UTF-8",
    ),
    ("dateonly.txt", b"May 21, 1965\n", "no recognizable record"),
]


@pytest.mark.parametrize(("name", "data", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_one_reason(name: str, data: bytes, reason: str) -> None:
    items = list(plan(Source(name, data)))
    assert len(items) == 1
    assert isinstance(items[0], Failed)
    assert reason in items[0].reason


def test_markdown_html_is_kept_as_text_not_markup() -> None:
    data = b"**May 21, 1965**\n\n**<script>alert(1)</script> Title**\n\n**Summary:**\n\n<b>x</b>\n"
    (item,) = plan(Source("x.md", data))
    assert not isinstance(item, Failed)
    assert item.record.title == "<script>alert(1)</script> Title"
    assert item.record.summary == "<b>x</b>"
