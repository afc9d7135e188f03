"""Election pages: the list, an election's count and timeline, and one release."""

import datetime
import re

import pytest

from archive.models import ArticleRelease
from public import charts
from tests import factories
from tests.demo_releases import CERTIFIED, ELECTION_NIGHT_LAST, FRIDAY, THURSDAY, at

pytestmark = pytest.mark.django_db

GENERAL = "/elections/los-angeles-mayor-2022-11-08/"


def text(response):
    return response.content.decode()


def section(page, heading):
    start = page.index(heading)
    return page[start : page.index("</section>", start)]


def test_election_list_shows_each_race_with_its_count(client, demo):
    page = text(client.get("/elections/"))
    page = page[page.index("<h2>Contests</h2>") :]  # after the list of election days
    assert page.index("June 2, 2026") < page.index("Nov. 8, 2022") < page.index("June 7, 2022")
    general = page[page.index('href="/elections/los-angeles-mayor-2022-11-08/"') :]
    general = general[: general.index("</article>")]
    assert "Karen Bass</a></strong> (elected)" in general
    assert "Final count (" in general and f"release {at(CERTIFIED).number}</a>" in general
    assert "No results released yet." in page  # the 2026 primary


def test_election_shows_latest_count_with_leader_and_margin(client, demo):
    page = text(client.get(GENERAL))
    count = section(page, "Final result</h2>")
    assert f"Final result: release {at(CERTIFIED).number}, Dec. 5, 2022" in count
    assert "<strong>Karen Bass</strong> won by 89,914 votes (9.66 points)." in count
    assert "509,944" in count and "54.83%" in count and "2,456,701" in count
    assert "+92 votes" in count  # the change since the release of Dec. 2


def test_timeline_has_labelled_charts_with_tables_of_the_same_figures(client, demo):
    page = text(client.get(GENERAL))
    timeline = section(page, 'id="timeline-heading"')
    svgs = re.findall(r"<svg .*?</svg>", timeline, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "Share of the vote by release" in svgs[0]
    assert "Margin between Karen Bass and Rick Caruso" in svgs[1]
    assert "Ballots counted and left to count" in svgs[2]
    assert "Rick Caruso" in svgs[0] and "Karen Bass" in svgs[0]
    # Caruso ahead when election night ended and on Thursday; Bass from Friday on.
    assert "51.25% 252,476" in re.sub(r"<[^>]+>|\s+", " ", timeline).replace("  ", " ")
    assert "50.25%" in timeline and "273,941" in timeline and "509,944" in timeline
    assert '<th scope="col" class="num">Rick Caruso</th>' in timeline


def test_stories_are_grouped_under_the_release_they_followed(client, demo):
    page = text(client.get(GENERAL))
    coverage = page[page.index("Coverage, release by release") :]
    night, thursday = at(ELECTION_NIGHT_LAST).number, at(THURSDAY).number
    first = coverage.index(f'After <a href="{GENERAL}updates/{night}/">')
    second = coverage.index(f'After <a href="{GENERAL}updates/{thursday}/">')
    assert first < coverage.index("Caruso holds an early edge") < second
    assert second < coverage.index("Bass narrows the gap") < coverage.index("What is left to count")


def test_election_without_results_says_so(client, demo):
    page = text(client.get("/elections/los-angeles-mayor-2026-06-02/"))
    assert "No results have been released yet." in page
    assert "Austin Beutner" in page


def test_release_page_shows_its_figures_and_the_stories_that_report_it(client, demo):
    thursday = at(THURSDAY)
    page = text(client.get(thursday.get_absolute_url()))
    assert f"<h1>Release {thursday.number}:" in page
    assert "273,941" in page and "+21,465 votes" in page  # Caruso since 03:35 on Nov. 9
    reports = section(page, "Stories that report this count")
    assert "Bass narrows the gap" in reports
    # Written while this was the latest count, but quoting none of it: not a report.
    assert "What is left to count" not in reports
    assert f'rel="prev" href="{at(ELECTION_NIGHT_LAST).get_absolute_url()}"' in page
    assert f'rel="next" href="{at(FRIDAY).get_absolute_url()}"' in page


def test_an_editor_link_counts_as_reporting(client, demo):
    from archive.models import Article

    story = Article.objects.get(slug="what-is-left-to-count-in-mayors-race")
    release = at(THURSDAY)
    ArticleRelease.objects.create(article=story, release=release, reason="editor", origin="editor")
    reports = section(text(client.get(release.get_absolute_url())), "Stories that report")
    assert "What is left to count" in reports


def test_release_numbers_out_of_range_are_not_found(client, demo):
    assert client.get(GENERAL + "updates/0/").status_code == 404
    last = at(CERTIFIED).number
    assert client.get(f"{GENERAL}updates/{last}/").status_code == 200
    assert client.get(f"{GENERAL}updates/{last + 1}/").status_code == 404
    assert client.get(GENERAL + "updates/99999999999999999999/").status_code == 404
    assert client.get("/elections/nowhere/updates/1/").status_code == 404
    assert client.get("/elections/nowhere/").status_code == 404


def test_share_scale_frames_a_close_race():
    (low, high), tick = charts.share_scale([48.8, 51.2, 49.75, 50.25])
    assert (low, high) == (45, 55) and tick == 5
    assert charts.share_scale([0.5, 99.5])[0] == (0, 100)
    assert charts.share_scale([])[0] == (0, 100)


def test_chart_escapes_names_and_skips_missing_values():
    svg = charts.line_chart(
        chart_id="c",
        title="A & B",
        description="d",
        x_labels=[("#1", "Nov 1"), ("#2", "Nov 2")],
        series=[{"name": "<script>", "values": [None, 40]}],
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "A &amp; B" in svg
    assert svg.count("<circle") == 1


def test_release_page_shows_change_since_previous(client):
    election = factories.election(slug="town-mayor")
    earlier = factories.release(
        election=election, released_at=datetime.datetime(2024, 3, 5, 21, tzinfo=datetime.UTC)
    )
    later = factories.release(
        election=election, released_at=datetime.datetime(2024, 3, 6, 21, tzinfo=datetime.UTC)
    )
    candidacy = factories.candidacy(election=election)
    rival = factories.candidacy(election=election)
    factories.vote_count(release=earlier, candidacy=candidacy, votes=100)
    factories.vote_count(release=earlier, candidacy=rival, votes=100)
    factories.vote_count(release=later, candidacy=candidacy, votes=250)
    factories.vote_count(release=later, candidacy=rival, votes=150)
    page = text(client.get("/elections/town-mayor/updates/2/"))
    assert "+150 votes" in page and "+50 votes" in page
    assert "ahead by 100 votes" in page


def test_end_labels_of_a_crowded_chart_never_overlap():
    svg = charts.line_chart(
        chart_id="c",
        title="t",
        description="d",
        x_labels=[("#1", "a"), ("#2", "b")],
        series=[{"name": f"Candidate Number {i}", "values": [10, 10]} for i in range(6)],
        scale=((0, 100), 25),
    )
    ys = sorted(float(y) for y in re.findall(r'<text class="label" x="[\d.]+" y="([\d.]+)"', svg))
    assert len(ys) == 6
    assert all(b - a >= charts.LABEL_GAP - 0.01 for a, b in zip(ys, ys[1:], strict=False))
    assert "Number 0" not in svg  # long names give way to their last word


def test_drafts_and_scheduled_stories_stay_off_election_and_release_pages(client, demo):
    from django.utils import timezone

    from archive.models import Article, ArticleElection
    from elections.models import Election

    election = Election.objects.get(slug="los-angeles-mayor-2022-11-08")
    release = election.releases.order_by("released_at").last()
    for headline, status, published_at in [
        ("Unpublished draft", "draft", None),
        ("Embargoed story", "published", timezone.now() + datetime.timedelta(days=1)),
    ]:
        story = factories.article(headline=headline, status=status, published_at=published_at)
        ArticleElection.objects.get_or_create(article=story, election=election)
        ArticleRelease.objects.get_or_create(
            article=story, release=release, reason="editor", origin="editor"
        )
    assert Article.objects.filter(headline="Embargoed story").exists()
    for url in [GENERAL, GENERAL + "updates/2/", "/", "/candidates/karen-bass/"]:
        page = text(client.get(url))
        assert "Unpublished draft" not in page and "Embargoed story" not in page, url


def test_the_demo_election_day_shows_the_mayors_race_among_the_cities(client, demo):
    page = text(client.get("/elections/days/los-angeles-county-general-election-2022-11-08/"))
    cities = section(page, ">Cities</h2>")
    assert 'href="/elections/los-angeles-mayor-2022-11-08/"' in cities
    mayor = cities[cities.index('href="/elections/los-angeles-mayor-2022-11-08/"') :]
    assert mayor[: mayor.index("</tr>")].count("<strong>Karen Bass</strong> (elected)") == 1


def test_pages_of_a_count_say_when_their_figures_were_last_updated(client, demo):
    from django.utils import timezone

    from elections.models import Release

    general = Release.objects.filter(election__slug="los-angeles-mayor-2022-11-08")
    latest = general.order_by("-released_at").first()
    later = factories.release(
        election=latest.election, released_at=latest.released_at + datetime.timedelta(hours=2)
    )  # ballots alone, and still the page's latest word
    when = timezone.localtime(later.released_at).isoformat()
    stamp = f'Figures last updated <time datetime="{when}">'
    for url in (GENERAL, "/candidates/rick-caruso/"):
        assert stamp in text(client.get(url)), url
    for url in ("/elections/los-angeles-mayor-2022-06-07/", "/elections/", "/"):
        page = text(client.get(url))
        assert "Figures last updated" in page and stamp not in page, url


def test_a_contest_says_scheduled_only_until_its_day(client):
    from django.utils import timezone

    today = timezone.localdate()
    for days, said in ((7, "Scheduled"), (0, "Voting today"), (-7, "Held, no count on file")):
        election = factories.election(date=today + datetime.timedelta(days=days))
        page = text(client.get(election.get_absolute_url()))
        assert f'<span class="status status-scheduled">{said}</span>' in page, days


def test_a_contest_is_titled_with_its_date(client, demo):
    page = text(client.get(GENERAL))
    assert "<h1>Los Angeles Mayor, general, Nov. 8, 2022</h1>" in page
    assert "<title>Los Angeles Mayor, general, Nov. 8, 2022" in page
    primary = text(client.get("/elections/los-angeles-mayor-2026-06-02/"))
    assert "<h1>Los Angeles Mayor, primary, June 2, 2026</h1>" in primary


def test_counted_share_is_worked_out_where_the_source_gave_none(client):
    from decimal import Decimal

    race = factories.election()
    given = factories.release(election=race, ballots_counted=500, expected_vote_pct=Decimal("40"))
    worked = factories.release(election=race, ballots_counted=900, ballots_remaining=100)
    unknown = factories.release(election=race, ballots_counted=950)
    assert (given.counted_share, worked.counted_share, unknown.counted_share) == (
        Decimal("40"),
        Decimal("90.00"),
        None,
    )
    page = text(client.get(worked.get_absolute_url()))
    assert "<dd>90%" in page and "worked out from ballots counted and left" in page
    timeline = text(client.get(race.get_absolute_url()))
    cells = re.findall(r'<td class="num">([^<]*)</td>\s*</tr>', timeline)
    assert cells[-3:] == ["—", "90%", "40%"]  # oldest first: the factory makes each older


def test_a_decided_race_leads_with_its_winner_and_who_called_it(client, demo):
    from django.core.exceptions import ValidationError

    from elections.models import Election

    page = text(client.get(GENERAL))
    verdict = re.search(r'<p class="verdict">(.*?)</p>', page, re.S).group(1)
    assert re.search(r"✓ </span>Karen Bass</strong> elected, [\d.]+% \([\d,]+ votes\)", verdict)
    assert "Certified" in verdict
    assert page.index('class="verdict"') < page.index('class="results"')

    race = Election.objects.get(slug="los-angeles-mayor-2022-11-08")
    race.status = Election.Status.CALLED
    with pytest.raises(ValidationError) as refused:
        race.full_clean()
    assert set(refused.value.message_dict) == {"called_by", "called_at"}
    race.called_by, race.call_source_url = "AP", "https://apnews.example/race-call"
    race.called_at = datetime.datetime(2022, 11, 17, 0, 3, tzinfo=datetime.UTC)
    race.full_clean()
    race.save()
    verdict = re.search(r'<p class="verdict">(.*?)</p>', text(client.get(GENERAL)), re.S).group(1)
    assert 'Called by <a href="https://apnews.example/race-call" rel="external">AP</a>' in verdict
    assert "Nov. 16, 2022, 4:03 p.m." in verdict  # the newsroom's time
    assert "Certified" not in verdict
