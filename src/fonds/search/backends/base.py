"""The protocol every search backend implements.

Backends are interchangeable: the same contract test suite (tests/search/test_contract.py) runs
against each. They receive engine-neutral `IndexDocument`s and `SearchRequest`s (fonds.core.search)
and never see raw user query text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from fonds.core.search.contract import IndexDocument, SearchRequest, SearchResponse


class IndexBusy(RuntimeError):
    """Another process is writing the index; the queue keeps the work for the next catch-up."""


class IndexSession(Protocol):
    """A long write to the index (bulk ingest): documents handed over as they are stored."""

    def replace(self, documents: Sequence[IndexDocument]) -> None:
        """Put these documents in the index, replacing any entries they had."""

    def commit(self) -> None:
        """Make what was replaced so far searchable, durably."""


class SearchBackend(Protocol):
    name: str

    def apply(self, remove_pks: Collection[int], add: Iterable[IndexDocument]) -> None:
        """Remove these documents and add those (consumed as a stream), as one commit."""

    def session(self) -> AbstractContextManager[IndexSession]:
        """A writing session; what is not committed when it ends is rolled back. Raises
        IndexBusy when another process is writing the index."""

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def clear(self) -> None: ...

    def count(self) -> int: ...
