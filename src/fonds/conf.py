"""The only reader of FONDS_* environment settings.

FONDS_DATABASE_URL  sqlite:///relative/file.sqlite3 or sqlite:////absolute/file.sqlite3
                    (default sqlite:///fonds.sqlite3, in the working directory), or
                    postgresql://user@host:port/name
FONDS_INDEX_DIR     the search index folder (default: beside the SQLite file, named
                    "<file stem>-index"; ./fonds-index for PostgreSQL)
FONDS_SEARCH_BACKEND tantivy (default: an embedded index folder) or postgres (full-text search
                    inside a PostgreSQL database: for several web servers on one database)
FONDS_SECRET_KEY    Django's secret key (default: generated once into .fonds-secret-key beside
                    the database, or in the working directory)
FONDS_DEBUG         "1" for Django's debug pages
FONDS_ALLOWED_HOSTS comma-separated host names (default: localhost,127.0.0.1,[::1])
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

DEFAULT_DATABASE_URL = "sqlite:///fonds.sqlite3"


class ConfigurationError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    database: dict[str, Any]
    index_dir: Path
    search_backend: str
    secret_key: str
    debug: bool
    allowed_hosts: list[str]


def load() -> Settings:
    url = os.environ.get("FONDS_DATABASE_URL", DEFAULT_DATABASE_URL)
    database = database_from_url(url)
    home = _home(database)
    return Settings(
        database=database,
        index_dir=Path(os.environ.get("FONDS_INDEX_DIR") or _default_index_dir(database)),
        search_backend=_search_backend(),
        secret_key=os.environ.get("FONDS_SECRET_KEY") or _stored_secret(home),
        debug=os.environ.get("FONDS_DEBUG", "") == "1",
        allowed_hosts=os.environ.get("FONDS_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(","),
    )


def _search_backend() -> str:
    name = os.environ.get("FONDS_SEARCH_BACKEND", "tantivy")
    if name not in ("tantivy", "postgres"):
        raise ConfigurationError(f"FONDS_SEARCH_BACKEND: '{name}' is not tantivy or postgres")
    return name


def database_from_url(url: str) -> dict[str, Any]:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(sqlite_path(url)),
            "OPTIONS": {
                # IMMEDIATE: writers take the lock at BEGIN, so concurrent writers wait
                # (busy timeout) instead of failing mid-transaction with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.path.lstrip("/") or "postgres",
            "USER": unquote(parsed.username or "postgres"),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "127.0.0.1",
            "PORT": str(parsed.port or 5432),
        }
    raise ConfigurationError(
        f"FONDS_DATABASE_URL: unsupported scheme '{parsed.scheme}' (use sqlite:/// or postgresql://)"
    )


def sqlite_path(url: str) -> Path:
    """sqlite:///rel.sqlite3 is relative to the working directory; sqlite:////abs is absolute."""
    rest = url.removeprefix("sqlite://")
    if not rest.startswith("/") or rest == "/":
        raise ConfigurationError(f"FONDS_DATABASE_URL: no file in '{url}'")
    return Path(unquote(rest[1:])).absolute()


def _home(database: dict[str, Any]) -> Path:
    if database["ENGINE"].endswith("sqlite3"):
        return Path(database["NAME"]).parent
    return Path.cwd()


def _default_index_dir(database: dict[str, Any]) -> Path:
    if database["ENGINE"].endswith("sqlite3"):
        path = Path(database["NAME"])
        return path.with_name(f"{path.stem}-index")
    return Path.cwd() / "fonds-index"


def _stored_secret(home: Path) -> str:
    """A per-installation secret, generated once, so sessions survive restarts."""
    path = home / ".fonds-secret-key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(key)
        path.chmod(0o600)
        return key
