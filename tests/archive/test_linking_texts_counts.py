"""The linker on short texts of our own: the counts a story reports, and editors' overrides.

These run on a plain clone. tests/archive/test_linking.py checks the same rules
on the real seed stories where ../shared/seeds exists. The figures are those of
the 2022 general election for mayor of Los Angeles (see conftest.py for the race);
each test adds the releases it needs and writes its own sentences.
"""

import datetime
import zoneinfo

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from archive.linking import relink
from archive.models import Article, ArticleCandidate, ArticleRelease, Origin
from tests import factories
from tests.archive.conftest import mayor_race

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
QUOTED = ArticleRelease.Reason.QUOTED
AT_PUBLICATION = ArticleRelease.Reason.AT_PUBLICATION
RELEASE_URL = "/elections/los-angeles-mayor-2022-11-08/updates/{}/"


def pacific(text):
    """A time on the newsroom's clock in Los Angeles."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LA)


def count_link(number, figure):
    """A figure in a story's body, linked to the release of the 2022 general that holds it."""
    return f'<a class="link-count" href="{RELEASE_URL.format(number)}">{figure}</a>'


def reports_link(number):
    """The release listed beside a story under "Counts this story reports"."""
    name = f"Los Angeles Mayor, general of Nov. 8, 2022: release {number}"
    return f'<a href="{RELEASE_URL.format(number)}">{name}</a>'


def reported(story, reason):
    """{(release number, figures quoted)} for the story's release links of one reason."""
    links = ArticleRelease.objects.filter(article=story, reason=reason, is_suppressed=False)
    return {(link.release.number, link.quoted_figures) for link in links}


def named(story):
    links = ArticleCandidate.objects.filter(article=story, is_suppressed=False)
    return dict(links.values_list("candidate__slug", "mention_count"))


def early_wednesday(general, bass, caruso):
    """Release 1: shares only, as a network reported them with 38% of the vote counted."""
    return factories.release(
        election=general,
        released_at=pacific("2022-11-09T01:00"),
        expected_vote_pct=38,
        shares={caruso: "51.2", bass: "48.8"},
    )


def thursday(general, bass, caruso, **kw):
    """Release 2: the registrar's votes and ballots counted on Thursday afternoon."""
    return factories.release(
        election=general,
        released_at=pacific("2022-11-10T16:00"),
        ballots_counted=1452192,
        votes={caruso: 273941, bass: 271246},
        **kw,
    )


def test_a_quoted_vote_count_links_to_the_release_holding_it(client, general, bass, caruso):
    early_wednesday(general, bass, caruso)
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"),
        body="Rick Caruso had 273,941 votes to 271,246 for Karen Bass after Thursday's count.",
    )
    assert reported(story, QUOTED) == {(2, "273,941, 271,246")}
    page = client.get(story.get_absolute_url())
    assertContains(page, count_link(2, "273,941"), html=True)
    assertContains(page, count_link(2, "271,246"), html=True)
    assertContains(page, reports_link(2), html=True)


def test_ballots_counted_link_to_the_release(client, general, bass, caruso):
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-10T19:00"),
        body="Karen Bass gained ground as the county reached 1,452,192 ballots counted.",
    )
    assert reported(story, QUOTED) == {(1, "1,452,192")}
    assertContains(client.get(story.get_absolute_url()), count_link(1, "1,452,192"), html=True)


def test_rounded_and_misprinted_figures_link_nothing(client, general, bass, caruso):
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-10T19:00"),
        body="Karen Bass trails Rick Caruso by just under 2,700 votes, with about 883,000 "
        "ballots left to count county-wide.\n\n"
        "Caruso's total of about 274,000 votes was first printed as 273,914.",
    )
    assert reported(story, QUOTED) == set()
    assertNotContains(client.get(story.get_absolute_url()), "link-count")


def test_a_figure_links_the_latest_release_not_after_the_story(general, bass, caruso):
    thursday(general, bass, caruso)
    # A correction two hours later restates the same ballots counted.
    factories.release(
        election=general, released_at=pacific("2022-11-10T18:00"), ballots_counted=1452192
    )
    sentence = "Karen Bass and Rick Caruso wait as 1,452,192 ballots have been counted."
    between = factories.article(published_at=pacific("2022-11-10T17:00"), body=sentence)
    after_both = factories.article(published_at=pacific("2022-11-11T09:00"), body=sentence)
    assert reported(between, QUOTED) == {(1, "1,452,192")}
    assert reported(after_both, QUOTED) == {(2, "1,452,192")}
    # Before Thursday's count no release held the figure: a story cannot report it.
    guess = factories.article(
        published_at=pacific("2022-11-09T09:00"), body="Rick Caruso may reach 273,941 votes."
    )
    assert reported(guess, QUOTED) == set()


def test_a_figure_links_only_a_release_of_an_election_the_story_covers(general, bass, caruso):
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"),
        body="The county museum counted 273,941 visitors this year.",
    )
    assert reported(story, QUOTED) == set()
    assert "link-count" not in story.body_html


def test_percentages_link_releases_that_gave_only_shares(client, general, bass, caruso):
    early_wednesday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-09T09:00"),
        body="Rick Caruso led with 51.2% to 48.8 percent for Karen Bass. "
        "Rounded, that is 51% to 49%.",
    )
    assert reported(story, QUOTED) == {(1, "51.2%, 48.8%")}
    page = client.get(story.get_absolute_url())
    assertContains(page, count_link(1, "51.2"), html=True)
    assertContains(page, count_link(1, "48.8"), html=True)
    assertContains(page, "Rounded, that is 51% to 49%.")


def test_the_count_at_publication_is_the_latest_release_at_or_before_the_story(
    client, general, bass, caruso
):
    early_wednesday(general, bass, caruso)
    thursday(general, bass, caruso)
    sentence = "Karen Bass and Rick Caruso wait for the count."

    election_night = factories.article(published_at=pacific("2022-11-08T22:00"), body=sentence)
    assert reported(election_night, AT_PUBLICATION) == set()
    page = client.get(election_night.get_absolute_url())
    assertContains(page, "No results had been released when this story was published.")

    morning = factories.article(published_at=pacific("2022-11-09T09:00"), body=sentence)
    assert reported(morning, AT_PUBLICATION) == {(1, "")}
    page = client.get(morning.get_absolute_url())
    then = f'<a href="{RELEASE_URL.format(1)}">Release 1, Nov. 9, 1 a.m.</a>'
    now = f'<a href="{RELEASE_URL.format(2)}">Release 2, Nov. 10, 2022</a>'
    assertContains(page, then, html=True)
    assertContains(page, now, html=True)

    # Published the minute Thursday's count came out: that count is already the context.
    on_the_minute = factories.article(published_at=pacific("2022-11-10T16:00"), body=sentence)
    assert reported(on_the_minute, AT_PUBLICATION) == {(2, "")}


def test_a_link_an_editor_removed_stays_removed(client, general, bass, caruso):
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"),
        body="Karen Bass had 271,246 votes and Rick Caruso 273,941.",
    )
    ArticleCandidate.objects.filter(article=story, candidate=caruso).update(is_suppressed=True)
    ArticleRelease.objects.filter(article=story, reason=QUOTED).update(is_suppressed=True)

    relink(Article.objects.filter(pk=story.pk))
    assert named(story) == {"karen-bass": 1}
    assert reported(story, QUOTED) == set()
    page = client.get(story.get_absolute_url())
    assertContains(
        page, '<a class="link-candidate" href="/candidates/karen-bass/">Karen Bass</a>', html=True
    )
    assertNotContains(page, 'class="link-candidate" href="/candidates/rick-caruso/"')
    assertNotContains(page, "link-count")

    # An edit that drops his name and one that brings it back keep the editor's "no".
    story.body = "Karen Bass had 271,246 votes."
    story.save()
    story.body = "Karen Bass had 271,246 votes and Rick Caruso 273,941."
    story.save()
    assert named(story) == {"karen-bass": 1}
    assert reported(story, QUOTED) == set()


def test_a_link_an_editor_added_stays(client, general, bass, caruso):
    release = thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"), body="Karen Bass thanked her volunteers."
    )
    ArticleCandidate.objects.create(article=story, candidate=caruso, origin=Origin.EDITOR)
    ArticleRelease.objects.create(
        article=story, release=release, reason=ArticleRelease.Reason.EDITOR, origin=Origin.EDITOR
    )

    relink(Article.objects.filter(pk=story.pk))
    story.save()
    assert named(story) == {"karen-bass": 1, "rick-caruso": 0}
    page = client.get(story.get_absolute_url())
    assertContains(page, '<li><a href="/candidates/rick-caruso/">Rick Caruso</a></li>', html=True)
    assertContains(page, reports_link(1), html=True)


@pytest.mark.parametrize(
    "sentence, figure",
    [
        ("Karen Bass trails Rick Caruso by 2,695 votes.", "2,695"),
        ("Rick Caruso leads with 883,000 ballots still to count.", "883,000"),
        ("Rick Caruso and Karen Bass have 545,187 votes between them.", "545,187"),
        ("Rick Caruso has 50.25% of the vote.", "50.25%"),
        ("Rick Caruso's lead over Karen Bass fell from 12,000 to 2,695 votes.", "2,695"),
    ],
)
def test_every_figure_design_names_links_to_its_release(general, bass, caruso, sentence, figure):
    thursday(general, bass, caruso, ballots_remaining=883000)
    story = factories.article(published_at=pacific("2022-11-11T09:00"), body=sentence)
    assert reported(story, QUOTED) == {(1, figure)}


def test_a_figure_given_to_the_wrong_candidate_links_nothing(general, bass, caruso):
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"), body="Karen Bass had 273,941 votes."
    )
    assert reported(story, QUOTED) == set()


def test_removing_the_count_at_publication_keeps_quoted_figures_linked(
    client, general, bass, caruso
):
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"), body="Rick Caruso had 273,941 votes."
    )
    ArticleRelease.objects.filter(article=story, reason=AT_PUBLICATION).update(is_suppressed=True)
    relink(Article.objects.filter(pk=story.pk))
    page = client.get(story.get_absolute_url())
    assertContains(page, reports_link(1), html=True)
    assertContains(page, count_link(1, "273,941"), html=True)


# Whose figure it is, at what precision, and in which election (issue 13).


@pytest.mark.parametrize(
    "sentence, figures",
    [
        ("Rick Caruso 273,941 (50.25%), Karen Bass 271,246 (49.75%).", 4),
        ("Rick Caruso led with 50.2% to 49.8% for Karen Bass.", 2),
        ("Rick Caruso had 50 percent of the vote, Karen Bass 50 percent.", 2),
        ("Karen Bass trailed with 271,246 votes to Rick Caruso's 273,941.", 2),
        # Figures joined by "to" after two names come in the names' order.
        ("Rick Caruso led Karen Bass on Thursday, 273,941 (50.25%) to 271,246 (49.75%).", 4),
        ("Karen Bass trailed Rick Caruso, 271,246 votes to 273,941.", 2),
        ("Rick Caruso led Karen Bass 50.25% to 49.75%.", 2),
    ],
)
def test_a_share_links_at_the_precision_printed_beside_its_candidates_votes(
    general, bass, caruso, sentence, figures
):
    thursday(general, bass, caruso)
    story = factories.article(published_at=pacific("2022-11-11T09:00"), body=sentence)
    assert story.body_html.count('class="link-count"') == figures
    assert {number for number, _ in reported(story, QUOTED)} == {1}


@pytest.mark.parametrize(
    "sentence",
    [
        "Rick Caruso had 49.75% and Karen Bass 50.25%.",
        "Karen Bass 273,941 (50.25%), Rick Caruso 271,246 (49.75%).",
        "Rick Caruso trailed with 49.8% to 50.2% for Karen Bass.",
        "Rick Caruso trailed Karen Bass on Thursday, 271,246 to 273,941.",
    ],
)
def test_figures_swapped_between_the_candidates_link_nothing(general, bass, caruso, sentence):
    thursday(general, bass, caruso)
    story = factories.article(published_at=pacific("2022-11-11T09:00"), body=sentence)
    assert reported(story, QUOTED) == set()
    assert 'class="link-count"' not in story.body_html


@pytest.mark.parametrize(
    "sentence",
    [
        "Karen Bass trails Rick Caruso by just under 2,700 votes.",
        "About 900,000 ballots are still to be counted.",
        "Rick Caruso has 273,900 votes.",
        "Rick Caruso has 50.3% of the vote.",
        # Exact, but hedged: the writer did not mean the count.
        "Rick Caruso kept a lead of about 50.25% over Karen Bass.",
        "Rick Caruso has some 273,941 votes.",
    ],
)
def test_rounded_or_misprinted_figures_link_nothing(general, bass, caruso, sentence):
    thursday(general, bass, caruso, ballots_remaining=883000)
    story = factories.article(published_at=pacific("2022-11-11T09:00"), body=sentence)
    assert reported(story, QUOTED) == set()


def test_a_share_worked_out_from_a_release_naming_only_some_links_nothing(general, bass, caruso):
    general.ballot_size = 3
    general.save()
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"),
        body="Rick Caruso had 273,941 votes, 50.25% of those counted for the two.",
    )
    assert reported(story, QUOTED) == {(1, "273,941")}


def test_a_primary_result_recalled_in_a_general_election_story_links_to_the_primary(
    general, bass, caruso
):
    primary = mayor_race(datetime.date(2022, 6, 7), bass, caruso, stage="primary")
    factories.release(
        election=primary,
        released_at=pacific("2022-06-07T23:30"),
        shares={caruso: "41", bass: "37"},
    )
    thursday(general, bass, caruso)
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"),
        body="Rick Caruso had 273,941 votes. In June he led Karen Bass on primary night, "
        "when Rick Caruso had 41% of the vote.",
    )
    links = ArticleRelease.objects.filter(article=story, reason=QUOTED)
    assert {(link.release.election_id, link.quoted_figures) for link in links} == {
        (general.pk, "273,941"),
        (primary.pk, "41%"),
    }


def test_a_candidate_is_linked_once_a_story_and_every_mention_counted(general, bass, caruso):
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"),
        body="Karen Bass spoke first. Bass thanked her staff.\n\n"
        "Rick Caruso spoke later. Bass was gone by then.",
    )
    assert story.body_html.count('href="/candidates/karen-bass/"') == 1
    assert story.body_html.count('href="/candidates/rick-caruso/"') == 1
    assert named(story) == {"karen-bass": 3, "rick-caruso": 1}


def test_a_middle_initial_ends_no_sentence_and_the_press_may_leave_it_out(db):
    padilla = factories.candidate(name="Alex Padilla", slug="alex-padilla")
    meuser = factories.candidate(name="Mark P. Meuser", slug="mark-p-meuser")
    senate = mayor_race(datetime.date(2022, 11, 8), padilla, meuser)
    factories.release(
        election=senate,
        released_at=pacific("2022-11-10T16:00"),
        votes={padilla: 934151, meuser: 478410},
    )
    story = factories.article(
        published_at=pacific("2022-11-11T09:00"),
        body="Alex Padilla beat Mark P. Meuser, 934,151 votes to 478,410.",
    )
    assert story.body_html.count('class="link-count"') == 2
    assert reported(story, QUOTED) == {(1, "934,151, 478,410")}
    later = factories.article(
        published_at=pacific("2022-11-11T10:00"), body="Mark Meuser conceded to Alex Padilla."
    )
    assert named(later) == {"mark-p-meuser": 1, "alex-padilla": 1}
