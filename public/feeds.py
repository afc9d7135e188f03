"""RSS and Atom feeds of public stories: latest, per candidate, per tag, and per election (stories
and count releases in one timeline).

Each feed is RSS 2.0 at the address DESIGN.md gives and Atom 1.0 at the same address plus
"atom/" (/feeds/latest/atom/). The election feed lives here rather than in elections/ because it
lists stories, and elections must not depend on the archive.
"""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from taggit.models import Tag

from archive.models import Article, Correction
from archive.text import first_paragraph
from candidates.models import Candidate
from elections.models import Election, Release
from public import timeline

ITEMS = 30

# Characters XML 1.0 cannot carry at all, escaped or not; a story may hold them (pasted or
# imported text), and a feed is XML.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value):
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(v) for v in value)
    return value


class XmlSafe:
    """A feed generator that leaves out what XML cannot hold, instead of failing on it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*_xml_safe(args), **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*_xml_safe(args), **{k: _xml_safe(v) for k, v in kwargs.items()})


class SafeRss(XmlSafe, Rss201rev2Feed):
    pass


class SafeAtom(XmlSafe, Atom1Feed):
    pass


def _stories():
    return Article.objects.published().select_related("publication").prefetch_related("tags")


class StoryFeed(Feed):
    """What every story item says, whatever the feed."""

    feed_type = SafeRss

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Readers take a description as HTML; a standfirst or a body is plain text.
        return escape(item.dek or Truncator(first_paragraph(item.body)).words(60))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestStories(StoryFeed):
    title = "Tally: latest stories"
    link = reverse_lazy("archive:story_index")
    description = "The newest stories in the election news archive."

    def items(self):
        return _stories()[:ITEMS]


class CandidateStories(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Candidate, slug=slug)

    def title(self, obj):
        return f"Tally: stories naming {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"Stories in the archive that name {obj.name}, newest first."

    def items(self, obj):
        return _stories().naming(obj)[:ITEMS]


class TagStories(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"Tally: stories tagged {obj.name}"

    def link(self, obj):
        return reverse("archive:tag_detail", kwargs={"slug": obj.slug})

    def description(self, obj):
        return f"Stories tagged {obj.name}, newest first."

    def items(self, obj):
        return _stories().filter(tags=obj)[:ITEMS]


class ElectionTimeline(StoryFeed):
    """Stories about an election and its count releases, interleaved by time."""

    def get_object(self, request, slug):
        return get_object_or_404(Election, slug=slug)

    def title(self, obj):
        return f"Tally: {obj}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"Stories and count releases for {obj}, newest first."

    def items(self, obj):
        stories = list(_stories().covering(obj)[:ITEMS])
        releases = list(
            Release.objects.filter(election=obj)
            .select_related("election")
            .prefetch_related("vote_counts__candidacy__candidate")
            .order_by("-released_at")
        )
        releases = [r for r in releases if r.released_at <= timezone.now()][:ITEMS]
        timeline = stories + releases
        timeline.sort(key=self.item_pubdate, reverse=True)
        return timeline[:ITEMS]

    def _is_release(self, item):
        return isinstance(item, Release)

    def item_title(self, item):
        if not self._is_release(item):
            return super().item_title(item)
        return f"Count release {item.number}: {_standings(item)}"

    def item_description(self, item):
        if not self._is_release(item):
            return super().item_description(item)
        parts = [f"Released by {item.source}."]
        if item.ballots_counted is not None:
            parts.append(f"Ballots counted: {item.ballots_counted:,}.")
        if item.ballots_remaining is not None:
            parts.append(f"Ballots left to count: {item.ballots_remaining:,}.")
        return " ".join(parts)

    def item_pubdate(self, item):
        return item.released_at if self._is_release(item) else item.published_at

    def item_updateddate(self, item):
        return item.released_at if self._is_release(item) else item.modified_at

    def item_author_name(self, item):
        return item.source if self._is_release(item) else super().item_author_name(item)

    def item_categories(self, item):
        return ["count release"] if self._is_release(item) else super().item_categories(item)


class Corrections(Feed):
    """Corrections and clarifications as they are appended, each linking to its story."""

    feed_type = SafeRss
    title = "Tally: corrections and clarifications"
    link = reverse_lazy("archive:corrections")
    description = "What stories in the archive got wrong or left unclear, newest first."

    def items(self):
        return (
            Correction.objects.public()
            .select_related("article")
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        # Readers take a description as HTML; the correction is plain text.
        return escape(item.text)

    def item_link(self, item):
        return f"{item.article.get_absolute_url()}#correction-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.article.byline or None


def _standings(release):
    rows = release.results().rows
    if not rows:
        return _ballots_alone(release)
    return ", ".join(
        f"{row.name} {row.share}%" if row.share is not None else row.name for row in rows
    )


def atom(feed_class):
    """The same feed as Atom 1.0."""
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": SafeAtom, "subtitle": feed_class.description},
    )


def _ballots_alone(release):
    """A release that gave no votes, in words: "no votes; 883,000 ballots left to count"."""
    if release.ballots_counted is None and release.ballots_remaining is None:
        return "no figures yet"
    return f"no votes; {timeline.ballots_text(release)}"
