"""The configured search backend (FONDS_SEARCH_BACKEND: tantivy, the default, or postgres)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import connection

from fonds.search.backends.base import IndexBusy, IndexOutdated, SearchBackend

__all__ = ["IndexBusy", "IndexOutdated", "SearchBackend", "discard_outdated", "get_backend"]


def get_backend() -> SearchBackend:
    if settings.FONDS_SEARCH_BACKEND == "postgres":
        if connection.vendor != "postgresql":
            raise RuntimeError("FONDS_SEARCH_BACKEND=postgres needs a PostgreSQL database")
        return _postgres()
    return _tantivy_at(Path(settings.FONDS_INDEX_DIR))


@lru_cache(maxsize=1)
def _postgres() -> SearchBackend:
    from fonds.search.backends.postgres_backend import PostgresBackend

    return PostgresBackend()


@lru_cache(maxsize=4)
def _tantivy_at(path: Path) -> SearchBackend:
    from fonds.search.backends.tantivy_backend import TantivyBackend

    return TantivyBackend(path)


def discard_outdated() -> None:
    """Make way for a rebuild: an embedded index with an old layout is removed."""
    if settings.FONDS_SEARCH_BACKEND == "postgres":
        return
    path = Path(settings.FONDS_INDEX_DIR)
    try:
        _tantivy_at(path)
    except IndexOutdated:
        from fonds.search.backends.tantivy_backend import discard

        discard(path)
