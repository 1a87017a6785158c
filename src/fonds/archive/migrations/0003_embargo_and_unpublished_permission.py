"""Documents can be embargoed until a day; curators hold a permission to see unpublished work."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_links_indexed_by_their_unique_constraint")]

    operations = [
        migrations.AlterModelOptions(
            name="document",
            options={
                "ordering": ["-date_start", "title"],
                "permissions": [("view_unpublished", "Can see drafts and embargoed documents")],
            },
        ),
        migrations.AddField(
            model_name="document",
            name="embargo_until",
            field=models.DateField(
                blank=True,
                help_text="Hidden from the public until this day, even when published.",
                null=True,
            ),
        ),
    ]
