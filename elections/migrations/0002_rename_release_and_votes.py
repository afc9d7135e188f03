"""DESIGN.md's words in the code: a release (was VoteUpdate) and a candidacy's votes in it
(was Tally, a poor name inside a project called Tally). Tables and rows are kept."""

from django.db import migrations

# Permissions made for the old names keep the groups and users that hold them.
RENAMED_PERMISSIONS = {"voteupdate": "release", "tally": "votecount"}


def rename_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for old, new in RENAMED_PERMISSIONS.items():
        for action in ("add", "change", "delete", "view"):
            Permission.objects.filter(
                content_type__app_label="elections", codename=f"{action}_{old}"
            ).update(codename=f"{action}_{new}")


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0001_initial"),
        ("candidates", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Every model pointing at the old names exists before they change.
        ("archive", "0004_article_headline_vector"),
        ("desk", "0001_history"),
    ]

    operations = [
        migrations.RenameModel("VoteUpdate", "Release"),
        migrations.RenameModel("Tally", "VoteCount"),
        migrations.RenameField("votecount", "vote_update", "release"),
        migrations.RunPython(rename_permissions, migrations.RunPython.noop),
    ]
