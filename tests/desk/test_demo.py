import io
import re

import pytest
from django.core.management import call_command

from archive.models import Article
from candidates.models import Candidate
from elections.models import Candidacy, Election, ElectionDay, Release, VoteCount
from tests.demo_releases import (
    CERTIFIED,
    ELECTION_NIGHT_LAST,
    FRIDAY,
    GENERAL,
    PRIMARY,
    THURSDAY,
    at,
)

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count() for m in (Candidate, Election, Candidacy, Release, VoteCount, Article)
    ]


def test_load_demo_loads_the_whole_county_from_the_shipped_feed_and_twice_changes_nothing(
    client,
):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "28 releases: 27 created (10,970 contest releases, 28,879 vote counts)" in (
        out.getvalue()
    )
    day = ElectionDay.objects.get()
    assert day.contests.count() == 430
    assert not day.contests.exclude(status="certified").exists()
    # Every contest's last release is the certified count; nothing else is final.
    assert Release.objects.filter(is_final=True).count() == 430
    # The day's page lists them by the registrar's groups, in its order.
    page = client.get(day.get_absolute_url()).content.decode()
    groups = re.findall(r'<h2 id="group-\d+">([^<]+)</h2>', page)
    assert len(groups) == 24 and groups[:2] == ["County Measures", "Governor"]
    assert groups.index("Cities") < groups.index("Schools") < groups.index("Water Districts")
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_demo_has_the_three_los_angeles_races(demo):
    slugs = set(Election.objects.values_list("slug", flat=True))
    assert {
        "los-angeles-mayor-2022-06-07",
        "los-angeles-mayor-2022-11-08",
        "los-angeles-mayor-2026-06-02",
    } <= slugs


def test_demo_candidates_and_their_press_names(demo):
    names = set(Candidate.objects.values_list("name", flat=True))
    assert {"Karen Bass", "Rick Caruso", "Austin Beutner", "Asaad Alnajjar", "Rae Huang"} <= names
    assert "Rep. Karen Bass" in Candidate.objects.get(slug="karen-bass").press_names


def test_demo_outcomes_follow_the_seeds(demo):
    def outcome(candidate, election):
        return Candidacy.objects.get(candidate__slug=candidate, election__slug=election).outcome

    assert outcome("karen-bass", "los-angeles-mayor-2022-06-07") == "advanced"
    assert outcome("rick-caruso", "los-angeles-mayor-2022-06-07") == "advanced"
    assert outcome("karen-bass", "los-angeles-mayor-2022-11-08") == "elected"
    assert outcome("rick-caruso", "los-angeles-mayor-2022-11-08") == "defeated"


def test_thursday_release_holds_the_registrar_figures(demo):
    release = at(THURSDAY)
    assert (release.source, release.ballots_counted) == (
        "Los Angeles County Registrar-Recorder/County Clerk",
        1_452_192,
    )
    results = release.results()
    assert results.leader.candidate.name == "Rick Caruso"
    assert results.leader.votes == 273941
    assert str(results.leader.share) == "50.25"
    assert results.margin_votes == 2695


def test_the_race_goes_as_it_really_went(demo):
    """Caruso ahead on election night, Bass ahead from Nov. 11, certified at 509,944 to
    420,030."""
    releases = (
        Release.objects.filter(election__slug=GENERAL).with_results().select_related("election")
    )
    leaders = {r.released_at: r.results().leader.name for r in releases}
    assert len(leaders) == 27
    assert leaders[at(ELECTION_NIGHT_LAST).released_at] == "Rick Caruso"
    assert leaders[at(THURSDAY).released_at] == "Rick Caruso"
    friday = at(FRIDAY).released_at
    assert {name for when, name in leaders.items() if when >= friday} == {"Karen Bass"}
    final = Release.objects.get(election__slug=GENERAL, is_final=True)
    assert final.released_at == at(CERTIFIED).released_at
    votes = {
        v.candidacy.name: v.votes for v in final.vote_counts.select_related("candidacy__candidate")
    }
    assert votes == {"Karen Bass": 509_944, "Rick Caruso": 420_030}


def test_percent_only_release_keeps_reported_shares(demo):
    release = Release.objects.select_related("election").get(election__slug=PRIMARY)
    results = release.results()
    # Two of the twelve on the primary's ballot: the AP's own shares, marked partial.
    assert results.is_partial and results.ballot_size == 12
    assert [(r.candidate.name, str(r.share)) for r in results.rows] == [
        ("Rick Caruso", "41.000"),
        ("Karen Bass", "37.000"),
    ]
    assert results.total_votes is None
    assert results.margin_points == 4


def test_demo_stories_are_published_and_marked(demo):
    stories = Article.objects.published()
    assert stories.count() >= 6
    assert all(s.is_demo for s in stories)
