"""An election day's page: every contest of the day, by group in the authority's order,
each with where it stands, at a cost that does not grow with the contests."""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from elections.models import Candidacy, ContestKind, ElectionDay
from tests import factories

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
DATE = datetime.date(2022, 11, 8)
COUNTED = datetime.datetime(2022, 11, 9, 1, 0, tzinfo=LA)


def election_day():
    return ElectionDay.objects.create(
        authority="Riverton County Registrar",
        title="General Election",
        date=DATE,
        slug="riverton-general-2022-11-08",
        registered_voters=5_600_000,
    )


def contest(day, office, group, position, votes, **kw):
    """A contest of the day with one release: votes {name: count}."""
    election = factories.election(
        office=office,
        jurisdiction="Riverton",
        date=DATE,
        election_day=day,
        group=group,
        position=position,
        **kw,
    )
    if election.kind == ContestKind.MEASURE:
        standing = {
            name: factories.candidacy(election=election, candidate=None, choice=name)
            for name in votes
        }
    else:
        standing = {
            name: factories.candidacy(election=election, candidate=factories.candidate(name=name))
            for name in votes
        }
    release = factories.release(election=election, released_at=COUNTED)
    for name, count in votes.items():
        factories.vote_count(release=release, candidacy=standing[name], votes=count)
    return election


def test_contests_are_listed_by_group_in_the_registrars_order_with_their_standing(client):
    day = election_day()
    # Made out of order: the page follows the registrar's positions, not ids or names.
    school = contest(day, "School Board", "Schools", 3, {"Ada Park": 700, "Ben Ito": 300})
    mayor = contest(day, "Mayor", "Cities", 1, {"Cora Diaz": 5_100, "Dan Wu": 4_900})
    measure = contest(
        day, "Measure R", "Cities", 2, {"YES": 620, "NO": 380}, kind=ContestKind.MEASURE
    )
    page = client.get(day.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    headings = re.findall(r'<h2 id="group-\d+">([^<]+)</h2>', html)
    assert headings == ["Cities", "Schools"]
    positions = [html.index(e.get_absolute_url()) for e in (mayor, measure, school)]
    assert positions == sorted(positions)
    assertContains(page, "Cora Diaz 51%, ahead by 2 points")
    assertContains(page, "YES 62%, NO 38%")
    assertContains(page, "Ada Park 70%, ahead by 40 points")
    assertContains(page, "3 contests in 2 groups")


def test_a_winner_is_named_as_elected(client):
    day = election_day()
    mayor = contest(day, "Mayor", "Cities", 1, {"Cora Diaz": 5_100, "Dan Wu": 4_900})
    Candidacy.objects.filter(election=mayor, candidate__name="Cora Diaz").update(outcome="elected")
    assertContains(client.get(day.get_absolute_url()), "<strong>Cora Diaz</strong> (elected)")


def test_the_day_is_linked_from_the_elections_index_and_each_contest(client):
    day = election_day()
    mayor = contest(day, "Mayor", "Cities", 1, {"Cora Diaz": 5_100, "Dan Wu": 4_900})
    assertContains(client.get("/elections/"), f'href="{day.get_absolute_url()}"')
    assertContains(client.get(mayor.get_absolute_url()), f'href="{day.get_absolute_url()}"')
    assertContains(client.get("/sitemap-election-days.xml"), day.get_absolute_url())


@pytest.mark.parametrize("contests", [3, 30])
def test_the_day_page_costs_the_same_queries_for_3_contests_as_for_30(client, contests):
    day = election_day()
    for n in range(contests):
        contest(day, f"Council District {n}", ["Cities", "Schools"][n % 2], n, {"A": n, "B": 1})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(day.get_absolute_url()).status_code == 200
    assert len(queries) == 5


def test_an_unknown_day_is_a_404(client):
    assert client.get("/elections/days/no-such-day/").status_code == 404
