"""History keeps each version's tag ids, so a restored story gets its tags back. Versions
recorded before are given their story's tags as they are now, where the story still exists."""

import django.contrib.postgres.fields
from django.db import migrations, models

CURRENT_TAGS = """
UPDATE desk_historicalarticle AS h SET tag_ids = a.tag_ids
FROM archive_article AS a WHERE a.id = h.id
"""


class Migration(migrations.Migration):
    dependencies = [("desk", "0006_times_in_range")]

    operations = [
        migrations.AddField(
            model_name="historicalarticle",
            name="tag_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.IntegerField(), blank=True, default=list, editable=False
            ),
        ),
        migrations.RunSQL(CURRENT_TAGS, migrations.RunSQL.noop),
    ]
