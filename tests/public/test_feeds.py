"""RSS and Atom feeds: they parse cleanly, and only public stories appear."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from archive.models import Article
from tests import factories
from tests.demo_releases import CERTIFIED, at

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/latest/",
    "/candidates/karen-bass/feed/",
    "/elections/los-angeles-mayor-2022-11-08/feed/",
    "/tags/vote-count/feed/",
]


@pytest.fixture
def hidden(demo):
    """A draft and a scheduled story that would match every feed if they leaked."""
    body = "Karen Bass and Rick Caruso traded leads as the count went on for the mayor's race."
    draft = factories.article(
        headline="HIDDEN draft story", body=body, status=Article.Status.DRAFT, published_at=None
    )
    future = factories.article(
        headline="HIDDEN scheduled story",
        body=body,
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    for story in (draft, future):
        story.tags.add("vote count")
    return draft, future


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize("flavour", ["", "atom/"])
def test_feeds_parse_and_hide_drafts_and_scheduled_stories(client, hidden, url, flavour):
    response, feed = parse(client, url + flavour)
    expected = "atom" if flavour else "rss"
    assert feed.version.startswith(expected), feed.version
    assert response["Content-Type"].startswith(f"application/{expected}+xml")
    titles = [entry.title for entry in feed.entries]
    assert titles, url
    assert not [t for t in titles if "HIDDEN" in t]


def test_latest_feed_lists_newest_public_stories_first(client, demo):
    _, feed = parse(client, "/feeds/latest/")
    expected = list(Article.objects.published().values_list("headline", flat=True)[:30])
    assert [e.title for e in feed.entries] == expected
    first = Article.objects.published().first()
    assert feed.entries[0].link == "http://testserver" + first.get_absolute_url()


def test_candidate_feed_lists_only_stories_naming_the_candidate(client, demo):
    _, feed = parse(client, "/candidates/austin-beutner/feed/")
    titles = {e.title for e in feed.entries}
    expected = set(
        Article.objects.published()
        .filter(candidate_links__candidate__slug="austin-beutner")
        .values_list("headline", flat=True)
    )
    assert titles == expected and expected


def test_election_feed_interleaves_stories_and_releases(client, demo):
    _, feed = parse(client, "/elections/los-angeles-mayor-2022-11-08/feed/")
    titles = [e.title for e in feed.entries]
    release_titles = [t for t in titles if t.startswith("Count release")]
    final = at(CERTIFIED)
    assert f"Count release {final.number}: Karen Bass 54.83%, Rick Caruso 45.17%" in release_titles
    assert len(release_titles) < len(titles)
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    release = next(e for e in feed.entries if e.title.startswith(f"Count release {final.number}:"))
    assert release.link.endswith(final.get_absolute_url())


def test_unknown_candidate_election_or_tag_feed_is_404(client, db):
    for url in ("/candidates/nobody/feed/", "/elections/nowhere/feed/", "/tags/nothing/feed/"):
        assert client.get(url).status_code == 404


def test_a_story_holding_characters_xml_cannot_carry_still_has_a_feed(client, db):
    factories.article(headline="Vote\x0bcount\x1f update", byline="Ana\x08 Ruiz")
    for url in ("/feeds/latest/", "/feeds/latest/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.entries[0].title == "Votecount update"


def test_a_story_description_is_plain_text_to_feed_readers(client, demo):
    factories.article(
        headline="Markup in a standfirst", dek='Caruso <img src=x onerror="alert(1)"> & Bass'
    )
    feed = feedparser.parse(client.get("/feeds/latest/").content)
    [entry] = [e for e in feed.entries if e.title == "Markup in a standfirst"]
    # feedparser gives the description as the HTML a reader would render: the text, no
    # element.
    assert "<img" not in entry.summary
    assert entry.summary == "Caruso &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Bass"
