"""A story whose race moved on after it was published says so at its top: the lead
changed, the race was called or certified, the count it saw was superseded; with a link
to the count now. A story whose count is still the latest says nothing."""

import datetime

import pytest
from django.utils import timezone

from archive.models import Article
from elections.models import Candidacy, Election
from tests import factories

pytestmark = pytest.mark.django_db

TUESDAY = timezone.make_aware(datetime.datetime(2022, 11, 8, 22, 0))
WEDNESDAY = timezone.make_aware(datetime.datetime(2022, 11, 9, 9, 0))
THURSDAY = timezone.make_aware(datetime.datetime(2022, 11, 10, 16, 0))
FRIDAY = timezone.make_aware(datetime.datetime(2022, 11, 11, 16, 0))


def notice(client, story):
    """The text of the story's "since" notice, or None."""
    page = client.get(story.get_absolute_url()).content.decode()
    if 'class="since"' not in page:
        return None
    start = page.index('class="since"')
    return page[start : page.index("</aside>", start)]


@pytest.fixture
def race():
    election = factories.election(slug="river-city-mayor", status=Election.Status.COUNTING)
    ada = factories.candidate(name="Ada <b>Okafor</b>", slug="ada-okafor")
    ben = factories.candidate(name="Ben Lund", slug="ben-lund")
    for person in (ada, ben):
        factories.candidacy(election=election, candidate=person)
    factories.release(election=election, released_at=TUESDAY, votes={ada: 12345, ben: 11002})
    story = factories.article(
        headline="Okafor ahead",
        body="Ada Okafor led Ben Lund on election night.",
        published_at=WEDNESDAY,
    )
    return election, ada, ben, story


def test_no_notice_while_the_count_the_story_saw_is_the_latest(client, race):
    *_, story = race
    assert notice(client, story) is None


def test_a_later_count_with_a_new_leader_says_the_lead_changed(client, race):
    election, ada, ben, story = race
    factories.release(election=election, released_at=THURSDAY, votes={ada: 20100, ben: 20400})
    text = notice(client, story)
    assert "The lead changed: Ada &lt;b&gt;Okafor&lt;/b&gt; led when this was published; " in text
    assert "Ben Lund leads now." in text
    assert "The latest count is release 2, of Nov. 10, 2022." in text
    assert f'href="{election.get_absolute_url()}">See the count now' in text
    assert "called" not in text and "certified" not in text


def test_a_later_count_with_the_same_leader_says_only_that_it_was_updated(client, race):
    election, ada, ben, story = race
    factories.release(election=election, released_at=THURSDAY, votes={ada: 20500, ben: 20400})
    text = notice(client, story)
    assert "The count has been updated since this story was published." in text
    assert "lead changed" not in text


def test_a_race_called_after_the_story_names_the_winner_and_who_called_it(client, race):
    election, ada, ben, story = race
    factories.release(election=election, released_at=FRIDAY, votes={ada: 30000, ben: 41000})
    Candidacy.objects.filter(election=election, candidate=ben).update(outcome="elected")
    election.status, election.called_by, election.called_at = "called", "The Wire", FRIDAY
    election.save()
    text = notice(client, story)
    assert "Ben Lund won; The Wire called the race on Nov. 11, 2022." in text
    assert text.index("won;") < text.index("The lead changed")


def test_a_call_made_before_the_story_is_no_news_to_it(client, race):
    election, ada, ben, story = race
    factories.release(election=election, released_at=FRIDAY, votes={ada: 30000, ben: 21000})
    Candidacy.objects.filter(election=election, candidate=ada).update(outcome="elected")
    election.status, election.called_by = "called", "The Wire"
    election.called_at = TUESDAY + datetime.timedelta(hours=1)
    election.save()
    text = notice(client, story)
    assert "called" not in text and "won" not in text
    assert "The count has been updated since this story was published." in text


def test_the_demo_early_count_story_learns_that_bass_won(client, demo):
    story = Article.objects.get(slug="caruso-holds-early-edge-over-bass")
    text = notice(client, story)
    assert "Karen Bass won; the result is now certified." in text
    assert "The lead changed: Rick Caruso led when this was published; " in text
    assert "Karen Bass finished ahead." in text
    assert "The final count is release" in text
    later = Article.objects.get(slug="caruso-and-bass-bound-for-runoff")
    assert notice(client, later) is None
