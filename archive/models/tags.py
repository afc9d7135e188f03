"""Stories' tags (django-taggit), and the copy of their ids each story keeps for search.

Every change to a story's tags goes through its tag manager (`story.tags.add()`,
`set()`, `remove()`, `clear()`: the admin, the importers and the shell alike),
which writes the story's `tag_ids` afresh; `Article.objects.store_tag_ids()` is
that one writer, and `manage.py relink` calls it for stories changed behind
Django's back.
"""

from django.contrib.postgres.expressions import ArraySubquery
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


class StoryTags(_TaggableManager):
    """Taggit's manager, keeping the story's tag_ids true after every change."""

    def add(self, *tags, **kwargs):
        super().add(*tags, **kwargs)
        self._store_ids()

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
