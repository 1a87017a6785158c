"""A new SQLite archive is created from the schema snapshot: it must be the database that
running every migration gives, and a snapshot that lags the migrations must still end there.

Each database here is a file of its own, set up in a subprocess (the Django of this test
process is bound to the test database)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fonds.project.schema import SNAPSHOT, schema_of, snapshot_from_migrations

# Run in a subprocess: prepare a database with `database_ready`, after optionally replacing
# the snapshot it reads (argv[1]: a JSON file, or "-" for the real one).
READY = """
import json, os, sys
import django
django.setup()
from fonds.project import schema
if sys.argv[1] != "-":
    replacement = json.loads(open(sys.argv[1]).read())
    schema._read_snapshot = lambda: replacement
schema.database_ready()
"""


def _database(folder: Path, name: str, command: list[str]) -> Path:
    path = folder / f"{name}.sqlite3"
    env = dict(os.environ, FONDS_DATABASE_URL=f"sqlite:///{path}")
    env["DJANGO_SETTINGS_MODULE"] = "fonds.project.settings"
    subprocess.run(command, env=env, cwd=folder, check=True, capture_output=True, text=True)
    return path


def _migrated(folder: Path) -> Path:
    return _database(folder, "migrated", [sys.executable, "-m", "django", "migrate", "-v", "0"])


def _ready(folder: Path, name: str, snapshot: dict[str, Any] | None = None) -> Path:
    replacement = "-"
    if snapshot is not None:
        replacement = str(folder / f"{name}.json")
        Path(replacement).write_text(json.dumps(snapshot), "utf-8")
    return _database(folder, name, [sys.executable, "-c", READY, replacement])


def _contents(path: Path) -> dict[str, Any]:
    """What a migrated database holds besides its schema: migration records, content types,
    permissions (the last two made by `migrate`'s post_migrate step)."""
    with sqlite3.connect(path) as database:
        return {
            "migrations": sorted(database.execute("SELECT app, name FROM django_migrations")),
            "content types": sorted(
                database.execute("SELECT app_label, model FROM django_content_type")
            ),
            "permissions": sorted(
                database.execute(
                    "SELECT t.app_label, p.codename, p.name FROM auth_permission p"
                    " JOIN django_content_type t ON t.id = p.content_type_id"
                )
            ),
        }


def _snapshot() -> dict[str, Any]:
    return dict(json.loads(SNAPSHOT.read_text("utf-8")))


def test_the_snapshot_is_what_the_migrations_make() -> None:
    assert _snapshot() == snapshot_from_migrations(), (
        "the schema snapshot is out of date: run `.venv/bin/python -m fonds.project.schema --write`"
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _migrated(tmp_path_factory.mktemp("migrated"))


def test_a_new_archive_from_the_snapshot_equals_a_migrated_one(
    migrated: Path, tmp_path: Path
) -> None:
    ready = _ready(tmp_path, "ready")
    assert schema_of(ready) == schema_of(migrated)
    assert _contents(ready) == _contents(migrated)
    assert _contents(ready)["permissions"], "post_migrate made no permissions"


def test_a_snapshot_lacking_the_last_migrations_is_completed_by_migrate(
    migrated: Path, tmp_path: Path
) -> None:
    snapshot = _snapshot()
    lagging = {
        **snapshot,
        "migrations": [m for m in snapshot["migrations"] if m[0] != "fonds_search"],
        "statements": [s for s in snapshot["statements"] if "search_indexqueueentry" not in s],
    }
    ready = _ready(tmp_path, "lagging", lagging)
    assert schema_of(ready) == schema_of(migrated)
    assert _contents(ready) == _contents(migrated)


@pytest.mark.parametrize(
    "change",
    [
        {"django": "0.0.0"},  # taken with another Django
        {"statements": ["CREATE TABLE bogus (id integer)"]},  # and naming a migration not on disk
    ],
    ids=["other-django", "unknown-migration"],
)
def test_an_unusable_snapshot_is_ignored(
    migrated: Path, tmp_path: Path, change: dict[str, Any]
) -> None:
    snapshot = {**_snapshot(), **change}
    if "statements" in change:
        snapshot["migrations"] = [*snapshot["migrations"], ["archive", "9999_gone"]]
    ready = _ready(tmp_path, "unusable", snapshot)
    assert schema_of(ready) == schema_of(migrated)
    assert _contents(ready) == _contents(migrated)


def test_an_archive_up_to_date_is_left_alone(tmp_path: Path) -> None:
    ready = _ready(tmp_path, "again")
    before = _contents(ready)
    _ready(tmp_path, "again")
    assert _contents(ready) == before
