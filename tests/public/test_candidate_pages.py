"""Candidate pages: the list, and a profile with elections, a share chart and stories."""

import datetime
import re

import pytest

from archive.models import ArticleCandidate
from tests import factories

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_candidate_list_is_alphabetical_with_each_race(client, demo):
    page = text(client.get("/candidates/"))
    assert page.index("Asaad Alnajjar") < page.index("Karen Bass") < page.index("Rick Caruso")
    bass = page[page.index("Karen Bass") : page.index("Kevin de León")]
    assert "2022 general</a>: elected" in bass and "2026 primary</a>: pending" in bass


def test_profile_lists_elections_with_outcomes(client, demo):
    page = text(client.get("/candidates/karen-bass/"))
    outcomes = page[page.index('<table class="outcomes">') : page.index("</table>")]
    assert re.search(r"general</a>.*?Elected", outcomes, re.S)
    assert re.search(r"primary</a>.*?Advanced", outcomes, re.S)
    assert "incumbent" in outcomes


def test_share_chart_is_labelled_and_its_figures_are_in_a_table(client, demo):
    page = text(client.get("/candidates/karen-bass/"))
    chart = re.search(r'<svg class="chart"[^>]*role="img"[^>]*>.*?</svg>', page, re.S).group(0)
    assert 'aria-labelledby="share-los-angeles-mayor-2022-11-08-title' in chart
    assert '<title id="share-los-angeles-mayor-2022-11-08-title">Karen Bass&#x27;s share' in chart
    assert chart.count("<circle") == 27  # the registrar's 27 releases of the 2022 general
    table = page[page.index("Karen Bass's votes and share by release") :]
    table = table[: table.index("</table>")]
    assert "48.75%" in table and "49.75%" in table and "271,246" in table
    assert "54.83%" in table and "509,944" in table


def test_profile_lists_stories_newest_first_and_paginates(client):
    candidate = factories.candidate(name="Dana Whitfield", slug="dana-whitfield")
    base = datetime.datetime(2023, 1, 1, 9, 0, tzinfo=datetime.UTC)
    for i in range(25):
        story = factories.article(
            headline=f"Dana story {i:02d}", published_at=base + datetime.timedelta(days=i)
        )
        ArticleCandidate.objects.get_or_create(article=story, candidate=candidate, origin="editor")
    factories.article(headline="Dana draft", status="draft").candidate_links.create(
        candidate=candidate, origin="editor"
    )
    first = text(client.get("/candidates/dana-whitfield/"))
    assert first.index("Dana story 24") < first.index("Dana story 05")
    assert "Dana story 04" not in first and "Dana draft" not in first
    second = text(client.get("/candidates/dana-whitfield/?page=2"))
    assert "Dana story 04" in second and "Dana story 00" in second


def test_suppressed_links_leave_the_profile(client, demo):
    ArticleCandidate.objects.filter(
        candidate__slug="rick-caruso", article__slug="bass-opens-re-election-bid"
    ).update(is_suppressed=True)
    page = text(client.get("/candidates/rick-caruso/"))
    assert "Bass opens her re-election bid" not in page
    assert "Caruso and Bass bound for a November runoff" in page


def test_unknown_candidate_is_not_found(client):
    assert client.get("/candidates/nobody/").status_code == 404


def test_names_are_escaped_in_charts_and_tables(client):
    candidate = factories.candidate(name="<b>Eve</b>", slug="eve")
    candidacy = factories.candidacy(candidate=candidate)
    factories.vote_count(
        candidacy=candidacy,
        release=factories.release(election=candidacy.election),
        votes=10,
    )
    page = text(client.get("/candidates/eve/"))
    assert "<b>Eve</b>" not in page
    assert "&lt;b&gt;Eve&lt;/b&gt;" in page


def test_profile_gives_each_ballot_designation_and_its_feeds(client):
    candidacy = factories.candidacy(ballot_designation="Congresswoman/Businesswoman")
    url = candidacy.candidate.get_absolute_url()
    page = text(client.get(url))
    assert "On the ballot as “Congresswoman/Businesswoman”" in page
    feeds = re.findall(r'<p class="meta feeds">.*?</p>', page)[0]
    for link in re.findall(r'href="([^"]+)"', feeds):
        assert client.get(link).status_code == 200, link
    assert f"/candidates/{candidacy.candidate.slug}/feed/atom/" in feeds


def test_a_contest_links_its_data_and_feeds(client, demo):
    page = text(client.get("/elections/los-angeles-mayor-2022-11-08/"))
    links = re.findall(r'href="([^"]+)"', re.findall(r'<p class="meta feeds">.*?</p>', page)[0])
    assert links == [
        "/elections/los-angeles-mayor-2022-11-08/results.csv",
        "/elections/los-angeles-mayor-2022-11-08/results.json",
        "/elections/los-angeles-mayor-2022-11-08/feed/",
        "/elections/los-angeles-mayor-2022-11-08/feed/atom/",
    ]
    for link in links:
        assert client.get(link).status_code == 200, link
