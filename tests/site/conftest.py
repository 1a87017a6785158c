"""Fixtures for the pages, the API and the back office: the two seeds, ingested and indexed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.conftest import SEED_MARKDOWN, SEED_PAGETEXT
from tests.helpers import ingest

from fonds.archive.models import Document
from fonds.search.services import index_catch_up


@dataclass(frozen=True)
class Seeds:
    may: Document  # 000, a page-text capture, 21 May 1965
    april: Document  # 004, a Markdown export, 17 April 1965


@pytest.fixture
def seeds(db: None) -> Seeds:
    (may, _), *rest = ingest(SEED_PAGETEXT)
    assert not rest
    (april, _), *rest = ingest(SEED_MARKDOWN)
    assert not rest
    index_catch_up()
    return Seeds(may=may, april=april)
