"""Two records of one person, merged by the desk: every candidacy, link and story kept."""

import pytest

from archive.models import ArticleCandidate
from candidates.models import Candidate
from tests import admin_users, factories

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/candidates/candidate/"


def merge(client, *records):
    return client.post(
        CHANGELIST,
        {"action": "merge", "_selected_action": [r.pk for r in records]},
        follow=True,
    )


def test_merging_keeps_every_candidacy_link_and_story(client, django_capture_on_commit_callbacks):
    client.force_login(admin_users.chief())
    election = factories.election(slug="river-city-mayor")
    press = factories.candidate(name="Karen Bass", slug="karen-bass", press_names=["Bass"])
    ballot = factories.candidate(name="Karen Ruth Bass", slug="karen-ruth-bass")
    factories.candidacy(candidate=ballot, election=election, ballot_name="KAREN RUTH BASS")
    story = factories.article(body="Karen Ruth Bass spoke; Karen Bass listened to herself.")
    assert set(story.candidate_links.values_list("candidate__slug", flat=True)) == {
        "karen-bass",
        "karen-ruth-bass",
    }

    with django_capture_on_commit_callbacks(execute=True):
        page = merge(client, press, ballot).content.decode()
    assert "Merged Karen Ruth Bass into Karen Bass" in page
    assert not Candidate.objects.filter(slug="karen-ruth-bass").exists()
    press.refresh_from_db()
    assert "Karen Ruth Bass" in press.press_names
    assert press.candidacies.get().ballot_name == "KAREN RUTH BASS"
    link = ArticleCandidate.objects.get(article=story)
    assert link.candidate == press and link.mention_count == 2
    story.refresh_from_db()
    assert "/candidates/karen-ruth-bass/" not in story.body_html
    assert story.body_html.count('href="/candidates/karen-bass/"') >= 1
    assert client.get("/candidates/karen-ruth-bass/").status_code == 404
    assert "river-city-mayor" in client.get("/candidates/karen-bass/").content.decode()


def test_merging_needs_two_records_and_refuses_two_candidacies_in_one_contest(client):
    client.force_login(admin_users.chief())
    election = factories.election()
    one = factories.candidate(name="Ada Okafor")
    two = factories.candidate(name="Ada N. Okafor")
    factories.candidacy(candidate=one, election=election)
    factories.candidacy(candidate=two, election=election)
    assert "Select exactly two records" in merge(client, one).content.decode()
    page = merge(client, one, two).content.decode()
    assert "Both records stand in" in page
    assert Candidate.objects.filter(pk__in=[one.pk, two.pk]).count() == 2


def test_editors_cannot_merge(client):
    client.force_login(admin_users.editor())
    one, two = factories.candidate(), factories.candidate()
    response = merge(client, one, two)
    assert Candidate.objects.filter(pk__in=[one.pk, two.pk]).count() == 2
    assert response.status_code in (200, 403)


def test_the_desk_lists_the_records_that_share_a_name_to_decide_on(client):
    client.force_login(admin_users.chief())
    factories.candidate(name="Alex Padilla", slug="alex-padilla")
    factories.candidate(name="ALEX PADILLA", slug="alex-padilla-2")
    factories.candidate(name="Alex Padillo", slug="alex-padillo")
    page = client.get(CHANGELIST, {"namesakes": "yes"}).content.decode()
    assert "Shared with another record" in page
    listed = [s for s in ("alex-padilla-2", "alex-padilla", "alex-padillo") if f">{s}<" in page]
    assert listed == ["alex-padilla-2", "alex-padilla"]
