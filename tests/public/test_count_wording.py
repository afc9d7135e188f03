"""How a count is put into words where the plain reading would mislead: a lead that gains
votes but loses share, a top-two primary where both advance, two rivals with one surname,
a count the story saw that is still the latest, a release followed only by ballots, a
story that saw a release of ballots later than the latest votes."""

import datetime

import pytest
from django.utils import timezone

from elections.models import Candidacy, Election
from tests import factories

pytestmark = pytest.mark.django_db

NIGHT = timezone.make_aware(datetime.datetime(2022, 11, 8, 21, 0))


def hours(n):
    return NIGHT + datetime.timedelta(hours=n)


def race(*names, **kw):
    election = factories.election(status=Election.Status.COUNTING, **kw)
    people = []
    for name in names:
        person = factories.candidate(name=name, slug=name.lower().replace(" ", "-"))
        factories.candidacy(election=election, candidate=person)
        people.append(person)
    return election, people


def html(client, path):
    return client.get(path).content.decode()


def test_a_lead_that_gains_votes_but_loses_share_says_both(client):
    election, (ada, ben) = race("Ada Okafor", "Ben Lund")
    factories.release(election=election, released_at=hours(0), votes={ada: 550, ben: 450})
    second = factories.release(
        election=election, released_at=hours(1), votes={ada: 1560, ben: 1440}
    )
    page = html(client, second.get_absolute_url())
    assert (
        "Ada Okafor's lead grew by 20 votes, though in share of the vote it shrank by "
        "6 points, since"
    ) in page


def test_a_primary_where_both_advance_is_no_win_and_draws_no_margin(client):
    election, (ada, ben, cy) = race(
        "Ada Okafor", "Ben Lund", "Cy Park", stage=Election.Stage.PRIMARY, seats=1
    )
    factories.release(election=election, released_at=hours(0), votes={ada: 50, ben: 40, cy: 5})
    final = factories.release(
        election=election, released_at=hours(1), votes={ada: 60, ben: 50, cy: 9}, is_final=True
    )
    Candidacy.objects.filter(election=election, candidate__in=[ada, ben]).update(outcome="advanced")
    page = html(client, election.get_absolute_url())
    assert "<strong>Ada Okafor</strong> finished ahead by 10 votes" in page
    assert "won by" not in page
    assert final.number == 2


def test_a_race_for_two_seats_has_no_lead_between_its_winners(client):
    election, (ada, ben, cy) = race("Ada Okafor", "Ben Lund", "Cy Park", seats=2)
    factories.release(election=election, released_at=hours(0), votes={ada: 50, ben: 40, cy: 5})
    factories.release(election=election, released_at=hours(1), votes={ada: 60, ben: 50, cy: 9})
    page = html(client, election.get_absolute_url())
    assert "lead grew" not in page and "lead shrank" not in page
    assert "Margin between" not in page


def test_rivals_with_one_surname_are_told_apart_on_the_margin_chart(client):
    election, (ann, bob) = race("Ann Smith", "Bob Smith")
    factories.release(election=election, released_at=hours(0), votes={ann: 50, bob: 40})
    factories.release(election=election, released_at=hours(1), votes={ann: 60, bob: 50})
    page = html(client, election.get_absolute_url())
    assert "↑ Ann Smith ahead" in page and "↓ Bob Smith ahead" in page


def test_the_count_a_story_saw_that_is_still_the_latest_is_not_in_the_past(client):
    election, (ada, ben) = race("Ada Okafor", "Ben Lund")
    factories.release(election=election, released_at=hours(0), votes={ada: 60, ben: 50})
    story = factories.article(body="Ada Okafor leads Ben Lund.", published_at=hours(2))
    page = html(client, story.get_absolute_url())
    assert "No newer count" in page
    assert "<strong>Ada Okafor</strong> ahead by 10 votes" in page
    assert "was ahead" not in page and 'class="since"' not in page


def test_a_release_followed_only_by_ballots_still_stands(client):
    election, (ada, ben) = race("Ada Okafor", "Ben Lund")
    votes = factories.release(election=election, released_at=hours(0), votes={ada: 60, ben: 50})
    factories.release(election=election, released_at=hours(1), ballots_remaining=5000)
    page = html(client, votes.get_absolute_url())
    assert "<strong>Ada Okafor</strong> ahead by 10 votes" in page


def test_a_story_that_saw_ballots_later_than_the_latest_votes_hears_of_nothing_new(client):
    election, (ada, ben) = race("Ada Okafor", "Ben Lund")
    factories.release(election=election, released_at=hours(0), votes={ada: 60, ben: 50})
    factories.release(election=election, released_at=hours(10), ballots_remaining=5000)
    story = factories.article(body="Ada Okafor leads Ben Lund.", published_at=hours(12))
    page = html(client, story.get_absolute_url())
    assert "The count when this was published" in page and "The count now" in page
    assert 'class="since"' not in page
