"""History tables follow the models' new names (see elections 0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_history"),
        ("elections", "0002_rename_release_and_votes"),
    ]

    operations = [
        migrations.RenameModel("HistoricalVoteUpdate", "HistoricalRelease"),
        migrations.RenameModel("HistoricalTally", "HistoricalVoteCount"),
        migrations.RenameField("historicalvotecount", "vote_update", "release"),
    ]
