"""The PostgreSQL full-text table (search/backends/postgres_backend.py). Created only on
PostgreSQL; other databases use an embedded engine and need no table."""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS fonds_search_pgentry (
    document_pk bigint PRIMARY KEY,
    public_id text NOT NULL,
    title text NOT NULL DEFAULT '',
    summary text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    people text[] NOT NULL DEFAULT '{}',
    places text[] NOT NULL DEFAULT '{}',
    topics text[] NOT NULL DEFAULT '{}',
    languages text[] NOT NULL DEFAULT '{}',
    year integer,
    date_start integer NOT NULL DEFAULT 0,
    date_end integer NOT NULL DEFAULT 0,
    vector tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS fonds_search_pgentry_vector ON fonds_search_pgentry USING gin (vector);
CREATE INDEX IF NOT EXISTS fonds_search_pgentry_people ON fonds_search_pgentry USING gin (people);
CREATE INDEX IF NOT EXISTS fonds_search_pgentry_places ON fonds_search_pgentry USING gin (places);
CREATE INDEX IF NOT EXISTS fonds_search_pgentry_date ON fonds_search_pgentry (date_start);
"""


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS fonds_search_pgentry")


class Migration(migrations.Migration):
    dependencies = [("fonds_search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
