"""Who won and by how much, and how the margin moved: a winner is marked in words as well
as colour wherever the current count is shown, never on a count from before; the final
count says "won by"; a release says how the leader's margin changed since the one before
and which ballots were the contest's own."""

import pytest

from archive.models import Article
from tests.demo_releases import CERTIFIED, ELECTION_NIGHT_LAST, FRIDAY, THURSDAY, at

pytestmark = pytest.mark.django_db

GENERAL_PAGE = "/elections/los-angeles-mayor-2022-11-08/"
WON = '<span class="won"><span aria-hidden="true">✓</span> Elected</span>'


def page(client, path):
    return client.get(path).content.decode()


def between(html, start, end):
    i = html.index(start)
    return html[i : html.index(end, i)]


def test_the_final_count_marks_the_winner_and_says_won_by(client, demo):
    html = page(client, GENERAL_PAGE)
    table = between(html, '<table class="results">', "</table>")
    bass_row = between(table, ">Karen Bass<", "</tr>")
    assert WON in bass_row
    assert WON not in between(table, ">Rick Caruso<", "</tr>")
    assert "<strong>Karen Bass</strong> won by 89,914 votes (9.66 points)." in html
    home = page(client, "/")
    assert "Final result: release" in home and WON in home
    assert "ahead by 89,914" not in home


def test_a_count_from_before_the_result_marks_no_winner(client, demo):
    thursday = page(client, at(THURSDAY).get_absolute_url())
    # A count since superseded says how it stood then, not how it stands.
    assert "<strong>Rick Caruso</strong> was ahead by 2,695 votes (0.50 points)." in thursday
    assert WON not in thursday
    story = Article.objects.get(slug="caruso-holds-early-edge-over-bass")
    html = page(client, story.get_absolute_url())
    assert WON not in between(html, "The count when this was published", "</section>")
    assert WON in between(html, "The count now", "</section>")


def test_each_release_says_how_the_margin_moved(client, demo):
    thursday = page(client, at(THURSDAY).get_absolute_url())
    previous = at(ELECTION_NIGHT_LAST)
    assert (
        "Rick Caruso's lead shrank by 9,587 votes (2 points) since "
        f'<a href="{previous.get_absolute_url()}">release {previous.number}</a>.'
    ) in thursday
    friday = page(client, at(FRIDAY).get_absolute_url())
    assert "The lead changed since" in friday and "when Rick Caruso was ahead." in friday


def test_a_release_gives_the_contests_own_ballots_beside_the_countys(client, demo):
    certified = at(CERTIFIED)
    html = page(client, certified.get_absolute_url())
    assert certified.ballots_cast and certified.ballots_cast < certified.ballots_counted
    assert f"<dt>Ballots with this contest</dt><dd>{certified.ballots_cast:,}</dd>" in html
    assert f"<dt>Ballots counted, county-wide</dt><dd>{certified.ballots_counted:,}</dd>" in html
