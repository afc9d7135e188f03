"""A story's address is built without the URL resolver (archive.models.stories.story_path):
it must be the address the resolver gives and the one that answers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["bass-leads", "x_1"])
@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2022, 11, 9, 7, 30),  # 11:30 p.m. on the 8th, the newsroom's day
        datetime.datetime(2026, 1, 1, 12, 0),
    ],
)
def test_a_storys_address_is_the_resolvers_and_it_answers(client, slug, moment):
    story = factories.article(slug=slug, published_at=moment.replace(tzinfo=datetime.UTC))
    local = timezone.localtime(story.published_at)
    expected = reverse(
        "archive:story_detail",
        kwargs={"year": local.year, "month": local.month, "day": local.day, "slug": slug},
    )
    assert story.get_absolute_url() == expected
    assert client.get(expected).status_code == 200
    listing = client.get("/stories/").content.decode()
    assert f'href="{expected}"' in listing
