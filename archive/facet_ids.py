"""Keep each story's facet ids (Article.candidate_ids, election_ids, tag_ids) true
to its link rows and tags whenever they change one by one: an editor's link in the
admin, a tag added or removed, a tag deleted with all its uses.

The linker writes the ids itself, with the links, in the same bulk update as the
linked text; these receivers cover every other path.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from taggit.models import TaggedItem

from archive.models import Article, ArticleCandidate, ArticleElection


def _story_changed(sender, instance, **kwargs):
    if sender is TaggedItem:
        # Tags may be put on other models; the content type cache spares a query.
        if instance.content_type_id != ContentType.objects.get_for_model(Article).pk:
            return
        story_id = instance.object_id
    else:
        story_id = instance.article_id
    Article.objects.filter(pk=story_id).store_facet_ids()


def connect_signals():
    for model in (ArticleCandidate, ArticleElection, TaggedItem):
        for signal in (post_save, post_delete):
            uid = f"facet_ids_{model.__name__}_{id(signal)}"
            signal.connect(_story_changed, sender=model, dispatch_uid=uid)
