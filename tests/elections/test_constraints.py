"""The database itself refuses rows that break the data model's invariants."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from elections.models import Candidacy, Election, Release, VoteCount
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_election_slug_is_unique():
    factories.election(slug="los-angeles-mayor-2022-11-08")
    refused(lambda: factories.election(slug="los-angeles-mayor-2022-11-08"))


def test_election_stage_and_status_must_be_known():
    refused(lambda: factories.election(stage="coronation"))
    refused(lambda: factories.election(status="rigged"))


def test_candidate_stands_once_per_election():
    first = factories.candidacy()
    refused(lambda: Candidacy.objects.create(candidate=first.candidate, election=first.election))


def test_candidacy_outcome_must_be_known():
    refused(lambda: factories.candidacy(outcome="crowned"))


def test_release_time_is_unique_per_election():
    release = factories.release()
    refused(
        lambda: Release.objects.create(
            election=release.election, released_at=release.released_at, source="Again"
        )
    )


def test_same_time_in_another_election_is_fine():
    release = factories.release()
    factories.release(released_at=release.released_at)
    assert Release.objects.count() == 2


def test_candidacy_once_per_release():
    first = factories.vote_count(votes=10)
    refused(
        lambda: VoteCount.objects.create(release=first.release, candidacy=first.candidacy, votes=11)
    )


def test_votes_cannot_be_negative():
    refused(lambda: factories.vote_count(votes=-1))


@pytest.mark.parametrize("share", ["-0.1", "100.001"])
def test_reported_share_stays_between_0_and_100(share):
    refused(lambda: factories.vote_count(reported_share=Decimal(share)))


def test_share_of_expected_vote_stays_between_0_and_100():
    refused(lambda: factories.release(expected_vote_pct=Decimal("100.5")))


def test_the_database_refuses_a_time_python_could_not_read_back(db):
    # 9999-12-31 at -12:00 is year 10000 in UTC: stored, it would fail every page showing it.
    far = datetime.datetime(
        9999, 12, 31, 23, 59, 59, tzinfo=datetime.timezone(-datetime.timedelta(hours=12))
    )
    refused(lambda: factories.release(released_at=far))
    refused(lambda: factories.article(published_at=far))
    refused(lambda: factories.election(date=datetime.date(1, 1, 1)))


def test_votes_need_votes_or_a_share():
    refused(lambda: factories.vote_count())


def test_one_contest_per_office_place_and_day():
    factories.election(jurisdiction="Los Angeles", date=datetime.date(2022, 11, 8))
    refused(
        lambda: Election.objects.create(
            office="Mayor",
            jurisdiction="Los Angeles",
            date=datetime.date(2022, 11, 8),
            stage="general",
            slug="another-slug",
        )
    )
