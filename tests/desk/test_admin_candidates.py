"""Press names are edited in the admin, and the stories concerned are linked again."""

import pytest

from archive.models import ArticleCandidate
from tests import admin_users, factories

pytestmark = pytest.mark.django_db


def candidate_form(candidate, press_names):
    return {
        "name": candidate.name,
        "slug": candidate.slug,
        "press_names": press_names,
        "bio": "",
        "party_preference": "",
        "occupation": "",
    }


def test_new_press_name_links_the_stories_that_use_it(client, django_capture_on_commit_callbacks):
    client.force_login(admin_users.chief())
    zed = factories.candidate(name="Zedekiah Quillfeather", slug="zedekiah-quillfeather")
    story = factories.article(body="Councilmember Zed spoke at the rally.")
    other = factories.article(body="Nobody of that name here.")
    assert not ArticleCandidate.objects.filter(candidate=zed).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/candidates/candidate/{zed.pk}/change/",
            candidate_form(zed, "Councilmember Zed"),
            follow=True,
        )
    assert "the stories that name them are linked again" in response.content.decode()
    zed.refresh_from_db()
    assert zed.press_names == ["Councilmember Zed"]
    link = ArticleCandidate.objects.get(candidate=zed)
    assert link.article_id == story.pk and link.mention_count == 1
    story.refresh_from_db()
    assert "/candidates/zedekiah-quillfeather/" in story.body_html
    assert not ArticleCandidate.objects.filter(article=other).exists()


def test_dropping_a_press_name_unlinks_stories_that_only_used_it(
    client, django_capture_on_commit_callbacks
):
    client.force_login(admin_users.chief())
    zed = factories.candidate(
        name="Zedekiah Quillfeather",
        slug="zedekiah-quillfeather",
        press_names=["Councilmember Zed"],
    )
    story = factories.article(body="Councilmember Zed spoke at the rally.")
    assert ArticleCandidate.objects.filter(candidate=zed, article=story).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/candidates/candidate/{zed.pk}/change/", candidate_form(zed, "")
        )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not ArticleCandidate.objects.filter(candidate=zed, article=story).exists()


def test_editors_may_read_candidates_but_not_change_them(client):
    client.force_login(admin_users.editor())
    zed = factories.candidate(name="Zedekiah Quillfeather")
    url = f"/admin/candidates/candidate/{zed.pk}/change/"
    assert client.get(url).status_code == 200
    assert client.post(url, candidate_form(zed, "Zed")).status_code == 403
    zed.refresh_from_db()
    assert zed.press_names == []
