import pytest
from django.db import IntegrityError, transaction

from archive.models import ArticleCandidate, ArticleRelease
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_story_slug_is_unique():
    factories.article(slug="bass-leads")
    refused(lambda: factories.article(slug="bass-leads"))


def test_candidate_slug_is_unique():
    factories.candidate(slug="karen-bass")
    refused(lambda: factories.candidate(slug="karen-bass"))


def test_published_story_needs_a_publish_time():
    refused(lambda: factories.article(published_at=None))
    assert factories.article(status="draft", published_at=None).pk


def test_story_status_must_be_known():
    refused(lambda: factories.article(status="leaked"))


def test_source_url_is_unique_when_given():
    factories.article(source_url="https://example.com/a")
    refused(lambda: factories.article(source_url="https://example.com/a"))
    factories.article(source_url="")
    factories.article(source_url="")


def test_story_names_a_candidate_once():
    story, person = factories.article(), factories.candidate()
    ArticleCandidate.objects.create(article=story, candidate=person, origin="editor")
    refused(lambda: ArticleCandidate.objects.create(article=story, candidate=person))


def test_link_to_release_needs_a_known_reason():
    story, release = factories.article(), factories.release()
    refused(lambda: ArticleRelease.objects.create(article=story, release=release, reason="vibes"))
