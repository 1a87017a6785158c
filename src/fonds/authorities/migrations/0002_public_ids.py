"""People and places get stable public ids (derived from what identifies them, as document ids
are); a person known only by name is one person per name key."""

from django.db import migrations, models

from fonds.core.identifiers import public_id_for


def _fill(model, identity):  # type: ignore[no-untyped-def]
    taken: set[str] = set()
    for row in model.objects.order_by("pk"):
        attempt, candidate = 0, public_id_for(identity(row))
        while candidate in taken:
            attempt += 1
            candidate = public_id_for(identity(row), attempt)
        taken.add(candidate)
        row.public_id = candidate
        row.save(update_fields=["public_id"])


def fill_ids(apps, schema_editor):  # type: ignore[no-untyped-def]
    def person(row):  # type: ignore[no-untyped-def]
        if row.authority_key:
            return f"person-authority:{row.authority_key}"
        return f"person-name:{row.name_key}"

    _fill(apps.get_model("authorities", "Person"), person)
    _fill(apps.get_model("authorities", "Place"), lambda row: f"place:{row.name_key}")


class Migration(migrations.Migration):
    dependencies = [("authorities", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="public_id",
            field=models.CharField(default="", editable=False, max_length=16),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="place",
            name="public_id",
            field=models.CharField(default="", editable=False, max_length=16),
            preserve_default=False,
        ),
        migrations.RunPython(fill_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="public_id",
            field=models.CharField(editable=False, max_length=16, unique=True),
        ),
        migrations.AlterField(
            model_name="place",
            name="public_id",
            field=models.CharField(editable=False, max_length=16, unique=True),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                condition=models.Q(("authority_key", "")),
                fields=("name_key",),
                name="unique_person_name_key",
            ),
        ),
    ]
