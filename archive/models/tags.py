"""Stories' tags (django-taggit), and the copy of their ids each story keeps for search.

Every change to a story's tags goes through its tag manager (`story.tags.add()`,
`set()`, `remove()`, `clear()`: the admin, the importers and the shell alike),
which writes the story's `tag_ids` afresh; `Article.objects.store_tag_ids()` is
that one writer, and `manage.py relink` calls it for stories changed behind
Django's back.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.utils.text import slugify
from taggit.managers import _TaggableManager
from taggit.models import TaggedItem


def story_taggings():
    """Taggit's rows that tag stories: taggit keeps every model's tags in one table."""
    return TaggedItem.objects.filter(
        content_type__app_label="archive", content_type__model="article"
    )


def tag_ids_of(story):
    """An expression for the ids of a story's tags, sorted; `story` names its id column."""
    return ArraySubquery(
        story_taggings().filter(object_id=story).order_by("tag_id").values("tag_id")
    )


def _with_addresses(tags):
    return [tag for tag in tags if not isinstance(tag, str) or has_address(tag)]


def has_address(name):
    """Whether a tag of this name can have a page: "!!!" makes no slug, so no address."""
    return bool(slugify(name, allow_unicode=True))


class StoryTags(_TaggableManager):
    """Taggit's manager, keeping the story's tag_ids true after every change, and taking
    no tag whose name makes no address (a page listing it could not link to it)."""

    def add(self, *tags, **kwargs):
        super().add(*_with_addresses(tags), **kwargs)
        self._store_ids()

    def set(self, tags, **kwargs):
        # set() makes the tags before it adds them: the names are sorted out first.
        super().set(_with_addresses(tags), **kwargs)

    def remove(self, *tags):
        super().remove(*tags)
        self._store_ids()

    def clear(self):
        super().clear()
        self._store_ids()

    def _store_ids(self):
        story = self.instance
        stored = type(story).objects.filter(pk=story.pk)
        stored.store_tag_ids()
        story.tag_ids = stored.values_list("tag_ids", flat=True).get()
