"""Corrections and clarifications: appended by an editor in the admin, shown under the
story, on /corrections/ and in its feed, in the story's structured data, and moving the
date the story's page, feed and sitemap give as its last change."""

import datetime
import json
import re

import feedparser
import pytest
from django.utils import timezone
from lxml import etree

from archive.models import Article, Correction
from tests import admin_users, factories
from tests.desk.test_admin_stories import change_url, story_form

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "quoted"'
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def editor_client(client):
    client.force_login(admin_users.editor())
    return client


def published(**kw):
    return factories.article(published_at=timezone.now() - datetime.timedelta(days=3), **kw)


def add_correction(client, story, **fields):
    data = story_form(story)
    row = data["corrections-TOTAL_FORMS"]
    local = timezone.localtime(fields.pop("when", timezone.now()))
    data |= {
        "corrections-TOTAL_FORMS": row + 1,
        f"corrections-{row}-article": story.pk,
        f"corrections-{row}-kind": fields.pop("kind", "correction"),
        f"corrections-{row}-published_at_0": local.strftime("%Y-%m-%d"),
        f"corrections-{row}-published_at_1": local.strftime("%H:%M:%S"),
        f"corrections-{row}-text": fields.pop("text"),
    }
    return client.post(change_url(story), data)


def jsonld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def lastmod(client, story):
    index = etree.fromstring(client.get("/sitemap-stories.xml").content)
    return index.xpath(
        "//sm:url[sm:loc=$loc]/sm:lastmod/text()",
        namespaces=NS,
        loc="http://testserver" + story.get_absolute_url(),
    )


def test_an_editor_appends_a_correction_and_readers_see_it_everywhere(editor_client, client):
    story = published(headline="Turnout rises in the valley")
    response = add_correction(
        editor_client, story, text=f"An earlier version misstated turnout. {HOSTILE}"
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    correction = story.corrections.get()
    story.refresh_from_db()
    assert story.revised_at == correction.published_at

    client.logout()
    page = client.get(story.get_absolute_url()).content.decode()
    section = page[
        page.index('class="corrections"') : page.index(
            "</section>", page.index('class="corrections"')
        )
    ]
    assert '<h2 id="corrections-heading">Correction</h2>' in section
    assert "An earlier version misstated turnout." in section
    assert HOSTILE not in page and "&lt;script&gt;alert(" in section
    assert f'id="correction-{correction.pk}"' in section
    assert "Updated <time" in page

    data = jsonld(page)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "name": "Correction",
            "text": correction.text,
            "datePublished": correction.published_at.isoformat(),
        }
    ]
    assert data["dateModified"] == correction.published_at.isoformat()
    assert data["datePublished"] == story.published_at.isoformat()

    listing = client.get("/corrections/").content.decode()
    assert f'href="{story.get_absolute_url()}#correction-{correction.pk}"' in listing
    assert "Turnout rises in the valley" in listing and HOSTILE not in listing

    feed = feedparser.parse(client.get("/corrections/feed/").content)
    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title == "Correction: Turnout rises in the valley"
    assert entry.link.endswith(f"#correction-{correction.pk}")
    atom = feedparser.parse(client.get("/corrections/feed/atom/").content)
    assert not atom.bozo and len(atom.entries) == 1

    assert lastmod(client, story) == [
        timezone.localtime(correction.published_at).strftime("%Y-%m-%d")
    ]


def test_a_correction_dated_before_the_story_is_refused_and_nothing_saved(editor_client):
    story = published()
    before = story.published_at - datetime.timedelta(days=1)
    response = add_correction(editor_client, story, text="Too early.", when=before)
    assert response.status_code == 200
    assert "A correction cannot come before the story it corrects." in response.content.decode()
    assert not Correction.objects.exists()
    story.refresh_from_db()
    assert story.revised_at is None


def test_editors_cannot_delete_a_correction_readers_were_shown(editor_client):
    story = published()
    Correction.objects.create(article=story, text="A name was misspelled.")
    data = story_form(story) | {"corrections-0-DELETE": "on"}
    assert editor_client.post(change_url(story), data).status_code == 302  # saved, but
    assert story.corrections.count() == 1


def test_a_correction_is_not_dated_ahead_moved_later_or_put_on_a_draft(editor_client):
    story = published()
    ahead = timezone.now() + datetime.timedelta(days=30)
    response = add_correction(editor_client, story, text="Not yet.", when=ahead)
    assert "A correction is dated when readers are told: not ahead." in response.content.decode()
    assert not Correction.objects.exists()
    story.refresh_from_db()
    assert story.revised_at is None

    draft = factories.article(status=Article.Status.DRAFT, published_at=None)
    response = add_correction(editor_client, draft, text="Of a draft.")
    assert "Only a published story takes a correction" in response.content.decode()
    assert not Correction.objects.exists()

    told = Correction.objects.create(
        article=story, text="Told.", published_at=timezone.now() - datetime.timedelta(days=2)
    )
    later = timezone.localtime(told.published_at + datetime.timedelta(days=1))
    data = story_form(story) | {
        "corrections-0-published_at_0": later.strftime("%Y-%m-%d"),
        "corrections-0-published_at_1": later.strftime("%H:%M:%S"),
    }
    response = editor_client.post(change_url(story), data)
    assert "A correction readers were told cannot be dated later." in response.content.decode()
    page = editor_client.get(f"/admin/archive/correction/{told.pk}/change/").content.decode()
    assert 'name="article"' not in page  # shown, not editable: it stays with its story


def test_only_public_corrections_of_public_stories_are_listed(client):
    story = published(headline="Seen story")
    draft = factories.article(
        headline="Draft story", status=Article.Status.DRAFT, published_at=None
    )
    Correction.objects.create(article=story, text="Shown now.")
    Correction.objects.create(
        article=story, text="Not yet.", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    Correction.objects.create(article=draft, text="Of a draft.")
    listing = client.get("/corrections/").content.decode()
    assert "Shown now." in listing
    assert "Not yet." not in listing and "Of a draft." not in listing
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Shown now." in page and "Not yet." not in page
    titles = [e.title for e in feedparser.parse(client.get("/corrections/feed/").content).entries]
    assert titles == ["Correction: Seen story"]


def test_relinking_or_resaving_is_no_revision_but_an_editors_edit_is(editor_client, client):
    story = published(headline="First words")
    shown = timezone.localtime(story.published_at).strftime("%Y-%m-%d")
    story.save()
    Article.objects.filter(pk=story.pk).relink()
    story.refresh_from_db()
    assert story.revised_at is None
    assert lastmod(client, story) == [shown]
    page = client.get(story.get_absolute_url()).content.decode()
    assert jsonld(page)["dateModified"] == story.published_at.isoformat()
    assert "Updated <time" not in page

    # Changing only the review note is the desk's business, not the reader's.
    editor_client.post(change_url(story), story_form(story, review_note="checked"))
    story.refresh_from_db()
    assert story.revised_at is None

    response = editor_client.post(change_url(story), story_form(story, headline="Better words"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.revised_at is not None
    today = timezone.localtime(story.revised_at).strftime("%Y-%m-%d")
    assert lastmod(client, story) == [today]


def test_editing_a_draft_is_no_revision(editor_client):
    draft = factories.article(status=Article.Status.DRAFT, published_at=None)
    editor_client.post(change_url(draft), story_form(draft, headline="Still a draft"))
    draft.refresh_from_db()
    assert draft.headline == "Still a draft" and draft.revised_at is None


def test_the_demo_story_carries_its_clarification(client, demo):
    story = Article.objects.get(slug="caruso-holds-early-edge-over-bass")
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<h2 id="corrections-heading">Clarification</h2>' in page
    assert jsonld(page)["correction"][0]["@type"] == "CorrectionComment"
