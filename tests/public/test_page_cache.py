"""Public pages come from the shared cache until something they show changes."""

import pytest
from django.core.cache import cache

from archive.models import Article
from elections.models import VoteCount
from public.views.stories import STORIES_PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, demo):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def story():
    return Article.objects.get(slug="bass-narrows-gap-thursday-count")


def cache_control(response):
    return set(response["Cache-Control"].split(", "))


# What a browser or proxy is told: keep a copy, but ask each time (see public/page_cache.py).
ASK_EACH_TIME = {"public", "max-age=0", "must-revalidate"}


def cached_pages():
    return [key for key in cache._cache if "tally:page:" in key]


@pytest.fixture
def two_pages_of_a_tag():
    """/tags/recounted/, whose second page shows the oldest story, "The first recount"."""
    for n in range(STORIES_PER_PAGE + 1):
        # The factory makes each story an hour older than the one before.
        headline = "The first recount" if n == STORIES_PER_PAGE else f"Recount story {n}"
        factories.article(headline=headline).tags.add("recounted")
    return "/tags/recounted/"


def test_second_view_is_served_without_the_database(client, page_cache, django_assert_num_queries):
    url = story().get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content


def test_pages_tell_browsers_to_ask_each_time(client, page_cache):
    url = story().get_absolute_url()
    first, second = client.get(url), client.get(url)
    assert cache_control(first) == cache_control(second) == ASK_EACH_TIME
    assert first["ETag"] == second["ETag"]


def test_with_the_cache_off_pages_tell_browsers_the_same(client, demo):
    url = story().get_absolute_url()
    page = client.get(url)
    assert cache_control(page) == ASK_EACH_TIME
    assert client.get(url, headers={"if-none-match": page["ETag"]}).status_code == 304


def test_asking_again_gets_not_modified_from_the_cache(
    client, page_cache, django_assert_num_queries
):
    url = story().get_absolute_url()
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        again = client.get(url, headers={"if-none-match": etag})
        other = client.get(url, headers={"if-none-match": '"some-older-page"'})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and cache_control(again) == ASK_EACH_TIME
    assert other.status_code == 200 and "Bass narrows the gap" in other.content.decode()


def test_an_edit_shows_at_once(client, page_cache, django_capture_on_commit_callbacks):
    item = story()
    before = client.get(item.get_absolute_url())
    assert "Bass narrows the gap" in before.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        item.headline = "Bass within 2,695 votes"
        item.save()
    assert "Bass within 2,695 votes" in client.get(item.get_absolute_url()).content.decode()
    # A browser holding the page from before the edit gets the new one, not a 304.
    again = client.get(item.get_absolute_url(), headers={"if-none-match": before["ETag"]})
    assert again.status_code == 200 and "Bass within 2,695 votes" in again.content.decode()


def test_a_corrected_count_shows_at_once(client, page_cache, django_capture_on_commit_callbacks):
    url = "/elections/los-angeles-mayor-2022-11-08/"
    assert "273,941" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        vote_count = VoteCount.objects.get(votes=273941)
        vote_count.votes = 273942
        vote_count.save()
    page = client.get(url).content.decode()
    assert "273,942" in page and "273,941" not in page


def test_a_cached_export_keeps_its_headers(client, page_cache, django_assert_num_queries):
    url = "/elections/los-angeles-mayor-2022-11-08/results.csv"
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert second["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        second["Content-Disposition"]
        == 'inline; filename="los-angeles-mayor-2022-11-08-results.csv"'
    )


def test_signed_in_staff_bypass_the_cache(client, page_cache, admin_user):
    url = story().get_absolute_url()
    client.get(url)
    client.force_login(admin_user)
    Article.objects.filter(pk=story().pk).update(headline="Changed behind the cache's back")
    assert "Changed behind the cache" in client.get(url).content.decode()


def test_only_successful_pages_are_cached(client, page_cache):
    assert client.get("/tags/no-such-tag/").status_code == 404
    assert cached_pages() == []
    assert client.get("/").status_code == 200
    assert len(cached_pages()) == 1


def test_parameters_a_page_does_not_read_share_its_entry(
    client, page_cache, two_pages_of_a_tag, django_assert_num_queries
):
    url = two_pages_of_a_tag
    first = client.get(f"{url}?utm_source=a")
    assert "The first recount" not in first.content.decode()
    with django_assert_num_queries(0):
        assert client.get(f"{url}?utm_source=b").content == first.content
        assert client.get(url).content == first.content
    assert len(cached_pages()) == 1

    second_page = client.get(f"{url}?page=2&utm_source=a")
    assert "The first recount" in second_page.content.decode()
    with django_assert_num_queries(0):
        assert client.get(f"{url}?utm_source=b&page=2").content == second_page.content
    assert len(cached_pages()) == 2


def test_links_on_a_page_carry_no_parameter_it_does_not_read(client, two_pages_of_a_tag):
    # With the cache off too: a page is the same whichever address asked for it first.
    page = client.get(f"{two_pages_of_a_tag}?utm_source=a&page=1")
    assert '<a rel="next" href="?page=2">Next page →</a>' in page.content.decode()
