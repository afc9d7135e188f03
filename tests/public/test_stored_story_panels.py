"""A story's count panels (the count it saw, the count now, what changed since) come from
what the store task built with each contest's count, and are the panels built from the
votes: a story page loads no vote where its contests' counts are stored, and a change not
stored yet shows at once (public.story_panels, public.stored_counts)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from elections.models import Candidacy, Election, VoteCount
from public import stored_counts
from public.models import StoredCount
from tests import factories

pytestmark = pytest.mark.django_db

TUESDAY = timezone.make_aware(datetime.datetime(2022, 11, 8, 22, 0))
WEDNESDAY = timezone.make_aware(datetime.datetime(2022, 11, 9, 9, 0))
THURSDAY = timezone.make_aware(datetime.datetime(2022, 11, 10, 16, 0))
FRIDAY = timezone.make_aware(datetime.datetime(2022, 11, 11, 16, 0))


@pytest.fixture
def race():
    election = factories.election(slug="river-city-mayor", status=Election.Status.COUNTING)
    ada = factories.candidate(name="Ada <b>Okafor</b>", slug="ada-okafor")
    ben = factories.candidate(name="Ben Lund", slug="ben-lund")
    for person in (ada, ben):
        factories.candidacy(election=election, candidate=person)
    return election, ada, ben


def story(published_at, slug):
    return factories.article(
        headline=f"Okafor and Lund, {slug}",
        slug=slug,
        body="Ada Okafor and Ben Lund, in the race for mayor.",
        published_at=published_at,
    )


def page(client, article):
    """The story page, and whether building it read any vote."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    read_votes = any("elections_votecount" in q["sql"] for q in queries.captured_queries)
    return response.content.decode(), read_votes


def stored_and_afresh(client, election, article):
    stored_counts.store([election.pk])
    from_store, read_votes = page(client, article)
    assert not read_votes
    StoredCount.objects.all().delete()
    afresh, read_votes = page(client, article)
    assert read_votes
    assert from_store == afresh
    return from_store


def test_a_story_overtaken_by_a_new_leader_reads_the_same_from_the_store(client, race):
    election, ada, ben = race
    factories.release(election=election, released_at=TUESDAY, votes={ada: 12345, ben: 11002})
    article = story(WEDNESDAY, "overtaken")
    factories.release(election=election, released_at=THURSDAY, votes={ada: 20100, ben: 20400})

    shown = stored_and_afresh(client, election, article)
    assert "The lead changed: Ada &lt;b&gt;Okafor&lt;/b&gt; led when this was published" in shown
    assert "12,345" in shown and "20,400" in shown
    assert "was ahead by" in shown  # the count it saw, superseded
    assert shown.count("<b>Okafor") == 0


def test_a_story_whose_count_is_still_the_latest_reads_the_same_from_the_store(client, race):
    election, ada, ben = race
    factories.release(election=election, released_at=TUESDAY, votes={ada: 12345, ben: 11002})
    article = story(WEDNESDAY, "still-latest")

    shown = stored_and_afresh(client, election, article)
    assert "No newer count: the count above is still the latest." in shown
    assert 'class="since"' not in shown
    assert "embed.svg" in shown


def test_a_story_before_the_first_count_reads_the_same_from_the_store(client, race):
    election, ada, ben = race
    article = story(TUESDAY - datetime.timedelta(hours=3), "before-the-count")
    factories.release(election=election, released_at=TUESDAY, votes={ada: 12345, ben: 11002})

    shown = stored_and_afresh(client, election, article)
    assert "No results had been released when this story was published." in shown
    assert "release 1, came out on Nov. 8, 2022, after this story." in shown


def test_a_story_that_saw_only_ballots_reads_the_same_from_the_store(client, race):
    election, ada, ben = race
    factories.release(election=election, released_at=TUESDAY, votes={ada: 12345, ben: 11002})
    factories.release(
        election=election, released_at=TUESDAY + datetime.timedelta(hours=2), ballots_remaining=9000
    )
    article = story(WEDNESDAY, "ballots-alone")

    shown = stored_and_afresh(client, election, article)
    assert "The latest release then gave no votes, only 9,000 ballots left to count." in shown
    assert "Embed this count" not in shown


def test_a_race_won_after_the_story_reads_the_same_from_the_store(client, race):
    election, ada, ben = race
    factories.release(election=election, released_at=TUESDAY, votes={ada: 12345, ben: 11002})
    article = story(WEDNESDAY, "won-since")
    factories.release(
        election=election, released_at=FRIDAY, votes={ada: 30000, ben: 41000}, is_final=True
    )
    Candidacy.objects.filter(election=election, candidate=ben).update(outcome="elected")
    election.status, election.called_by, election.called_at = "called", "The Wire", FRIDAY
    election.save()

    shown = stored_and_afresh(client, election, article)
    assert "Ben Lund won; The Wire called the race on Nov. 11, 2022." in shown
    assert "Final result" in shown


def test_a_count_corrected_before_its_task_runs_shows_at_once_under_the_story(client, race):
    election, ada, ben = race
    factories.release(election=election, released_at=TUESDAY, votes={ada: 12345, ben: 11002})
    article = story(WEDNESDAY, "corrected")
    stored_counts.store([election.pk])
    assert "12,345" in page(client, article)[0]

    VoteCount.objects.filter(candidacy__candidate=ada).update(votes=13000)

    shown, read_votes = page(client, article)
    assert read_votes
    assert "13,000" in shown and "12,345" not in shown
