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


class IndexOutdated(RuntimeError):
    """The index was built by an earlier fonds with another layout: `fonds reindex` rebuilds it."""


class IndexSession(Protocol):
    """A write to the index: documents handed over as they are stored (bulk ingest), or the
    queue applied (catch-up)."""

    def remove(self, pks: Collection[int]) -> None:
        """Take these documents out of the index."""

    def replace(self, documents: Sequence[IndexDocument]) -> None:
        """Put these documents in the index, replacing any entries they had."""

    def commit(self) -> None:
        """Make what was replaced so far searchable, durably."""


class SearchBackend(Protocol):
    name: str

    def apply(self, remove_pks: Collection[int], add: Iterable[IndexDocument]) -> None:
        """Remove these documents and add those (consumed as a stream), as one commit."""

    def session(self, patience: float = 0.0) -> AbstractContextManager[IndexSession]:
        """A writing session; what is not committed when it ends is rolled back. Raises
        IndexBusy when another process is writing the index and goes on for `patience`
        seconds."""

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def clear(self) -> None: ...

    def count(self) -> int: ...
