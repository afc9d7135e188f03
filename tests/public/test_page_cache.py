"""Public pages come from the shared cache until something they show changes."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from archive.models import Article
from candidates.models import Candidate
from elections.models import Election, VoteCount
from public import page_cache as pages
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


# What a browser is told: keep a copy, but ask each time; and a shared proxy or CDN, which
# hears of no change: keep it a few seconds (see public/page_cache.py).
ASK_EACH_TIME = {"public", "max-age=0", "s-maxage=5", "stale-while-revalidate=30"}


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


GENERAL = "/elections/los-angeles-mayor-2022-11-08/"
PRIMARY_2026 = "/elections/los-angeles-mayor-2026-06-02/"


def new_count_of_the_general(**kw):
    general = Election.objects.get(slug="los-angeles-mayor-2022-11-08")
    latest = general.releases.order_by("-released_at").first()
    bass, caruso = (Candidate.objects.get(slug=s) for s in ("karen-bass", "rick-caruso"))
    return factories.release(
        election=general,
        released_at=latest.released_at + datetime.timedelta(hours=1),
        votes={bass: 999_001, caruso: 888_002},
        **kw,
    )


def test_a_release_forgets_only_the_pages_that_show_its_contest(
    client, page_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    elsewhere = "/stories/2025/12/15/bass-opens-re-election-bid/"
    for url in ("/", GENERAL, PRIMARY_2026, elsewhere, "/stories/"):
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        new_count_of_the_general()
    # The other contest's page, a story that does not show this count, and a list of
    # stories come from the cache as they were.
    with django_assert_num_queries(0):
        for url in (PRIMARY_2026, elsewhere, "/stories/"):
            assert client.get(url).status_code == 200
    # The contest's own page shows it; the home page, which sums up contests, is built again.
    assert "999,001" in client.get(GENERAL).content.decode()
    with CaptureQueriesContext(connection) as home:
        client.get("/")
    assert len(home) > 0


def test_a_story_that_shows_the_count_is_built_again(
    client, page_cache, django_capture_on_commit_callbacks
):
    url = story().get_absolute_url()
    assert "999,001" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        new_count_of_the_general(is_final=True)  # the story shows the final count
    assert "999,001" in client.get(url).content.decode()


def test_while_one_worker_rebuilds_a_changed_page_the_others_serve_the_old_copy(
    client, page_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    assert "273,941" in client.get(GENERAL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        VoteCount.objects.filter(votes=273941).update(votes=273942)
    # Another worker took the rebuild.
    lock = pages.LOCK_PREFIX + pages._key(RequestFactory().get(GENERAL))
    assert cache.add(lock, True)
    with django_assert_num_queries(0):
        during = client.get(GENERAL).content.decode()
    assert "273,941" in during
    cache.delete(lock)  # it gave up (a rebuild that finished would have stored its page)
    after = client.get(GENERAL).content.decode()
    assert "273,942" in after and "273,941" not in after


def test_a_page_lost_from_the_cache_tags_is_not_taken_as_fresh(
    client, page_cache, django_capture_on_commit_callbacks
):
    assert "273,941" in client.get(GENERAL).content.decode()
    VoteCount.objects.filter(votes=273941).update(votes=273942)
    # A write no stamp reached, then the cache lost its stamps (a restarted server).
    cache.delete_many([k.split(":", 2)[2] for k in cache._cache if "tally:tag:" in k])
    assert "273,942" in client.get(GENERAL).content.decode()


def test_pages_name_what_they_show_for_a_cdn(client, page_cache):
    assert set(client.get(GENERAL)["Cache-Tag"].split(",")) == {
        "site",
        "stories",
        f"election:{Election.objects.get(slug='los-angeles-mayor-2022-11-08').pk}",
    }
    assert set(client.get("/")["Cache-Tag"].split(",")) == {"site", "counts", "stories"}
