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


def merge_namesakes(apps, schema_editor):  # type: ignore[no-untyped-def]
    """People known only by name, twice under one name key (two ingests at once could make
    them): the first keeps the documents and name forms of the others, which go."""
    person = apps.get_model("authorities", "Person")
    link = apps.get_model("archive", "DocumentPerson")
    name = apps.get_model("authorities", "PersonName")
    keys = (
        person.objects.filter(authority_key="")
        .values("name_key")
        .annotate(n=models.Count("pk"))
        .filter(n__gt=1)
        .values_list("name_key", flat=True)
    )
    for key in list(keys):
        keeper, *others = person.objects.filter(authority_key="", name_key=key).order_by("pk")
        for other in others:
            for row in link.objects.filter(person=other):
                taken = link.objects.filter(document=row.document_id, person=keeper, role=row.role)
                if taken.exists():
                    row.delete()
                else:
                    row.person = keeper
                    row.save(update_fields=["person"])
            for form in name.objects.filter(person=other):
                name.objects.get_or_create(person=keeper, name=form.name)
            if other.name != keeper.name:
                name.objects.get_or_create(person=keeper, name=other.name)
            other.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0001_initial"),
        ("archive", "0002_links_indexed_by_their_unique_constraint"),
    ]

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
        migrations.RunPython(merge_namesakes, migrations.RunPython.noop),
        migrations.RunPython(fill_ids, migrations.RunPython.noop),
    ]
