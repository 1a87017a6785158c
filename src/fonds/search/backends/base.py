"""The protocol every search backend implements.

Backends are interchangeable: the same contract test suite (tests/search/test_contract.py) runs
against each. They receive engine-neutral `IndexDocument`s and `SearchRequest`s (fonds.core.search)
and never see raw user query text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Protocol

from fonds.core.search.contract import IndexDocument, SearchRequest, SearchResponse


class IndexBusy(RuntimeError):
    """Another process is writing the index; the queue keeps the work for the next catch-up."""


class SearchBackend(Protocol):
    name: str

    def apply(self, remove_pks: Collection[int], add: Iterable[IndexDocument]) -> None:
        """Remove these documents and add those (consumed as a stream), as one commit."""

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def clear(self) -> None: ...

    def count(self) -> int: ...
