"""Outcomes and the latest count never contradict each other: every page that shows the
2022 general names the same winner, marked in words, beside the same final figures; and a
race called while its count goes on says so beside a count the winner leads."""

import datetime

import pytest
from django.utils import timezone

from archive.models import Article
from elections.models import Candidacy, Election
from tests import factories
from tests.demo_releases import CERTIFIED, at

pytestmark = pytest.mark.django_db


def test_every_page_showing_the_general_names_bass_the_winner_with_the_final_count(client, demo):
    final = at(CERTIFIED)
    story = Article.objects.get(slug="bass-narrows-gap-thursday-count")
    pages = {
        "home": "/",
        "elections": "/elections/",
        "election": "/elections/los-angeles-mayor-2022-11-08/",
        "candidate": "/candidates/karen-bass/",
        "story": story.get_absolute_url(),
        "day": final.election.election_day.get_absolute_url(),
    }
    for name, path in pages.items():
        html = client.get(path).content.decode()
        assert "Karen Bass" in html, name
        assert "54.83%" in html, name  # her share in the final count
        assert "Rick Caruso</strong> (elected)" not in html, name
        assert "Rick Caruso</strong> ahead" not in html, name
        assert "Rick Caruso</strong> won" not in html, name
        if name not in ("elections", "day"):  # their cards give shares, not votes
            assert "509,944" in html, name
        if name in ("home", "elections", "day"):
            assert "Karen Bass</a></strong> (elected)" in html or (
                "<strong>Karen Bass</strong> (elected)" in html
            ), name
        else:
            assert "✓" in html, name


def test_a_race_called_mid_count_shows_the_call_beside_a_count_the_winner_leads(client):
    election = factories.election(status=Election.Status.COUNTING, slug="river-mayor")
    ada = factories.candidate(name="Ada Okafor", slug="ada")
    ben = factories.candidate(name="Ben Lund", slug="ben")
    for person in (ada, ben):
        factories.candidacy(election=election, candidate=person)
    night = timezone.now() - datetime.timedelta(hours=3)
    factories.release(election=election, released_at=night, votes={ada: 900, ben: 1000})
    factories.release(
        election=election,
        released_at=night + datetime.timedelta(hours=1),
        votes={ada: 2100, ben: 1500},
    )
    Candidacy.objects.filter(election=election, candidate=ada).update(outcome="elected")
    election.status, election.called_by = Election.Status.CALLED, "The Wire"
    election.called_at = night + datetime.timedelta(hours=2)
    election.save()
    html = client.get(election.get_absolute_url()).content.decode()
    assert '<strong><span aria-hidden="true">✓ </span>Ada Okafor</strong> elected' in html
    assert "Called by The Wire on" in html
    assert "<strong>Ada Okafor</strong> ahead by 600 votes" in html  # not final: "ahead"
    assert "Ben Lund</strong> ahead" not in html
