import datetime

import pytest
from django.utils import timezone

from archive.models import ArticleElection
from elections.models import Election
from tests import factories

pytestmark = pytest.mark.django_db


def test_home_lists_published_stories_newest_first(client):
    now = timezone.now()
    factories.article(headline="Older story", published_at=now - datetime.timedelta(days=2))
    factories.article(headline="Newer story", published_at=now - datetime.timedelta(hours=1))
    page = client.get("/").content.decode()
    assert page.index("Newer story") < page.index("Older story")


def test_home_hides_drafts_and_scheduled_stories(client):
    factories.article(headline="Visible story")
    factories.article(headline="Draft story", status="draft")
    factories.article(
        headline="Scheduled story", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    page = client.get("/").content.decode()
    assert "Visible story" in page
    assert "Draft story" not in page
    assert "Scheduled story" not in page


def test_headlines_are_escaped(client):
    factories.article(headline="<script>alert(1)</script>")
    page = client.get("/").content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_healthz_answers_after_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_home_shows_the_covered_contests_first_and_only_a_few_of_a_countys_hundreds(client, db):
    covered = factories.election(
        jurisdiction="Zedville", office="Mayor", status=Election.Status.COUNTING
    )
    for n in range(6):
        factories.election(jurisdiction=f"Avalon {n}", status=Election.Status.COUNTING)
    story = factories.article(body="The count goes on.")
    ArticleElection.objects.create(article=story, election=covered, origin="editor")
    page = client.get("/").content.decode()
    counting = page[page.index("Elections now counting") :]
    assert counting.count('class="card election-card"') == 4
    assert counting.index("Zedville Mayor") < counting.index("Avalon")
