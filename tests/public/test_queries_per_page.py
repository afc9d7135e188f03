"""Every page type makes the same number of queries with 10 stories as with 100.

The world is linked by real saves (archive.linking), as an editor's stories would be.
"""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
ELECTION_DAY = datetime.date(2024, 3, 5)
RELEASES = [
    (datetime.datetime(2024, 3, 5, 21, 0, tzinfo=LA), 12_345, 11_002),
    (datetime.datetime(2024, 3, 6, 17, 0, tzinfo=LA), 40_120, 41_877),
    (datetime.datetime(2024, 3, 8, 17, 0, tzinfo=LA), 80_514, 83_090),
]
FIRST_STORY = datetime.datetime(2024, 3, 6, 8, 0, tzinfo=LA)


def build_world(story_count, ballots_alone=False):
    alma = factories.candidate(name="Alma Reyes", slug="alma-reyes", press_names=["Reyes"])
    boris = factories.candidate(name="Boris Lund", slug="boris-lund", press_names=["Lund"])
    election = factories.election(
        jurisdiction="Riverton", office="Mayor", date=ELECTION_DAY, slug="riverton-mayor-2024"
    )
    candidacies = [
        factories.candidacy(candidate=alma, election=election),
        factories.candidacy(candidate=boris, election=election),
    ]
    for released_at, *votes in RELEASES:
        release = factories.release(
            election=election, released_at=released_at, ballots_counted=sum(votes) + 500
        )
        for candidacy, count in zip(candidacies, votes, strict=True):
            factories.vote_count(release=release, candidacy=candidacy, votes=count)
    if ballots_alone:
        # Numbered 4, timed between the second and third: stories fall after it.
        factories.release(
            election=election,
            released_at=datetime.datetime(2024, 3, 7, 12, 0, tzinfo=LA),
            ballots_remaining=40_000,
        )
    publication = factories.publication(name="Riverton Ledger", slug="riverton-ledger")
    # Spread evenly over ten days whatever the count, so each page has stories at both sizes.
    step = datetime.timedelta(days=10) / story_count
    for i in range(story_count):
        story = factories.article(
            headline=f"Count update {i}",
            slug=f"count-update-{i}",
            publication=publication,
            published_at=FIRST_STORY + i * step,
            body="Alma Reyes had 40,120 votes to 41,877 for Boris Lund.\n\nReyes said more "
            "ballots were coming.",
        )
        story.tags.add("vote count")
    return Article.objects.get(slug="count-update-0")


# Pinned: a change here means a page now queries per row, or a query was added on purpose.
# (Year and month archives spend two on Django's next/previous period links; the story
# page two on its structured-data meta tags and one on its corrections.)
PAGES = {
    "home": ("/", 7),
    "stories": ("/stories/", 2),
    "year": ("/stories/2024/", 5),
    "month": ("/stories/2024/03/", 5),
    "day": ("/stories/2024/03/06/", 6),
    "story": (None, 8),
    "tag": ("/tags/vote-count/", 2),
    "candidates": ("/candidates/", 3),
    "candidate": ("/candidates/alma-reyes/", 5),
    "elections": ("/elections/", 6),
    "election": ("/elections/riverton-mayor-2024/", 6),
    "release": ("/elections/riverton-mayor-2024/updates/2/", 4),
}


@pytest.mark.parametrize("story_count", [10, 100])
def test_queries_per_page_do_not_grow_with_stories(client, story_count):
    first = build_world(story_count)
    assert first.candidate_links.count() == 2, "the linker should link both candidates"
    counted = {}
    for page, (url, _) in PAGES.items():
        url = url or first.get_absolute_url()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if page not in ("candidates", "elections"):
            assert b"Count update" in response.content, url
        counted[page] = len(queries)
    assert counted == {page: queries for page, (_, queries) in PAGES.items()}


def test_a_release_of_ballots_alone_costs_no_query_more(client):
    first = build_world(10, ballots_alone=True)
    pages = {**PAGES, "ballots alone": ("/elections/riverton-mayor-2024/updates/4/", 4)}
    counted = {}
    for page, (url, _) in pages.items():
        url = url or first.get_absolute_url()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counted[page] = len(queries)
    assert counted == {page: queries for page, (_, queries) in pages.items()}
