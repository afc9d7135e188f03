import io

import pytest
from django.core.management import call_command

from archive.models import Article
from candidates.models import Candidate
from elections.models import Candidacy, Election, Release, VoteCount

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count() for m in (Candidate, Election, Candidacy, Release, VoteCount, Article)
    ]


def test_load_demo_twice_makes_no_duplicates(demo):
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
    release = Release.objects.get(
        election__slug="los-angeles-mayor-2022-11-08", ballots_counted=1452192
    )
    results = release.results()
    assert results.leader.candidate.name == "Rick Caruso"
    assert results.leader.votes == 273941
    assert str(results.leader.share) == "50.25"
    assert results.margin_votes == 2695


def test_percent_only_release_keeps_reported_shares(demo):
    release = Release.objects.get(election__slug="los-angeles-mayor-2022-06-07")
    results = release.results()
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
