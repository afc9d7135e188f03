"""The story admin as an editor uses it: list, filters, actions, links and preview."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from archive import linking
from archive.models import Article, ArticleCandidate, ArticleRelease, Origin
from candidates.models import Candidate
from tests import admin_users, factories
from tests.demo_releases import THURSDAY, at

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/archive/article/"
THURSDAY_STORY = "bass-narrows-gap-thursday-count"


@pytest.fixture
def editor_client(client):
    client.force_login(admin_users.editor())
    return client


def change_url(story):
    return f"/admin/archive/article/{story.pk}/change/"


def story_form(story, **changes):
    """The change form's fields as the browser would post them, with changes."""
    data = {
        "headline": story.headline,
        "slug": story.slug,
        "dek": story.dek,
        "byline": story.byline,
        "publication": story.publication_id or "",
        "body": story.body,
        "status": story.status,
        "published_at_0": "",
        "published_at_1": "",
        "source_url": story.source_url,
        "new_tags": "",
        "review_note": "",
    }
    if story.published_at:
        local = timezone.localtime(story.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    for prefix, links in [
        ("candidate_links", story.candidate_links.order_by("pk")),
        ("election_links", story.election_links.order_by("pk")),
        ("release_links", story.release_links.order_by("pk")),
    ]:
        rows = list(links)
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        target = {"candidate_links": "candidate", "election_links": "election"}.get(
            prefix, "release"
        )
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-article"] = story.pk
            data[f"{prefix}-{i}-{target}"] = getattr(row, f"{target}_id")
            if row.is_suppressed:
                data[f"{prefix}-{i}-is_suppressed"] = "on"
    corrections = list(story.corrections.order_by("pk"))
    data["corrections-TOTAL_FORMS"] = data["corrections-INITIAL_FORMS"] = len(corrections)
    for i, row in enumerate(corrections):
        local = timezone.localtime(row.published_at)
        data |= {
            f"corrections-{i}-id": row.pk,
            f"corrections-{i}-article": story.pk,
            f"corrections-{i}-kind": row.kind,
            f"corrections-{i}-published_at_0": local.strftime("%Y-%m-%d"),
            f"corrections-{i}-published_at_1": local.strftime("%H:%M:%S"),
            f"corrections-{i}-text": row.text,
        }
    data.update(changes)
    return data


def test_list_shows_linked_candidates_in_a_fixed_number_of_queries(editor_client, demo):
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Caruso and Bass bound for a November runoff" in page
    assert "Karen Bass, Rick Caruso" in page or "Rick Caruso, Karen Bass" in page
    candidate = factories.candidate(name="Pat Many")

    def queries_for_list():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(CHANGELIST).status_code == 200
        return len(queries)

    for _ in range(10):
        story = factories.article(body="Pat Many spoke.")
        ArticleCandidate.objects.get_or_create(article=story, candidate=candidate)
    with_ten = queries_for_list()
    for _ in range(90):
        story = factories.article(body="Pat Many spoke.")
        ArticleCandidate.objects.get_or_create(article=story, candidate=candidate)
    assert queries_for_list() == with_ten


def test_filters_by_candidate_leave_out_links_an_editor_removed(editor_client):
    named = factories.candidate(name="Ada Filter", slug="ada-filter")
    shown = factories.article(headline="Shown because it names Ada")
    hidden = factories.article(headline="Hidden because the link was removed")
    ArticleCandidate.objects.create(article=shown, candidate=named, origin="editor")
    ArticleCandidate.objects.create(article=hidden, candidate=named, is_suppressed=True)
    page = editor_client.get(CHANGELIST, {"candidate": "ada-filter"}).content.decode()
    assert "Shown because it names Ada" in page
    assert "Hidden because the link was removed" not in page


def test_filters_by_status_election_tag_and_date(editor_client, demo):
    draft = factories.article(headline="A draft about nothing", status=Article.Status.DRAFT)
    draft.tags.add("housing")
    page = editor_client.get(CHANGELIST, {"status__exact": "draft"}).content.decode()
    assert "A draft about nothing" in page
    assert "Caruso and Bass bound" not in page
    page = editor_client.get(CHANGELIST, {"tag": "housing"}).content.decode()
    assert "A draft about nothing" in page
    assert "Caruso and Bass bound" not in page
    page = editor_client.get(
        CHANGELIST, {"election": "los-angeles-mayor-2022-06-07"}
    ).content.decode()
    assert "Caruso and Bass bound for a November runoff" in page
    assert "A draft about nothing" not in page
    page = editor_client.get(
        CHANGELIST, {"published_at__year": "2022", "published_at__month": "6"}
    ).content.decode()
    assert "Caruso and Bass bound for a November runoff" in page
    assert "Bass narrows" not in page


def test_add_form_fills_the_slug_from_the_headline(editor_client):
    page = editor_client.get(CHANGELIST + "add/").content.decode()
    assert "data-prepopulated-fields" in page
    assert "#id_headline" in page


def test_autocomplete_finds_candidates_elections_releases_and_tags(editor_client, demo):
    Article.objects.get(slug=THURSDAY_STORY).tags.add("vote count")
    cases = [
        ("articlecandidate", "candidate", "Caru", "Rick Caruso"),
        ("articleelection", "election", "2022-11-08", "Los Angeles Mayor"),
        ("articlerelease", "release", "2022-11-08", "release of"),
        ("article", "tags", "vote", "vote count"),
    ]
    for model, field, term, expected in cases:
        response = editor_client.get(
            "/admin/autocomplete/",
            {"app_label": "archive", "model_name": model, "field_name": field, "term": term},
        )
        assert response.status_code == 200, (model, response.content[:200])
        texts = [row["text"] for row in response.json()["results"]]
        assert any(expected in text for text in texts), (model, texts)


def test_story_saved_with_existing_and_new_tags(editor_client):
    tag_story = factories.article()
    tag_story.tags.add("housing")
    housing = Tag.objects.get(name="housing")
    response = editor_client.post(
        CHANGELIST + "add/",
        {
            "headline": "Council debates the budget",
            "slug": "council-debates-the-budget",
            "body": "The council met.",
            "status": "draft",
            "tags": [housing.pk],
            "new_tags": "budget, council",
            "candidate_links-TOTAL_FORMS": 0,
            "candidate_links-INITIAL_FORMS": 0,
            "election_links-TOTAL_FORMS": 0,
            "election_links-INITIAL_FORMS": 0,
            "release_links-TOTAL_FORMS": 0,
            "release_links-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    story = Article.objects.get(slug="council-debates-the-budget")
    assert sorted(story.tags.names()) == ["budget", "council", "housing"]


def test_change_form_shows_each_link_with_its_reason(editor_client, demo):
    story = Article.objects.get(slug=THURSDAY_STORY)
    caruso_count = story.candidate_links.get(candidate__slug="rick-caruso").mention_count
    page = editor_client.get(change_url(story)).content.decode()
    times = "once" if caruso_count == 1 else f"{caruso_count} times"
    assert f"names Rick Caruso {times}" in page
    assert "quotes 273,941" in page
    assert f"release {at(THURSDAY).number} of the 2022-11-08 election" in page
    assert "latest count when published" in page


def test_editor_removes_and_adds_links_and_relinking_keeps_both(editor_client, demo):
    story = Article.objects.get(slug=THURSDAY_STORY)
    caruso = story.candidate_links.get(candidate__slug="rick-caruso")
    assert "/candidates/rick-caruso/" in story.body_html
    data = story_form(story)
    index = list(story.candidate_links.order_by("pk")).index(caruso)
    data[f"candidate_links-{index}-is_suppressed"] = "on"
    beutner = Candidate.objects.get(slug="austin-beutner")
    total = int(data["candidate_links-TOTAL_FORMS"])
    data["candidate_links-TOTAL_FORMS"] = total + 1
    data[f"candidate_links-{total}-candidate"] = beutner.pk
    data[f"candidate_links-{total}-article"] = story.pk
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    linking.relink(Article.objects.filter(pk=story.pk))
    story.refresh_from_db()
    caruso.refresh_from_db()
    assert caruso.is_suppressed
    added = story.candidate_links.get(candidate=beutner)
    assert added.origin == Origin.EDITOR and not added.is_suppressed
    assert "/candidates/rick-caruso/" not in story.body_html
    page = editor_client.get(change_url(story)).content.decode()
    assert "added by an editor" in page


def test_editor_removes_a_quoted_count(editor_client, demo):
    story = Article.objects.get(slug=THURSDAY_STORY)
    quoted = story.release_links.get(reason=ArticleRelease.Reason.QUOTED)
    data = story_form(story)
    index = list(story.release_links.order_by("pk")).index(quoted)
    data[f"release_links-{index}-is_suppressed"] = "on"
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 302
    linking.relink(Article.objects.filter(pk=story.pk))
    story.refresh_from_db()
    assert ">273,941</a>" not in story.body_html
    assert "273,941" in story.body_html


def test_publish_unpublish_and_relink_actions(editor_client):
    draft = factories.article(status=Article.Status.DRAFT, published_at=None)
    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Published 1 story." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and draft.is_public

    response = editor_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Returned 1 story to draft." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT

    draft.linked_at = None
    Article.objects.filter(pk=draft.pk).update(linked_at=None)
    response = editor_client.post(
        CHANGELIST, {"action": "relink", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Linked 1 story again" in response.content.decode()
    draft.refresh_from_db()
    assert draft.linked_at is not None


def test_publish_keeps_a_future_time_and_says_so(editor_client):
    later = timezone.now() + datetime.timedelta(days=1)
    story = factories.article(status=Article.Status.DRAFT, published_at=later)
    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [story.pk]}, follow=True
    )
    assert "will appear at their publish time" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED and not story.is_public


def test_view_on_site_points_drafts_to_the_preview(editor_client):
    published = factories.article()
    draft = factories.article(status=Article.Status.DRAFT)
    page = editor_client.get(change_url(published)).content.decode()
    assert f'href="{published.get_absolute_url()}" class="viewsitelink">View on site' in page
    response = editor_client.get(change_url(draft))
    assert f"/stories/preview/{draft.pk}/" in response.content.decode()
    model_admin = admin.site._registry[Article]
    assert model_admin.view_on_site(published) == published.get_absolute_url()
    assert model_admin.view_on_site(draft) == f"/stories/preview/{draft.pk}/"


def test_preview_of_a_draft_is_for_staff_only(client):
    draft = factories.article(
        headline="Unpublished scoop", status=Article.Status.DRAFT, published_at=None
    )
    url = f"/stories/preview/{draft.pk}/"
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(User.objects.create_user("reader", password="x-x-x-x-x-x"))
    assert client.get(url).status_code == 302
    client.force_login(admin_users.results_desk())
    response = client.get(url)
    assert response.status_code == 200
    assert "Unpublished scoop" in response.content.decode()


def test_a_tag_without_a_letter_or_digit_is_refused(client):
    client.force_login(admin_users.chief())
    story = factories.article(headline="Tagging")
    page = client.post(
        f"/admin/archive/article/{story.pk}/change/", story_form(story, new_tags="!!!, budget")
    ).content.decode()
    assert "A tag needs a letter or a digit: !!!." in page
    story.tags.add("%%%", "budget")
    assert list(story.tags.names()) == ["budget"]
    assert client.get(story.get_absolute_url()).status_code == 200
