"""The configured search backend, one per process (readers are cheap to share, writers lock)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from fonds.search.backends.base import IndexBusy, SearchBackend

__all__ = ["IndexBusy", "SearchBackend", "get_backend"]


def get_backend() -> SearchBackend:
    return _backend_at(Path(settings.FONDS_INDEX_DIR))


@lru_cache(maxsize=4)
def _backend_at(path: Path) -> SearchBackend:
    from fonds.search.backends.tantivy_backend import TantivyBackend

    return TantivyBackend(path)
