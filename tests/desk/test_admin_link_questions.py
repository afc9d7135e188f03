"""The desk's page of what the linker could not decide: listed across stories, answered or
dismissed with one click, by those allowed to."""

import datetime
import re
import zoneinfo

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from archive.models import ArticleCandidate, LinkQuestion
from tests import admin_users, factories
from tests.archive.conftest import mayor_race

pytestmark = pytest.mark.django_db

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
CHANGELIST = "/admin/archive/linkquestion/"


@pytest.fixture
def two_basses(db):
    karen = factories.candidate(name="Karen Bass", slug="karen-bass", press_names=["Bass"])
    joe = factories.candidate(name="Joe Bass", slug="joe-bass", press_names=["Bass"])
    mayor_race(datetime.date(2022, 11, 8), karen, joe)
    story = factories.article(
        headline="<b>Late</b> rally",
        published_at=datetime.datetime(2022, 11, 6, 21, tzinfo=LA),
        body="Bass spoke at the rally.",
    )
    return karen, joe, story


def decide(client, question, **data):
    return client.post(f"{CHANGELIST}{question.pk}/decide/", data, follow=True)


def test_the_page_lists_open_questions_with_a_button_per_answer(client, two_basses):
    karen, joe, story = two_basses
    client.force_login(admin_users.editor())
    page = client.get(CHANGELIST)
    question = LinkQuestion.objects.get(article=story)
    action = f"{CHANGELIST}{question.pk}/decide/"
    for candidate in (karen, joe):
        assertContains(
            page,
            f'<button type="submit" class="button" formaction="{action}" name="choice" '
            f'value="{candidate.pk}">{candidate.name}</button>',
            html=True,
        )
    assertContains(page, "Bass spoke at the rally.")
    assertContains(page, "&lt;b&gt;Late&lt;/b&gt; rally")
    assertNotContains(page, "<b>Late</b>")


def test_one_click_accepts_and_the_story_links(client, two_basses):
    karen, _, story = two_basses
    client.force_login(admin_users.editor())
    question = LinkQuestion.objects.get(article=story)
    page = decide(client, question, choice=karen.pk)
    assertContains(page, "now links to Karen Bass")
    assert list(
        ArticleCandidate.objects.filter(article=story).values_list("candidate", flat=True)
    ) == [karen.pk]
    # Answered questions leave the open list, and show under "Accepted".
    assertNotContains(client.get(CHANGELIST), f"{question.pk}/decide/")
    assertContains(client.get(CHANGELIST + "?status=accepted"), "Accepted: Karen Bass")


def test_one_click_dismisses(client, two_basses):
    _, _, story = two_basses
    client.force_login(admin_users.editor())
    question = LinkQuestion.objects.get(article=story)
    assertContains(decide(client, question, dismiss="1"), "will not be asked again")
    question.refresh_from_db()
    assert question.status == "dismissed"
    assert not ArticleCandidate.objects.filter(article=story).exists()


def test_a_forged_answer_is_refused_with_a_message_and_nothing_changed(client, two_basses):
    _, _, story = two_basses
    client.force_login(admin_users.editor())
    question = LinkQuestion.objects.get(article=story)
    stranger = factories.candidate(name="Ann Bass")
    assertContains(decide(client, question, choice=stranger.pk), "not one of the answers")
    assertContains(decide(client, question, choice="x"), "Choose one of the answers")
    assert client.get(f"{CHANGELIST}{question.pk}/decide/").status_code == 405
    question.refresh_from_db()
    assert question.status == "open"
    assert not ArticleCandidate.objects.filter(article=story).exists()


def test_the_results_desk_sees_but_cannot_answer(client, two_basses):
    karen, _, story = two_basses
    client.force_login(admin_users.results_desk())
    assert client.get(CHANGELIST).status_code == 200
    question = LinkQuestion.objects.get(article=story)
    assert decide(client, question, choice=karen.pk).status_code == 403
    question.refresh_from_db()
    assert question.status == "open"


def test_a_new_candidate_from_a_person_needs_a_candidate_editor(client, db):
    story = factories.article(body="Tomas Ortega, a retired teacher, said he would vote.")
    question = LinkQuestion.objects.get(article=story, kind="person")
    client.force_login(admin_users.editor())
    page = client.get(CHANGELIST)
    assert re.search(r"New candidate “Tomas Ortega”", page.content.decode())
    assertContains(decide(client, question, choice="new"), "needs a candidate editor")
    question.refresh_from_db()
    assert question.status == "open"
    client.force_login(admin_users.chief())
    assertContains(decide(client, question, choice="new"), "now links to Tomas Ortega")
    assert story.candidate_links.get().candidate.name == "Tomas Ortega"
