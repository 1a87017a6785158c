"""Lookups remembered during a bulk ingest: what a record found or created in the database
(a person, a place, a collection path) is remembered for the records after it, but only once
its transaction has committed, so a rolled-back record can never leave a stale entry.

Outside `remembering()` (the back office, the API) nothing is remembered.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

_state = threading.local()


class Lookups:
    def __init__(self) -> None:
        self._entries: dict[Hashable, Any] = {}

    def get(self, key: Hashable) -> Any:
        return self._entries.get(key)

    def remember(self, key: Hashable, value: Any) -> None:
        transaction.on_commit(lambda: self._entries.__setitem__(key, value))


class _Forgetful(Lookups):
    def remember(self, key: Hashable, value: Any) -> None:
        return None


_NONE = _Forgetful()


def current() -> Lookups:
    return getattr(_state, "lookups", None) or _NONE


@contextmanager
def remembering() -> Iterator[Lookups]:
    previous = getattr(_state, "lookups", None)
    _state.lookups = Lookups()
    try:
        yield _state.lookups
    finally:
        _state.lookups = previous
