"""Scheduled publishing: a story with a future publish time stays off every public
page until its time comes, with no job to run; the clock is moved, not the story."""

import datetime
import re

import pytest
from django.utils import timezone

from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

HEADLINE = "Quorvath scheduled scoop on the mayoral count"


@pytest.fixture
def scheduled():
    story = factories.article(
        headline=HEADLINE,
        slug="quorvath-scheduled-scoop",
        body="Quorvath wrote about the count.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(hours=2),
    )
    story.tags.add("quorvath")
    return story


def move_clock(monkeypatch, by):
    real_now = timezone.now
    moment = real_now() + by
    monkeypatch.setattr(timezone, "now", lambda: moment)


def public_paths(story):
    local = timezone.localtime(story.published_at)
    return [
        "/",
        "/stories/",
        f"/stories/{local:%Y}/{local.month}/",
        "/search/?q=quorvath",
        "/tags/quorvath/",
        "/feeds/latest/",
        "/sitemap-stories.xml",
    ]


def test_scheduled_story_is_hidden_until_its_time_then_shown(client, scheduled, monkeypatch):
    detail = scheduled.get_absolute_url()
    assert client.get(detail).status_code == 404
    assert not Article.objects.published().filter(pk=scheduled.pk).exists()

    move_clock(monkeypatch, datetime.timedelta(hours=3))
    assert Article.objects.published().filter(pk=scheduled.pk).exists()
    response = client.get(detail)
    assert response.status_code == 200
    assert HEADLINE in response.content.decode()


@pytest.mark.parametrize("index", range(7))
def test_scheduled_story_stays_off_each_public_list(client, scheduled, monkeypatch, index):
    path = public_paths(scheduled)[index]
    response = client.get(path)
    # A date archive with nothing public yet is a 404; any other page lists without it.
    assert response.status_code in (200, 404), path
    assert "quorvath-scheduled-scoop" not in response.content.decode(), path

    move_clock(monkeypatch, datetime.timedelta(hours=3))
    response = client.get(path)
    assert response.status_code == 200, path
    assert "quorvath-scheduled-scoop" in response.content.decode(), path


def test_the_desk_lists_a_scheduled_story_as_scheduled(admin_client, scheduled, monkeypatch):
    def status_cell():
        page = admin_client.get("/admin/archive/article/").content.decode()
        row = page[page.index(HEADLINE) :]
        return re.search(r'class="field-shown_status">([^<]*)<', row).group(1)

    assert status_cell() == "Scheduled"
    move_clock(monkeypatch, datetime.timedelta(hours=3))
    assert status_cell() == "Published"
