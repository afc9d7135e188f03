"""Run by tests/config/test_read_replicas.py in its own process, against a primary and its
streaming replica (DATABASE_URL, DATABASE_REPLICA_URLS): Django's settings are made once
per process, from those. Exits non-zero with the reason when something reads from the wrong
server."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from config.replicas import ReaderOnReplicaMiddleware  # noqa: E402
from tests import factories  # noqa: E402
from tests.streaming_replica import wait_for_replay  # noqa: E402


def queries_on_each(fn):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        result = fn()
    return result, len(primary), len(replica)


def check(condition, message):
    if not condition:
        sys.exit(message)


def main():
    call_command("migrate", verbosity=0)
    in_recovery = "SELECT pg_is_in_recovery()"
    with connections["replica1"].cursor() as cursor:
        cursor.execute(in_recovery)
        check(cursor.fetchone()[0], "replica1 is not a standby")

    story = factories.article(headline="Counted on the primary, read from the replica")
    wait_for_replay(os.environ["DATABASE_URL"], os.environ["DATABASE_REPLICA_URLS"])

    reader = Client()
    page, on_primary, on_replica = queries_on_each(lambda: reader.get(story.get_absolute_url()))
    check(page.status_code == 200, f"the story page answered {page.status_code}")
    check("read from the replica" in page.content.decode(), "the story page lacks its story")
    check(on_primary == 0 and on_replica > 0, f"reader: {on_primary} primary, {on_replica} replica")

    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("editor", "e@example.org", "pw"))
    admin_url = f"/admin/archive/article/{story.pk}/change/"
    page, on_primary, on_replica = queries_on_each(lambda: editor.get(admin_url))
    check(page.status_code == 200, f"the admin answered {page.status_code}")
    check(on_replica == 0, f"a signed-in editor read {on_replica} times from the replica")

    def writes_then_reads(request):
        Tag.objects.create(name="made in a reader's request", slug="made-in-request")
        return HttpResponse(str(Tag.objects.filter(slug="made-in-request").exists()))

    answer, on_primary, on_replica = queries_on_each(
        lambda: ReaderOnReplicaMiddleware(writes_then_reads)(RequestFactory().get("/"))
    )
    check(answer.content == b"True", "a read after a write did not see it")
    check(on_replica == 0, "a read after a write went to the replica")
    print("replica reads: ok")


if __name__ == "__main__":
    main()
