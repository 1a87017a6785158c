"""The database's schema, brought up to date before a command touches it.

A new SQLite archive is created from a snapshot of the schema every migration together
produces (tables, indexes, and the migrations' own records), in one transaction, instead of
replaying 22 migrations one operation at a time: a third of a second of Django's migration
machinery saved on every new archive, which is most of what `fonds ingest` pays to start.
This is the practice of loading a schema file rather than replaying history for a new
database (Rails' `db:schema:load`). The snapshot is used only when it was taken with this
Django version and every migration it records is still on disk; otherwise, and on
PostgreSQL, migrations run as usual. Either way `migrate` then applies whatever the snapshot
lacks, and a test checks that the snapshot equals what migrating produces.

An archive already up to date is recognised from its migration records alone (a plan
check), without running `migrate`.

Regenerate the snapshot after adding a migration or upgrading Django:

    .venv/bin/python -m fonds.project.schema --write
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).with_name("sqlite_schema.json")

# tables before the indexes and triggers that name them; within a kind, by name
_SCHEMA_OBJECTS = """
    SELECT sql FROM sqlite_master
    WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
    ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name
"""


def database_ready(using: str = "default") -> None:
    """Create or update the schema of database `using` so that every migration is applied."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[using]
    executor = MigrationExecutor(connection)
    if connection.vendor == "sqlite" and _load_snapshot(connection, executor):
        executor.loader.build_graph()  # the snapshot's migrations now count as applied
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", database=using, interactive=False, verbosity=0)


def _load_snapshot(connection: Any, executor: Any) -> bool:
    """Create the schema from the snapshot if the database has no tables yet (checked and
    created in one transaction, so two commands starting at once cannot both do it)."""
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import transaction
    from django.db.migrations.recorder import MigrationRecorder

    snapshot = usable_snapshot(set(executor.loader.disk_migrations))
    if snapshot is None:
        return False
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        if cursor.fetchone()[0]:
            return False
        for statement in snapshot["statements"]:
            cursor.execute(statement)
        recorder = MigrationRecorder(connection)
        recorder.migration_qs.bulk_create(
            recorder.Migration(app=app, name=name) for app, name in snapshot["migrations"]
        )
    # what `migrate` does after migrating: content types and permissions for every model
    emit_post_migrate_signal(0, False, connection.alias)
    return True


def usable_snapshot(on_disk: set[tuple[str, str]]) -> dict[str, Any] | None:
    """The snapshot, if taken with this Django and all its migrations are still on disk."""
    import django

    snapshot = _read_snapshot()
    if snapshot is None or snapshot.get("django") != django.get_version():
        return None
    if not {(app, name) for app, name in snapshot["migrations"]} <= on_disk:
        return None
    return snapshot


@cache
def _read_snapshot() -> dict[str, Any] | None:
    try:
        return dict(json.loads(SNAPSHOT.read_text("utf-8")))
    except (OSError, ValueError):
        return None


def snapshot_from_migrations() -> dict[str, Any]:
    """Migrate a new, empty SQLite database (in a process of its own, whatever database this
    one uses) and read back its schema and migration records."""
    import django

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.sqlite3"
        env = dict(os.environ, FONDS_DATABASE_URL=f"sqlite:///{path}")
        env["DJANGO_SETTINGS_MODULE"] = "fonds.project.settings"
        migrate = [sys.executable, "-m", "django", "migrate", "--verbosity", "0"]
        subprocess.run(migrate, env=env, cwd=folder, check=True)
        with sqlite3.connect(path) as database:
            statements = [row[0] for row in database.execute(_SCHEMA_OBJECTS)]
            migrations = database.execute("SELECT app, name FROM django_migrations ORDER BY id")
            return {
                "django": django.get_version(),
                "migrations": [list(row) for row in migrations],
                "statements": statements,
            }


def schema_of(path: Path) -> list[str]:
    """The schema objects of an SQLite database, in snapshot order (tests compare them)."""
    with sqlite3.connect(path) as database:
        return [row[0] for row in database.execute(_SCHEMA_OBJECTS)]


def write_snapshot() -> None:
    """Write the snapshot as JSON, one migration and one statement per line (readable diffs)."""
    snapshot = snapshot_from_migrations()

    def lines(items: list[Any]) -> str:
        return ",\n".join(f"  {json.dumps(item, ensure_ascii=False)}" for item in items)

    SNAPSHOT.write_text(
        f'{{\n "django": {json.dumps(snapshot["django"])},\n'
        f' "migrations": [\n{lines(snapshot["migrations"])}\n ],\n'
        f' "statements": [\n{lines(snapshot["statements"])}\n ]\n}}\n',
        "utf-8",
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python -m fonds.project.schema --write")
    write_snapshot()
    print(f"wrote {SNAPSHOT}")
