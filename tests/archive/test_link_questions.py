"""What the linker asks the desk (issue 13, point 7): the names and figures it could not
decide, stored with the story, and the editor's answer kept through every relink.

Each test writes its own sentences, in the 2022 mayoral race of conftest.py.
"""

import datetime
import zoneinfo

import pytest

from archive.models import Article, ArticleRelease, LinkQuestion
from archive.models.questions import CannotDecide
from candidates.models import Candidate
from tests import factories
from tests.archive.test_linking_texts import named

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
Kind = LinkQuestion.Kind


def pacific(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LA)


def asked(story):
    """{(kind, text as written): sorted options} of the story's open questions."""
    return {
        (q.kind, q.text): sorted(q.options)
        for q in LinkQuestion.objects.open().filter(article=story)
    }


def relink_all():
    Article.objects.all().relink()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("desk", password="x")


@pytest.fixture
def thursday(general, bass, caruso):
    return factories.release(
        election=general,
        released_at=pacific("2022-11-10T16:00"),
        ballots_counted=1452192,
        votes={caruso: 273941, bass: 271246},
    )


@pytest.fixture
def joe_bass(general):
    joe = factories.candidate(name="Joe Bass", slug="joe-bass", press_names=["Bass"])
    factories.candidacy(candidate=joe, election=general)
    return joe


def test_a_surname_two_candidates_share_is_asked_and_the_answer_sticks(
    general, bass, joe_bass, editor
):
    story = factories.article(
        published_at=pacific("2022-11-06T21:00"), body="Bass spoke at the rally. Bass left at ten."
    )
    assert named(story) == {}
    assert asked(story) == {(Kind.AMBIGUOUS, "Bass"): sorted([bass.pk, joe_bass.pk])}
    question = LinkQuestion.objects.get(article=story)
    question.accept(bass.pk, editor)
    assert named(story) == {"karen-bass": 2}
    relink_all()
    assert named(story) == {"karen-bass": 2}
    assert asked(story) == {}
    question.refresh_from_db()
    assert (question.status, question.candidate, question.decided_by) == ("accepted", bass, editor)


def test_an_answer_must_be_one_of_the_options(general, bass, joe_bass, editor):
    story = factories.article(published_at=pacific("2022-11-06T21:00"), body="Bass spoke.")
    stranger = factories.candidate(name="Ann Bass")
    question = LinkQuestion.objects.get(article=story)
    with pytest.raises(CannotDecide, match="not one of the answers"):
        question.accept(stranger.pk, editor)
    question.refresh_from_db()
    assert question.status == "open"
    assert named(story) == {}


def test_a_surname_of_a_candidate_in_another_race_is_asked_about(general, bass):
    council = factories.election(
        jurisdiction="Long Beach", office="City Council", date=datetime.date(2022, 11, 8)
    )
    lee = factories.candidate(name="Grace Lee")
    factories.candidacy(candidate=lee, election=council)
    story = factories.article(
        published_at=pacific("2022-11-03T10:00"), body="Karen Bass met Lee at the rally."
    )
    assert named(story) == {"karen-bass": 1}
    assert asked(story) == {(Kind.SURNAME, "Lee"): [lee.pk]}


def test_a_surname_nobody_stands_under_near_the_story_is_not_asked(general, bass):
    council = factories.election(
        jurisdiction="Long Beach", office="City Council", date=datetime.date(2014, 4, 8)
    )
    factories.candidacy(candidate=factories.candidate(name="Grace Lee"), election=council)
    story = factories.article(
        published_at=pacific("2022-11-03T10:00"), body="Karen Bass met Lee at the rally."
    )
    assert asked(story) == {}


def test_a_figure_matching_no_release_is_asked_and_an_accepted_one_links(
    general, bass, caruso, thursday, editor
):
    story = factories.article(
        published_at=pacific("2022-11-10T19:00"),
        body="Rick Caruso had 273,914 votes and Karen Bass 271,246.\n\n"
        "About 883,000 ballots are left, and Caruso leads by just under 2,700 votes.",
    )
    # The misprint is asked about; the rounded figures are not, being rounded on purpose.
    assert asked(story) == {(Kind.FIGURE, "273,914"): [thursday.pk]}
    quoted = ArticleRelease.objects.filter(article=story, reason=ArticleRelease.Reason.QUOTED)
    assert list(quoted.values_list("quoted_figures", flat=True)) == ["271,246"]
    LinkQuestion.objects.get(article=story).accept(thursday.pk, editor)
    relink_all()
    assert list(quoted.values_list("quoted_figures", flat=True)) == ["273,914, 271,246"]
    story.refresh_from_db()
    assert f'href="{thursday.get_absolute_url()}">273,914</a>' in story.body_html


def test_a_dismissed_question_is_not_asked_again(general, bass, joe_bass, editor):
    story = factories.article(published_at=pacific("2022-11-06T21:00"), body="Bass spoke.")
    LinkQuestion.objects.get(article=story).dismiss(editor)
    relink_all()
    story.body = "Bass spoke again."
    story.save()
    assert asked(story) == {}
    assert LinkQuestion.objects.filter(article=story, status="dismissed").count() == 1
    with pytest.raises(CannotDecide, match="already dismissed"):
        LinkQuestion.objects.get(article=story).dismiss(editor)


def test_an_open_question_goes_when_the_story_no_longer_asks_it(general, bass, joe_bass):
    story = factories.article(published_at=pacific("2022-11-06T21:00"), body="Bass spoke.")
    assert asked(story)
    story.body = "Karen Bass spoke."
    story.save()
    assert LinkQuestion.objects.filter(article=story).count() == 0


def test_a_person_who_is_no_candidate_is_asked_about(general, bass, caruso, editor):
    story = factories.article(
        published_at=pacific("2022-11-06T21:00"),
        body="Dr. Maria Caruso, a dentist, voted early. Karen Bass spoke at noon.\n\n"
        "Tomas Ortega, a retired teacher, said he would wait for the count.",
    )
    assert asked(story) == {(Kind.PERSON, "Maria Caruso"): [], (Kind.PERSON, "Tomas Ortega"): []}
    ortega = LinkQuestion.objects.get(article=story, text="Tomas Ortega")
    ortega.accept(None, editor)
    created = Candidate.objects.get(name="Tomas Ortega")
    assert named(story) == {"karen-bass": 1, created.slug: 1}


def test_a_name_ending_in_a_candidates_surname_is_offered_as_his_press_name(
    general, bass, caruso, editor
):
    story = factories.article(
        published_at=pacific("2022-11-06T21:00"),
        body="Richard Caruso said the count would take weeks.",
    )
    assert asked(story) == {(Kind.PERSON, "Richard Caruso"): [caruso.pk]}
    LinkQuestion.objects.get(article=story).accept(caruso.pk, editor)
    caruso.refresh_from_db()
    assert "Richard Caruso" in caruso.press_names
    assert named(story) == {"rick-caruso": 1}
