"""Index entries carry what the visibility gate needs (status, embargo) and facets keyed by
people's and places' ids: the PostgreSQL table is laid out anew, an embedded index with the old
layout is replaced when next opened for writing, and every document is queued, so the next
catch-up rebuilds the index."""

from django.db import migrations

CREATE = """
DROP TABLE IF EXISTS fonds_search_pgentry;
CREATE TABLE fonds_search_pgentry (
    document_pk bigint PRIMARY KEY,
    public_id text NOT NULL,
    title text NOT NULL DEFAULT '',
    summary text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    facets text[] NOT NULL DEFAULT '{}',
    date_start integer NOT NULL DEFAULT 0,
    date_end integer NOT NULL DEFAULT 0,
    status text NOT NULL DEFAULT '',
    embargo_until integer NOT NULL DEFAULT 0,
    vector tsvector NOT NULL
);
CREATE INDEX fonds_search_pgentry_vector ON fonds_search_pgentry USING gin (vector);
CREATE INDEX fonds_search_pgentry_facets ON fonds_search_pgentry USING gin (facets);
CREATE INDEX fonds_search_pgentry_date ON fonds_search_pgentry (date_start);
"""


def relayout(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)
    # (an embedded index with the old layout is replaced by the next catch-up:
    # search.services.writable_backend)
    document = apps.get_model("archive", "Document")
    entry = apps.get_model("fonds_search", "IndexQueueEntry")
    pks = list(document.objects.values_list("pk", flat=True))
    entry.objects.bulk_create([entry(document_pk=pk) for pk in pks], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("fonds_search", "0002_postgres_fulltext"),
        ("archive", "0003_embargo_and_unpublished_permission"),
        ("authorities", "0003_unique_ids_and_name_keys"),
    ]
    operations = [migrations.RunPython(relayout, migrations.RunPython.noop)]
