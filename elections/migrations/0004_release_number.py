"""A release's number is stored, so its address never moves: releases stored before
are numbered as their addresses numbered them, in time order within each election."""

from django.db import migrations, models

NUMBER_IN_TIME_ORDER = """
UPDATE elections_release AS r SET number = n.number
FROM (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY election_id ORDER BY released_at) AS number
    FROM elections_release
) AS n
WHERE n.id = r.id
"""


class Migration(migrations.Migration):
    dependencies = [("elections", "0003_release_and_votes_names")]

    operations = [
        migrations.AddField(
            model_name="release",
            name="number",
            field=models.PositiveIntegerField(null=True, editable=False),
        ),
        migrations.RunSQL(NUMBER_IN_TIME_ORDER, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="release",
            name="number",
            field=models.PositiveIntegerField(
                editable=False,
                help_text="Its place in its election's releases when it was entered, from 1. "
                "Part of its address, so it never changes: a release added later for an "
                "earlier time takes the next number.",
            ),
        ),
        migrations.AddConstraint(
            model_name="release",
            constraint=models.UniqueConstraint(
                fields=["election", "number"], name="release_number_once"
            ),
        ),
    ]
