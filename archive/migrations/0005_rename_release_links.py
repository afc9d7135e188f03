"""A story's links to releases take the release's new name (see elections 0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_article_headline_vector"),
        ("elections", "0002_rename_release_and_votes"),
    ]

    operations = [
        migrations.RenameModel("ArticleVoteUpdate", "ArticleRelease"),
        migrations.RenameField("articlerelease", "vote_update", "release"),
        migrations.RenameField("article", "vote_updates", "releases"),
    ]
