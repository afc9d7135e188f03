"""Shares are worked out over every name on the ballot; a release that named only some is
marked partial, and its votes give no shares."""

import pytest

from elections.models import Election, Release
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_way():
    election = factories.election(slug="three-way-2022-11-08")
    people = [factories.candidate(name=name) for name in ("Ana Ruiz", "Ben Ochoa", "Cy Park")]
    for person in people:
        factories.candidacy(election=election, candidate=person)
    return election, people


def fresh(release):
    return Release.objects.select_related("election").get(pk=release.pk)


def test_candidacies_entered_count_towards_the_ballot(three_way):
    election, _ = three_way
    assert Election.objects.get(pk=election.pk).ballot_size == 3


def test_an_editor_cannot_set_the_ballot_below_the_candidacies_entered(three_way):
    election = Election.objects.get(pk=three_way[0].pk)
    election.ballot_size = 1
    election.save()
    assert Election.objects.get(pk=election.pk).ballot_size == 3


def test_votes_for_every_name_give_shares(three_way):
    election, (ana, ben, cy) = three_way
    release = factories.release(election=election, votes={ana: 500, ben: 300, cy: 200})
    results = fresh(release).results()
    assert not results.is_partial
    assert [str(r.share) for r in results.rows] == ["50.00", "30.00", "20.00"]
    assert results.margin_points == 20


def test_votes_for_only_some_names_give_no_shares(three_way):
    election, (ana, ben, _) = three_way
    release = factories.release(election=election, votes={ana: 500, ben: 300})
    results = fresh(release).results()
    assert results.is_partial
    assert [(r.name, r.votes, r.share) for r in results.rows] == [
        ("Ana Ruiz", 500, None),
        ("Ben Ochoa", 300, None),
    ]
    assert results.margin_votes == 200 and results.margin_points is None


def test_a_ballot_longer_than_the_names_entered_makes_their_votes_partial(three_way):
    election, (ana, ben, cy) = three_way
    Election.objects.filter(pk=election.pk).update(ballot_size=12)
    release = factories.release(election=election, votes={ana: 500, ben: 300, cy: 200})
    assert fresh(release).results().is_partial


def test_a_sources_own_shares_stand_in_a_partial_release(three_way):
    election, (ana, ben, _) = three_way
    release = factories.release(election=election, shares={ana: "41", ben: "37"})
    results = fresh(release).results()
    assert results.is_partial
    assert [str(r.share) for r in results.rows] == ["41.000", "37.000"]


def test_the_election_page_marks_a_partial_release_and_shows_no_worked_out_share(client, three_way):
    election, (ana, ben, _) = three_way
    factories.release(election=election, votes={ana: 500, ben: 300})
    page = client.get(election.get_absolute_url()).content.decode()
    assert "Partial: this release gave figures for 2 of the 3 names on the ballot" in page
    assert "62.50%" not in page  # Ana's share of the two named, which is no share at all
    assert "500" in page


def test_the_election_list_says_the_leader_is_ahead_only_of_the_names_given(client, three_way):
    election, (ana, ben, _) = three_way
    factories.release(election=election, votes={ana: 500, ben: 300})
    page = client.get("/elections/").content.decode()
    assert "Ana Ruiz ahead of the 2 of 3 names it gave" in page
