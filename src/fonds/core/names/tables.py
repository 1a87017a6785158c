"""The package's data tables (names/data/*.tsv): tab-separated rows, "#" lines are comments."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of data/<name>, each a tuple of its tab-separated cells."""
    text = (DATA / name).read_text("utf-8")
    return tuple(
        tuple(line.split("\t")) for line in text.splitlines() if line and not line.startswith("#")
    )
