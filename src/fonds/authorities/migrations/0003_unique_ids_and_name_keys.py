"""Public ids are unique; a person known only by name is one person per name key. (Apart from
0002, whose data changes PostgreSQL must commit before these tables are altered.)"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("authorities", "0002_public_ids")]

    operations = [
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
