"""History: who changed what and when, earlier versions restored, deleted stories brought back."""

import pytest
from django.utils import timezone

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
    story.refresh_from_db()
    edited = story.revised_at
    assert edited is not None
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
    # The version brought back had no revision date; readers saw the headline change
    # again, and the story says so.
    assert story.revised_at is not None and story.revised_at > edited


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


def test_history_says_what_an_editors_link_overrides_did(editor_client, demo):
    from candidates.models import Candidate
    from tests.desk.test_admin_stories import change_url, story_form

    story = Article.objects.get(slug="bass-narrows-gap-thursday-count")
    links = list(story.candidate_links.order_by("pk"))
    caruso = next(i for i, link in enumerate(links) if link.candidate.slug == "rick-caruso")
    data = story_form(story) | {f"candidate_links-{caruso}-is_suppressed": "on"}
    total = data["candidate_links-TOTAL_FORMS"]
    beutner = Candidate.objects.get(slug="austin-beutner")
    data |= {
        "candidate_links-TOTAL_FORMS": total + 1,
        f"candidate_links-{total}-candidate": beutner.pk,
        f"candidate_links-{total}-article": story.pk,
    }
    assert editor_client.post(change_url(story), data).status_code == 302
    latest = story.history.order_by("-history_id").first()
    assert latest.history_user.username == "eddie"
    assert latest.history_change_reason == (
        "Linked Austin Beutner; Removed the link to Rick Caruso."
    )
    page = editor_client.get(f"/admin/archive/article/{story.pk}/history/").content.decode()
    assert "Linked Austin Beutner; Removed the link to Rick Caruso." in page

    # Restoring it is an override too, and says so; a save that overrides nothing
    # leaves no reason.
    data = story_form(Article.objects.get(pk=story.pk))
    data[f"candidate_links-{caruso}-is_suppressed"] = ""
    del data[f"candidate_links-{caruso}-is_suppressed"]
    editor_client.post(change_url(story), data)
    assert story.history.order_by("-history_id").first().history_change_reason == (
        "Restored the link to Rick Caruso."
    )
    editor_client.post(change_url(story), story_form(Article.objects.get(pk=story.pk)))
    assert story.history.order_by("-history_id").first().history_change_reason is None


def test_each_role_restores_versions_of_what_it_may_edit_and_no_other(client):
    release = factories.release(source="Clerk, first entry")
    release.source = "Clerk, mistyped"
    release.save()
    first = release.history.earliest()
    url = f"/admin/elections/release/{release.pk}/history/{first.history_id}/"
    form = {
        "election": release.election_id,
        "released_at_0": timezone.localtime(release.released_at).strftime("%Y-%m-%d"),
        "released_at_1": timezone.localtime(release.released_at).strftime("%H:%M:%S"),
        "source": first.source,
        "vote_counts-TOTAL_FORMS": 0,
        "vote_counts-INITIAL_FORMS": 0,
        "confirm": "on",
    }
    client.force_login(admin_users.editor())
    assert client.post(url, form).status_code == 403
    release.refresh_from_db()
    assert release.source == "Clerk, mistyped"

    client.force_login(admin_users.results_desk())
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[-2000:]
    release.refresh_from_db()
    assert release.source == "Clerk, first entry"


def test_a_deleted_row_is_brought_back_by_a_superuser_only(client):
    from elections.models import Candidacy

    candidacy = factories.candidacy()
    version = candidacy.history.earliest()
    pk, election = candidacy.pk, candidacy.election_id
    candidacy.delete()
    url = f"/admin/elections/candidacy/{pk}/history/{version.history_id}/"
    form = {"candidate": version.candidate_id, "election": election, "outcome": "pending"}
    client.force_login(admin_users.results_desk())
    assert client.post(url, form).status_code == 403
    assert not Candidacy.objects.filter(pk=pk).exists()
