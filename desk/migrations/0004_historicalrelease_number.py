"""History of releases keeps their stored number (see elections 0004)."""

from django.db import migrations, models

NUMBERS_FROM_RELEASES = """
UPDATE desk_historicalrelease AS h SET number = r.number
FROM elections_release AS r WHERE r.id = h.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0003_release_history_names"),
        ("elections", "0004_release_number"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalrelease",
            name="number",
            field=models.PositiveIntegerField(
                default=0,
                editable=False,
                help_text="Its place in its election's releases when it was entered, from 1. "
                "Part of its address, so it never changes: a release added later for an "
                "earlier time takes the next number.",
            ),
            preserve_default=False,
        ),
        migrations.RunSQL(NUMBERS_FROM_RELEASES, migrations.RunSQL.noop),
    ]
