"""A release that gave only ballots counted or left ("883,000 ballots left"), on every page
that shows releases: no error, no empty table, no leader named from nothing."""

import csv
import datetime
import io
import zoneinfo

import feedparser
import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
RIVERTON = "/elections/riverton-mayor-2024-03-05/"
LAKESIDE = "/elections/lakeside-mayor-2024-03-05/"
BALLOTS = "1,500 ballots counted and 883,000 left to count"


@pytest.fixture
def riverton():
    """Votes on election night; then a report of ballots alone; a story written after it."""
    election = factories.election(
        jurisdiction="Riverton",
        date=datetime.date(2024, 3, 5),
        slug="riverton-mayor-2024-03-05",
        status="counting",
    )
    ada = factories.candidate(name="Ada Ames", slug="ada-ames")
    bo = factories.candidate(name="Bo Burke", slug="bo-burke")
    for person in (ada, bo):
        factories.candidacy(election=election, candidate=person)
    factories.release(
        election=election,
        released_at=datetime.datetime(2024, 3, 5, 21, 0, tzinfo=LA),
        ballots_counted=1000,
        votes={ada: 600, bo: 400},
    )
    factories.release(
        election=election,
        released_at=datetime.datetime(2024, 3, 7, 17, 0, tzinfo=LA),
        source="Riverton Ledger",
        ballots_counted=1500,
        ballots_remaining=883_000,
    )
    story = factories.article(
        headline="Ames leads as Riverton counts on",
        slug="ames-leads",
        body="Ada Ames leads Bo Burke, and the clerk says 883,000 ballots are left to count.",
        published_at=datetime.datetime(2024, 3, 7, 18, 0, tzinfo=LA),
    )
    return election, story


@pytest.fixture
def lakeside():
    """An election whose only release gave ballots left, and no votes yet."""
    election = factories.election(
        jurisdiction="Lakeside",
        date=datetime.date(2024, 3, 5),
        slug="lakeside-mayor-2024-03-05",
        status="counting",
    )
    factories.candidacy(election=election, candidate=factories.candidate(name="Cy Cole"))
    factories.release(
        election=election,
        released_at=datetime.datetime(2024, 3, 5, 22, 0, tzinfo=LA),
        ballots_remaining=50_000,
    )
    return election


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert "None" not in page
    return page


def section(page, heading):
    start = page.index(heading)
    return page[start : page.index("</section>", start)]


def test_the_latest_count_keeps_its_votes_and_says_what_came_since(client, riverton):
    page = page_of(client, RIVERTON)
    count = section(page, 'id="count-heading"')
    assert "Latest count: release 1" in count
    assert "<strong>Ada Ames</strong> ahead by 200 votes" in count
    assert (
        'Since then, <a href="/elections/riverton-mayor-2024-03-05/updates/2/">release 2</a> '
        f"(March 7, 5 p.m.) gave no votes, only {BALLOTS}." in count
    )


def test_the_timeline_lists_a_release_of_ballots_alone_without_shares(client, riverton):
    page = page_of(client, RIVERTON)
    timeline = section(page, 'id="timeline-heading"')
    shares = timeline[timeline.index("Share of the vote by release</caption>") :]
    shares = shares[: shares.index("</table>")]
    assert f'<td colspan="2">No votes: {BALLOTS}</td>' in shares
    assert "60%" in shares
    ballots = timeline[timeline.index("Ballots counted and left to count by release</caption>") :]
    assert "883,000" in ballots and "1,500" in ballots
    coverage = section(page, 'id="coverage-heading"')
    assert f"March 7, 5 p.m.: no votes, {BALLOTS}</h3>" in coverage
    assert "Ames leads as Riverton counts on" in coverage


def test_an_election_with_ballots_alone_says_no_votes_yet(client, lakeside):
    page = page_of(client, LAKESIDE)
    count = section(page, 'id="count-heading"')
    assert "No votes released yet: the latest release, " in count
    assert "gave only 50,000 ballots left to count." in count
    assert '<table class="results">' not in count
    timeline = section(page, 'id="timeline-heading"')
    assert "No votes released yet; the releases so far give only the ballots" in timeline
    assert "Share of the vote by release" not in timeline
    assert "Ballots counted and left to count by release" in timeline


def test_the_release_page_says_it_gave_only_ballots(client, riverton):
    page = page_of(client, RIVERTON + "updates/2/")
    assert "<h1>Release 2:" in page
    assert "Ballots left (est.)</dt><dd>883,000</dd>" in page
    assert (
        f"This release gave no votes, only {BALLOTS}. The latest votes before it are in "
        '<a href="/elections/riverton-mayor-2024-03-05/updates/1/">release 1</a>.' in page
    )
    assert "Votes in this release" not in page
    assert 'rel="prev" href="/elections/riverton-mayor-2024-03-05/updates/1/"' in page


def test_a_count_after_ballots_alone_changes_from_the_last_votes(client, riverton):
    election, _ = riverton
    ada, bo = (c.candidate for c in election.candidacies.order_by("candidate__name"))
    factories.release(
        election=election,
        released_at=datetime.datetime(2024, 3, 8, 17, 0, tzinfo=LA),
        ballots_counted=2000,
        votes={ada: 1100, bo: 800},
    )
    page = page_of(client, RIVERTON + "updates/3/")
    # From release 1's 600 and 400, across release 2, which gave no votes.
    assert "+500 votes" in page and "+400 votes" in page
    assert 'rel="prev" href="/elections/riverton-mayor-2024-03-05/updates/2/"' in page
    count = section(page_of(client, RIVERTON), 'id="count-heading"')
    assert "Latest count: release 3" in count and "+500 votes" in count
    assert "Since then" not in count


def test_home_and_election_list_name_no_leader_without_votes(client, riverton, lakeside):
    for url in ("/", "/elections/"):
        page = page_of(client, url)
        card = page[page.index(f'href="{LAKESIDE}"') :]
        card = card[: card.index("</article>")]
        assert (
            f'No votes released yet: the latest release (<a href="{LAKESIDE}updates/1/">release '
            "1</a>, March 5) gave only 50,000 ballots left to count." in card
        )
        assert "ahead" not in card
        card = page[page.index(f'href="{RIVERTON}"') :]
        card = card[: card.index("</article>")]
        assert f'<a href="{RIVERTON}updates/1/">release 1</a>' in card
        assert "Ada Ames ahead with 60%, by 20 points." in card
    home = page_of(client, "/")
    # One table of the latest count, Riverton's: none empty for Lakeside.
    assert home.count('<table class="results">') == 1


def test_the_story_panel_says_the_count_then_gave_only_ballots(client, riverton):
    _, story = riverton
    page = page_of(client, story.get_absolute_url())
    then = section(page, "The count when this was published")
    assert f"The latest release then gave no votes, only {BALLOTS}." in then
    assert f'<a href="{RIVERTON}updates/2/">Release 2, March 7, 5 p.m.</a>' in then
    now = section(page, "The count now")
    assert "Latest count: release 1" in now and "600" in now


def test_the_story_panel_of_an_election_without_votes(client, lakeside):
    story = factories.article(
        body="Cy Cole waits: 50,000 ballots are left to count in Lakeside.",
        published_at=datetime.datetime(2024, 3, 6, 9, 0, tzinfo=LA),
    )
    page = page_of(client, story.get_absolute_url())
    then = section(page, "The count when this was published")
    assert "The latest release then gave no votes, only 50,000 ballots left to count." in then
    now = section(page, "The count now")
    assert "No newer count" in now


def test_the_election_feed_gives_the_ballots_of_a_release_without_votes(client, riverton):
    for flavour in ("", "atom/"):
        response = client.get(RIVERTON + "feed/" + flavour)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo
        titles = [entry.title for entry in feed.entries]
        assert f"Count release 2: no votes; {BALLOTS}" in titles
        assert "Count release 1: Ada Ames 60.00%, Bo Burke 40.00%" in titles


def test_exports_give_a_release_of_ballots_alone_as_a_row_without_a_candidate(client, riverton):
    response = client.get(RIVERTON + "results.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["release_number"], r["candidate"], r["votes"]) for r in rows] == [
        ("1", "ada-ames", "600"),
        ("1", "bo-burke", "400"),
        ("2", "", ""),
    ]
    alone = rows[2]
    assert (alone["ballots_counted"], alone["ballots_left"], alone["share"]) == (
        "1500",
        "883000",
        "",
    )
    assert alone["source"] == "Riverton Ledger"

    data = client.get(RIVERTON + "results.json").json()
    assert data["results"][2] == {
        **{column: data["results"][2][column] for column in ("released_at", "source_url")},
        "election": "riverton-mayor-2024-03-05",
        "release_number": 2,
        "source": "Riverton Ledger",
        "ballots_counted": 1500,
        "ballots_left": 883000,
        "expected_vote_pct": None,
        "is_final": False,
        "candidate": "",
        "candidate_name": "",
        "votes": None,
        "share": None,
        "share_is_reported": False,
    }


def test_a_candidate_page_leaves_out_a_release_without_votes(client, riverton):
    page = page_of(client, "/candidates/ada-ames/")
    table = page[page.index("Ada Ames's votes and share by release") :]
    table = table[: table.index("</table>")]
    assert "updates/1/" in table and "updates/2/" not in table
