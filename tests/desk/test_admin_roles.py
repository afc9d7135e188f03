"""Roles as the admin enforces them: what an editor and the results desk may and may not do."""

import pytest
from django.contrib.auth.models import Group

from archive.models import Article
from desk.roles import EDITORS, RESULTS_DESK
from elections.models import Election, VoteCount
from tests import admin_users, factories

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_roles_exist_after_migrate_with_their_permissions():
    editors = codenames(EDITORS)
    assert {
        ("archive", "add_article"),
        ("archive", "change_article"),
        ("archive", "delete_article"),
        ("archive", "change_publication"),
        ("taggit", "add_tag"),
        ("elections", "view_election"),
        ("elections", "view_votecount"),
        ("candidates", "view_candidate"),
    } <= editors
    assert not {c for c in editors if c[0] in ("elections", "candidates")} - {
        (app, code) for app, code in editors if code.startswith("view_")
    }
    desk = codenames(RESULTS_DESK)
    assert {
        ("elections", "add_release"),
        ("elections", "change_votecount"),
        ("elections", "change_election"),
        ("archive", "view_article"),
    } <= desk
    assert ("archive", "change_article") not in desk
    assert ("elections", "delete_election") not in desk


def test_editor_writes_and_publishes_a_story(client):
    client.force_login(admin_users.editor())
    draft = factories.article(status=Article.Status.DRAFT)
    response = client.post(
        "/admin/archive/article/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_editor_cannot_change_a_count(client):
    client.force_login(admin_users.editor())
    vote_count = factories.vote_count(votes=1234)
    release = vote_count.release
    url = f"/admin/elections/votecount/{vote_count.pk}/change/"
    assert client.get(url).status_code == 200  # may look
    response = client.post(
        url,
        {"release": release.pk, "candidacy": vote_count.candidacy_id, "votes": 9999},
    )
    assert response.status_code == 403
    response = client.post(
        f"/admin/elections/release/{release.pk}/change/",
        {"source": "Typo desk", "vote_counts-TOTAL_FORMS": 0, "vote_counts-INITIAL_FORMS": 0},
    )
    assert response.status_code == 403
    vote_count.refresh_from_db()
    release.refresh_from_db()
    assert vote_count.votes == 1234
    assert release.source == "County registrar"
    assert client.get("/admin/elections/release/add/").status_code == 403


def test_editor_cannot_delete_an_election(client):
    client.force_login(admin_users.editor())
    election = factories.election()
    url = f"/admin/elections/election/{election.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Election.objects.filter(pk=election.pk).exists()


def test_results_desk_cannot_publish_a_story(client):
    client.force_login(admin_users.results_desk())
    draft = factories.article(headline="Not ready", status=Article.Status.DRAFT)
    url = f"/admin/archive/article/{draft.pk}/change/"
    assert client.get(url).status_code == 200  # may read it
    response = client.post(
        url,
        {
            "headline": "Not ready",
            "slug": draft.slug,
            "body": draft.body,
            "status": "published",
            "published_at_0": "2022-11-10",
            "published_at_1": "12:00:00",
        },
    )
    assert response.status_code == 403
    response = client.post(
        "/admin/archive/article/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert client.get("/admin/archive/article/add/").status_code == 403


def test_results_desk_cannot_delete_an_election_or_story(client):
    client.force_login(admin_users.results_desk())
    election = factories.election()
    story = factories.article()
    assert (
        client.post(f"/admin/elections/election/{election.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert (
        client.post(f"/admin/archive/article/{story.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Election.objects.filter(pk=election.pk).exists()
    assert Article.objects.filter(pk=story.pk).exists()


def test_results_desk_corrects_a_count(client):
    client.force_login(admin_users.results_desk())
    vote_count = factories.vote_count(votes=1234)
    response = client.post(
        f"/admin/elections/votecount/{vote_count.pk}/change/",
        {"release": vote_count.release_id, "candidacy": vote_count.candidacy_id, "votes": 1243},
    )
    assert response.status_code == 302
    vote_count.refresh_from_db()
    assert vote_count.votes == 1243
    assert VoteCount.history.filter(id=vote_count.pk).count() == 2


def test_staff_without_a_role_sees_nothing(client):
    client.force_login(admin_users.staff("nobody"))
    assert client.get("/admin/archive/article/").status_code == 403
    assert client.get("/admin/elections/release/").status_code == 403
