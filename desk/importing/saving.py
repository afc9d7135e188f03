"""Write one parsed story: create it, or update the story it was imported as before.

A story is the same story when it has the same source URL, or else the same body text. There is no
stored content hash (no schema change for imports), so the body hashes are read once per run and
kept in a BodyIndex.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models.functions import MD5
from django.utils.text import Truncator, slugify

from archive import linking
from archive.models import Article, Publication
from archive.text import first_paragraph
from desk.importing.limits import field_limit
from desk.importing.parsing import BadValue

REVIEW_PREFIX = "Import: "
NO_DATE = "no publication date found, so it is a draft"
PROVISIONAL = "provisional headline taken from the first sentence"


def body_hash(body):
    return hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest()


class BodyIndex:
    """md5 of each story's body -> its id; PostgreSQL's md5() agrees with hashlib's on UTF-8."""

    def __init__(self):
        self._ids = None

    def get(self, body):
        if self._ids is None:
            self._ids = dict(Article.objects.annotate(h=MD5("body")).values_list("h", "id"))
        return self._ids.get(body_hash(body))

    def add(self, body, article_id):
        if self._ids is not None:
            self._ids[body_hash(body)] = article_id


def _check(story):
    if not story.body.strip():
        raise BadValue("no story text left once the page furniture was removed")
    for field in ("headline", "byline", "source_url"):
        limit = field_limit(Article, field)
        if len(getattr(story, field)) > limit:
            raise BadValue(f"{field} is longer than {limit} characters")
    if story.source_url:
        try:
            URLValidator(schemes=["http", "https"])(story.source_url)
        except ValidationError:
            raise BadValue(f"source URL {story.source_url!r} is not a web address") from None


def provisional_headline(body):
    first = first_paragraph(body)
    sentence = first.split(". ", 1)[0].rstrip(".")
    return Truncator(sentence).words(12, truncate="…")[: field_limit(Article, "headline")]


def _unique_slug(headline, exclude_pk=None):
    # Room left for the "-2" that tells apart two stories of one headline.
    base = slugify(headline)[: field_limit(Article, "slug") - 20].strip("-") or "story"
    slug, n = base, 1
    taken = Article.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _publication(name):
    if not name:
        return None
    found = Publication.objects.filter(name__iexact=name).first()
    if found:
        return found
    base = slugify(name)[: field_limit(Publication, "slug") - 20] or "publication"
    slug, n = base, 1
    while Publication.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Publication.objects.create(name=name[: field_limit(Publication, "name")], slug=slug)


def _find_existing(story, index):
    if story.source_url:
        found = Article.objects.filter(source_url=story.source_url).first()
        if found:
            return found
    article_id = index.get(story.body)
    return Article.objects.filter(pk=article_id).first() if article_id else None


def _review_note(reasons):
    limit = field_limit(Article, "review_note")
    return (REVIEW_PREFIX + "; ".join(reasons))[:limit] if reasons else ""


def save_story(story, *, index, as_draft=False, link_context=None):
    """Returns (action, reason, article): action is created, updated or skipped.

    The story is linked as any save links it, but with the run's LinkContext (candidates,
    elections and releases read once) instead of a fresh one per story.
    """
    _check(story)
    is_provisional = not story.headline
    headline = story.headline or provisional_headline(story.body)
    existing = _find_existing(story, index)
    if existing is None:
        article = _create(story, headline, is_provisional, as_draft, index)
        linking.link_article(article, link_context)
        return "created", "", article
    action, reason, article = _update(existing, story, headline, is_provisional, as_draft)
    if action == "updated":
        linking.link_article(article, link_context)
    return action, reason, article


def _create(story, headline, is_provisional, as_draft, index):
    reasons = []
    if story.published_at is None:
        reasons.append(NO_DATE)
    if is_provisional:
        reasons.append(PROVISIONAL)
    is_published = story.published_at is not None and not as_draft
    article = Article(
        headline=headline,
        slug=_unique_slug(headline),
        dek=story.dek,
        byline=story.byline,
        publication=_publication(story.publication),
        published_at=story.published_at,
        body=story.body,
        source_url=story.source_url,
        status=Article.Status.PUBLISHED if is_published else Article.Status.DRAFT,
        needs_review=bool(reasons),
        review_note=_review_note(reasons),
    )
    article.save(link=False)
    if story.tags:
        article.tags.set(story.tags)
    index.add(story.body, article.pk)
    return article


def _update(article, story, headline, is_provisional, as_draft):
    changed = []

    def put(field, value):
        if value not in (None, "") and getattr(article, field) != value:
            setattr(article, field, value)
            changed.append(field)

    # A provisional headline never replaces one an editor or a manifest gave.
    if not is_provisional:
        put("headline", headline)
    put("body", story.body)
    put("dek", story.dek)
    put("byline", story.byline)
    put("source_url", story.source_url)
    put("published_at", story.published_at)
    if story.publication and (
        article.publication is None or article.publication.name.lower() != story.publication.lower()
    ):
        article.publication = _publication(story.publication)
        changed.append("publication")
    # Held back only for want of a date: now that there is one, it goes out as a new one would.
    if (
        article.status == Article.Status.DRAFT
        and "published_at" in changed
        and NO_DATE in article.review_note
        and not as_draft
    ):
        put("status", Article.Status.PUBLISHED)
    # The importer manages only its own review notes, never an editor's.
    if not article.needs_review or article.review_note.startswith(REVIEW_PREFIX):
        reasons = []
        if article.published_at is None:
            reasons.append(NO_DATE)
        if PROVISIONAL in article.review_note and is_provisional:
            reasons.append(PROVISIONAL)
        if article.needs_review != bool(reasons) or article.review_note != _review_note(reasons):
            article.needs_review = bool(reasons)
            article.review_note = _review_note(reasons)
            changed.append("review")
    tags_changed = bool(story.tags) and {t.lower() for t in story.tags} != {
        t.lower() for t in article.tags.names()
    }
    if tags_changed:
        changed.append("tags")
    if not changed:
        return "skipped", "unchanged since the last import", article
    article.save(link=False)
    if tags_changed:
        article.tags.set(story.tags)
    return "updated", "changed: " + ", ".join(changed), article
