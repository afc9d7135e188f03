"""Why a story is linked to a candidate, an election or a release.

The linker (archive.linking) writes these rows in bulk; an editor may add a row of
their own or mark one removed, and the linker keeps that choice on every relink.
Saving or deleting one row by itself links its story again, so the story's linked
text and facet ids follow; the admin, which saves several rows of one story at
once, saves them with relink=False and links the story once after.
Readers see only the rows an editor has not removed: `.shown()`, and for stories
reached through them, `shown_through()`.
"""

from django.db import models
from django.db.models import Q


class Origin(models.TextChoices):
    AUTO = "auto", "Found by the site"
    EDITOR = "editor", "Set by an editor"


class LinkQuerySet(models.QuerySet):
    def shown(self):
        """The links readers see: not removed by an editor."""
        return self.filter(is_suppressed=False)


class StoryLink(models.Model):
    """What every kind of link row shares: saving one on its own links its story again."""

    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTO)

    objects = LinkQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, relink=True, **kwargs):
        super().save(*args, **kwargs)
        if relink:
            self.article.link()

    def delete(self, *args, relink=True, **kwargs):
        deleted = super().delete(*args, **kwargs)
        if relink:
            self.article.link()
        return deleted


def shown_through(relation, **lookups):
    """A filter on rows reached through link rows (`relation`, e.g. "candidate_links" from a
    story, "article_links" from a candidate) that counts only the links readers see:
    Article.objects.filter(shown_through("candidate_links", candidate=bass))."""
    return Q(**{f"{relation}__{name}": value for name, value in lookups.items()}) & Q(
        **{f"{relation}__is_suppressed": False}
    )


class ArticleCandidate(StoryLink):
    """A story names a candidate."""

    article = models.ForeignKey(
        "archive.Article", on_delete=models.CASCADE, related_name="candidate_links"
    )
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="article_links"
    )
    mention_count = models.PositiveIntegerField(default=0)
    is_suppressed = models.BooleanField(
        default=False, help_text="An editor removed this link; relinking keeps it removed."
    )

    class Meta:
        verbose_name = "candidate named"
        verbose_name_plural = "candidates named"
        constraints = [
            models.UniqueConstraint(fields=["article", "candidate"], name="article_candidate_once"),
            models.CheckConstraint(
                condition=Q(origin__in=["auto", "editor"]), name="article_candidate_origin_valid"
            ),
        ]

    def __str__(self):
        return f"{self.article} names {self.candidate}"


class ArticleElection(StoryLink):
    """A story covers an election."""

    article = models.ForeignKey(
        "archive.Article", on_delete=models.CASCADE, related_name="election_links"
    )
    election = models.ForeignKey(
        "elections.Election", on_delete=models.CASCADE, related_name="article_links"
    )
    is_suppressed = models.BooleanField(default=False)

    class Meta:
        verbose_name = "election covered"
        verbose_name_plural = "elections covered"
        constraints = [
            models.UniqueConstraint(fields=["article", "election"], name="article_election_once"),
            models.CheckConstraint(
                condition=Q(origin__in=["auto", "editor"]), name="article_election_origin_valid"
            ),
        ]

    def __str__(self):
        return f"{self.article} covers {self.election}"


class ArticleRelease(StoryLink):
    """A story reports a release, quotes its figures, or was published under it."""

    class Reason(models.TextChoices):
        QUOTED = "quoted", "Quotes figures from this release"
        AT_PUBLICATION = "at_publication", "Latest count when published"
        EDITOR = "editor", "Linked by an editor"

    article = models.ForeignKey(
        "archive.Article", on_delete=models.CASCADE, related_name="release_links"
    )
    release = models.ForeignKey(
        "elections.Release", on_delete=models.CASCADE, related_name="article_links"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    quoted_figures = models.CharField(
        max_length=200, blank=True, help_text="The figures the story quotes, as written."
    )
    is_suppressed = models.BooleanField(default=False)

    class Meta:
        verbose_name = "count reported"
        verbose_name_plural = "counts reported"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "release", "reason"], name="article_release_once"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=["quoted", "at_publication", "editor"]),
                name="article_release_reason_valid",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=["auto", "editor"]), name="article_release_origin_valid"
            ),
        ]

    def __str__(self):
        return f"{self.article}: {self.get_reason_display()}"
