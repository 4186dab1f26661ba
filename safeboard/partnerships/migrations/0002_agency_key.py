from django.db import migrations, models
from django.utils.text import slugify


def fill_keys(apps, schema_editor):
    Agency = apps.get_model("partnerships", "Agency")
    taken: dict[int, set[str]] = {}
    for agency in Agency.objects.order_by("pk"):
        used = taken.setdefault(agency.partnership_id, set())
        base = slugify(agency.name)[:76] or "agency"
        key, n = base, 1
        while key in used:
            n += 1
            key = f"{base}-{n}"
        used.add(key)
        agency.key = key
        agency.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="key",
            field=models.SlugField(default="", max_length=80),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalagency",
            name="key",
            field=models.SlugField(default="", max_length=80),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agency",
            name="key",
            field=models.SlugField(
                help_text="A short stable name used in plan files, e.g. police.", max_length=80
            ),
        ),
        migrations.AlterField(
            model_name="historicalagency",
            name="key",
            field=models.SlugField(
                help_text="A short stable name used in plan files, e.g. police.", max_length=80
            ),
        ),
        migrations.AddConstraint(
            model_name="agency",
            constraint=models.UniqueConstraint(
                fields=("partnership", "key"), name="agency_unique_key"
            ),
        ),
    ]
