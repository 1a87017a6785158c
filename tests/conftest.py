"""Shared fixtures: every test gets its own search index folder; seed paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
SEED_PAGETEXT = SEEDS / "000_b5f019b386c28743.txt"
SEED_MARKDOWN = SEEDS / "004_b8bd459ccae83002.txt"


@pytest.fixture(autouse=True)
def _own_index_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """Point the search index at a fresh folder, for every test that runs with Django
    (tests/core runs without the Django plugin)."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.FONDS_INDEX_DIR = tmp_path / "index"
    yield


def pytest_configure(config: pytest.Config) -> None:
    """The tests read the shared corpus; without it they must fail loudly, not skip quietly."""
    if not SEEDS.is_dir():
        raise pytest.UsageError(
            f"the shared corpus is missing: expected {CORPUS} beside the project"
        )
