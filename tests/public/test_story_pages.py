"""The reader's story pages: lists, date archives, a story with its count panels, tags, errors."""

import datetime
import re
import zoneinfo

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from archive.models import Article, ArticleCandidate
from tests import factories
from tests.demo_releases import CERTIFIED, ELECTION_NIGHT_LAST, THURSDAY, at

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")


def text(response):
    return response.content.decode()


def demo_story(slug):
    return Article.objects.get(slug=slug)


def panel(page, heading):
    """The HTML of the count panel whose heading is given."""
    start = page.index(heading)
    return page[start : page.index("</section>", start)]


def test_stories_list_paginates_newest_first(client):
    base = datetime.datetime(2023, 4, 1, 9, 0, tzinfo=LA)
    for i in range(25):
        factories.article(
            headline=f"Story {i:02d}", published_at=base + datetime.timedelta(hours=i)
        )
    first = text(client.get("/stories/"))
    assert first.index("Story 24") < first.index("Story 05")
    assert "Story 04" not in first
    assert "Page 1</span>" in first
    assert 'href="/stories/2023/"' in first
    assert 'href="?page=2"' in first
    second = text(client.get("/stories/?page=2"))
    assert "Story 04" in second and "Story 00" in second and "Story 05" not in second
    assert 'rel="next"' not in second
    assert client.get("/stories/?page=3").status_code == 404
    assert client.get("/stories/?page=oops").status_code == 404
    assert client.get("/stories/?page=99999999999999999999").status_code == 404
    assert client.get("/stories/99999999999999999999/").status_code == 404


def test_date_archives_list_that_period_and_404_when_empty_or_invalid(client):
    factories.article(
        headline="Election night", published_at=datetime.datetime(2022, 11, 8, 23, 0, tzinfo=LA)
    )
    factories.article(
        headline="Day after", published_at=datetime.datetime(2022, 11, 9, 9, 0, tzinfo=LA)
    )
    factories.article(
        headline="Summer piece", published_at=datetime.datetime(2022, 7, 1, 9, 0, tzinfo=LA)
    )
    year = text(client.get("/stories/2022/"))
    assert "Election night" in year and "Summer piece" in year
    assert 'href="/stories/2022/11/"' in year and 'href="/stories/2022/7/"' in year
    month = text(client.get("/stories/2022/11/"))
    assert "Election night" in month and "Summer piece" not in month
    assert 'href="/stories/2022/11/8/">Nov. 8</a>' in month
    # 23:00 in Los Angeles is the next day in UTC; the archive follows the newsroom's clock.
    day = text(client.get("/stories/2022/11/08/"))
    assert "Election night" in day and "Day after" not in day
    for url in ["/stories/2021/", "/stories/2022/12/", "/stories/2022/13/", "/stories/2022/11/31/"]:
        assert client.get(url).status_code == 404, url


def test_archives_and_tags_hide_drafts_and_scheduled_stories(client):
    when = datetime.datetime(2022, 11, 9, 9, 0, tzinfo=LA)
    shown = factories.article(headline="Shown story", published_at=when)
    draft = factories.article(headline="Draft story", status="draft", published_at=when)
    later = factories.article(
        headline="Scheduled story", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    for story in (shown, draft, later):
        story.tags.add("count")
    for url in [
        "/stories/",
        "/stories/2022/",
        "/stories/2022/11/",
        "/stories/2022/11/9/",
        "/tags/count/",
    ]:
        page = text(client.get(url))
        assert "Shown story" in page, url
        assert "Draft story" not in page and "Scheduled story" not in page, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(later.get_absolute_url()).status_code == 404


def test_story_page_prints_the_linked_body_and_its_links(client, demo):
    story = demo_story("bass-narrows-gap-thursday-count")
    page = text(client.get(story.get_absolute_url()))
    assert '<a class="link-candidate" href="/candidates/rick-caruso/">Rick Caruso</a>' in page
    release_url = at(THURSDAY).get_absolute_url()
    assert f'<a class="link-count" href="{release_url}">273,941</a>' in page
    assert "Candidates in this story" in page
    assert 'href="/elections/los-angeles-mayor-2022-11-08/"' in page


def test_story_page_falls_back_to_plain_paragraphs_without_stored_html(client, demo):
    story = demo_story("bass-narrows-gap-thursday-count")
    Article.objects.filter(pk=story.pk).update(body_html="")
    page = text(client.get(story.get_absolute_url()))
    assert "<p>The county registrar&#x27;s Thursday release put Rick Caruso at 273,941" in page


def test_story_body_with_markup_renders_as_text(client):
    story = factories.article(body='<script>alert("x")</script> &amp; <b onclick="x">bold</b>')
    page = text(client.get(story.get_absolute_url()))
    assert "<script>alert" not in page
    assert "<b onclick" not in page
    assert "&lt;script&gt;" in page


def test_count_panels_show_the_count_then_and_now(client, demo):
    # Published on the morning of Nov 9, after election night's last release; the count
    # went on until it was certified on Dec 5.
    story = demo_story("caruso-holds-early-edge-over-bass")
    page = text(client.get(story.get_absolute_url()))
    then = panel(page, "The count when this was published")
    assert f"release {at(ELECTION_NIGHT_LAST).number}, Nov. 9, 2022" in then
    assert "51.25%" in then and "48.75%" in then and "252,476" in then
    assert 'href="/elections/los-angeles-mayor-2022-11-08/#timeline"' in then
    now = panel(page, "The count now")
    assert f"release {at(CERTIFIED).number}, Dec. 5, 2022" in now
    assert "509,944" in now and "420,030" in now
    assert 'href="/elections/los-angeles-mayor-2022-11-08/#timeline"' in now


def test_count_now_says_so_when_nothing_newer_came(client, demo):
    # Filed after the AP's primary-night figures, the last the demo holds for the primary.
    story = demo_story("caruso-and-bass-bound-for-runoff")
    page = text(client.get(story.get_absolute_url()))
    assert "release 1, June 7, 2022" in panel(page, "The count when this was published")
    assert "the count above is still the latest" in panel(page, "The count now")


def test_a_suppressed_candidate_link_is_not_listed(client, demo):
    story = demo_story("bass-narrows-gap-thursday-count")
    ArticleCandidate.objects.filter(article=story, candidate__slug="rick-caruso").update(
        is_suppressed=True
    )
    page = text(client.get(story.get_absolute_url()))
    sidebar = page[page.index("Candidates in this story") :]
    assert "Karen Bass" in sidebar.split("</section>")[0]
    assert "Rick Caruso" not in sidebar.split("</section>")[0]


def test_story_on_the_wrong_date_is_not_found(client):
    story = factories.article(
        slug="a-story", published_at=datetime.datetime(2022, 11, 9, 9, 0, tzinfo=LA)
    )
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get("/stories/2022/11/10/a-story/").status_code == 404
    assert client.get("/stories/2022/2/30/a-story/").status_code == 404


def test_home_shows_latest_result_and_candidates_in_the_news(client, demo):
    page = text(client.get("/"))
    assert "Latest result" in page
    assert "Karen Bass</a></strong> (elected)" in page
    news = page[page.index("Candidates in the news") :]
    assert news.index("Karen Bass") < news.index("Austin Beutner")


def test_home_lists_an_election_being_counted(client):
    election = factories.election(jurisdiction="Riverton", status="counting")
    release = factories.release(election=election, released_at=timezone.now())
    factories.vote_count(release=release, votes=900)
    page = text(client.get("/"))
    assert "Elections now counting" in page
    assert "Riverton" in page
    assert "Latest count" in page


def test_tag_page_lists_its_stories(client):
    tagged = factories.article(headline="Tagged story")
    tagged.tags.add("explainer")
    factories.article(headline="Untagged story")
    page = text(client.get("/tags/explainer/"))
    assert "Tagged story" in page and "Untagged story" not in page
    assert client.get("/tags/no-such-tag/").status_code == 404
    assert client.get("/tags/explainer/?page=99999999999999999999").status_code == 404


def test_not_found_page_is_ours(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in text(response)
    assert 'href="/stories/"' in text(response)


def test_server_error_page_stands_alone():
    page = render_to_string("500.html")
    assert "Something went wrong on our side" in page
    assert "{%" not in page


def test_every_page_has_the_site_navigation(client, demo):
    page = text(client.get("/stories/"))
    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
    for href in [
        'href="/stories/"',
        'href="/candidates/"',
        'href="/elections/"',
        'href="/search/"',
    ]:
        assert href in nav
    assert 'aria-current="true">Stories' in nav


@pytest.mark.parametrize(
    "date_part",
    ["99999999999999999999/11/10", "2022/99999999999999999999/10", "2022/11/99999999999999999999"],
)
def test_a_story_address_with_a_huge_date_part_is_not_found(client, db, date_part):
    story = factories.article(slug="real-story")
    assert story.get_absolute_url() != f"/stories/{date_part}/real-story/"
    assert client.get(f"/stories/{date_part}/real-story/").status_code == 404
    for archive in (date_part.split("/")[0], "/".join(date_part.split("/")[:2]), date_part):
        assert client.get(f"/stories/{archive}/").status_code == 404


def test_a_tag_in_another_script_has_its_page_and_feed(client, db):
    story = factories.article(headline="Campaña en el este")
    story.tags.add("de León")
    tag_url = "/tags/de-le%C3%B3n/"
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert f'href="{tag_url}"' in page.content.decode()
    assert "Campaña en el este" in client.get(tag_url).content.decode()
    assert client.get(tag_url + "feed/").status_code == 200


def test_the_stories_index_offers_only_years_that_have_stories(client):
    for year in (2020, 2022):
        factories.article(published_at=datetime.datetime(year, 6, 1, 9, 0, tzinfo=LA))
    # Late on New Year's Eve in Los Angeles is already the next year in UTC.
    factories.article(published_at=datetime.datetime(2017, 12, 31, 23, 0, tzinfo=LA))
    page = text(client.get("/stories/"))
    assert re.findall(r'href="/stories/(\d{4})/"', page) == ["2022", "2020", "2017"]
