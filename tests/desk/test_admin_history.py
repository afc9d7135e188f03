"""History: who changed what and when, earlier versions restored, deleted stories brought back."""

import pytest

from archive.models import Article
from tests import admin_users, factories

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def edit_headline(client, story, headline):
    data = {
        "headline": headline,
        "slug": story.slug,
        "dek": "",
        "byline": "",
        "body": story.body,
        "status": story.status,
        "published_at_0": "2022-11-10",
        "published_at_1": "12:00:00",
        "source_url": "",
        "new_tags": "",
        "review_note": "",
    }
    for prefix in ("candidate_links", "election_links", "release_links", "corrections"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    response = client.post(f"/admin/archive/article/{story.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def editor_client(client):
    client.force_login(admin_users.editor())
    return client


def test_each_change_records_who_and_when(editor_client):
    story = factories.article(headline="First headline")
    edit_headline(editor_client, story, "Second headline")
    latest = story.history.first()
    assert latest.headline == "Second headline"
    assert latest.history_user.username == "eddie"
    assert latest.history_type == "~"
    page = editor_client.get(f"/admin/archive/article/{story.pk}/history/").content.decode()
    assert "eddie" in page
    assert "First headline" in page and "Second headline" in page


def test_an_earlier_version_is_viewed_and_restored(editor_client):
    story = factories.article(headline="What the reporter filed")
    edit_headline(editor_client, story, "A headline the desk regrets")
    first = story.history.earliest()
    url = f"/admin/archive/article/{story.pk}/history/{first.history_id}/"
    page = editor_client.get(url).content.decode()
    assert "What the reporter filed" in page
    edit_data = {
        "headline": first.headline,
        "slug": first.slug,
        "body": first.body,
        "status": first.status,
        "published_at_0": "2022-11-10",
        "published_at_1": "12:00:00",
    }
    response = editor_client.post(url, edit_data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "What the reporter filed"
    assert story.history.count() == 3


def test_history_escapes_what_an_editor_typed(editor_client):
    story = factories.article(headline="Plain")
    edit_headline(editor_client, story, HOSTILE)
    history = editor_client.get(f"/admin/archive/article/{story.pk}/history/").content.decode()
    version = story.history.first()
    one = editor_client.get(
        f"/admin/archive/article/{story.pk}/history/{version.history_id}/"
    ).content.decode()
    for page in (history, one):
        assert '<script>alert("x")</script>' not in page
        assert "<b>bold</b>" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_superuser_brings_back_a_deleted_story(client):
    factories.candidate(name="Ada Okafor", slug="ada-okafor")
    story = factories.article(headline="Deleted by mistake", body="Every word of Ada Okafor.")
    story.tags.set(["budget", "transit"])
    pk = story.pk
    client.force_login(admin_users.chief())
    response = client.post(f"/admin/archive/article/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=pk).exists()

    page = client.get("/admin/archive/article/deleted/").content.decode()
    assert "Deleted by mistake" in page
    last = Article.history.filter(id=pk).first()
    url = f"/admin/archive/article/{pk}/history/{last.history_id}/"
    assert url in page
    form = client.get(url).content.decode()
    for name in ("budget", "transit"):
        assert f">{name}</option>" in form
    response = client.post(
        url,
        {
            "headline": last.headline,
            "slug": last.slug,
            "body": last.body,
            "status": last.status,
            "published_at_0": "2022-11-10",
            "published_at_1": "12:00:00",
            # What the restore form offers: the version's own tags.
            "tags": [str(pk) for pk in last.tag_ids],
        },
    )
    assert response.status_code == 302
    restored = Article.objects.get(pk=pk)
    assert restored.body == "Every word of Ada Okafor."
    assert sorted(restored.tags.names()) == ["budget", "transit"]
    assert sorted(restored.tag_ids) == sorted(last.tag_ids)
    # Linked again as it comes back.
    assert 'href="/candidates/ada-okafor/"' in restored.body_html
    page = client.get("/admin/archive/article/deleted/").content.decode()
    assert url not in page.split('id="deleted-list"')[1]


def test_only_a_superuser_brings_back_a_deleted_story(editor_client):
    story = factories.article(headline="Gone")
    pk = story.pk
    story.delete()
    last = Article.history.filter(id=pk).first()
    assert editor_client.get("/admin/archive/article/deleted/").status_code == 403
    url = f"/admin/archive/article/{pk}/history/{last.history_id}/"
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"headline": "Gone", "slug": last.slug}).status_code == 403
    assert not Article.objects.filter(pk=pk).exists()
