"""What a story got wrong or left unclear, told to its readers after publication.

A correction stays with the story for good: readers see it under the story, on the
corrections page and in its feed, and search engines in the story's structured data
(schema.org CorrectionComment). Adding one is an edit readers can see, so it moves the
story's revised_at, the date its page and the sitemap give as last modified.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Greatest
from django.utils import timezone

from archive.models.stories import Article
from elections.checks import validate_time, within_years

# Clocks of the desk and the server may differ by a little.
CLOCK_SLACK = datetime.timedelta(minutes=5)


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Corrections readers may see: on a public story, and their time has come."""
        now = timezone.now()
        return self.filter(
            published_at__lte=now,
            article__status="published",
            article__published_at__lte=now,
        )


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=13, choices=Kind.choices, default=Kind.CORRECTION)
    published_at = models.DateTimeField(
        "appended",
        default=timezone.now,
        validators=[validate_time],
        help_text="When readers were told; not before the story was published.",
    )
    text = models.TextField(
        help_text="What the story said, and what is right, in plain text. Shown as written."
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["correction", "clarification"]),
                name="correction_kind_valid",
            ),
            models.CheckConstraint(
                condition=within_years("published_at"), name="correction_published_in_range"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="correction_has_text"),
        ]
        indexes = [models.Index(fields=["-published_at"], name="correction_latest_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} to “{self.article}”"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            # A correction set for later moves nothing readers can see yet.
            if self.published_at <= timezone.now():
                Article.objects.filter(pk=self.article_id).update(
                    revised_at=Greatest("revised_at", self.published_at)
                )

    def clean(self):
        story = self.article if self.article_id else None
        if story is None or self.published_at is None:
            return
        if not story.is_public:
            raise ValidationError("Only a published story takes a correction: edit a draft.")
        if self.published_at < story.published_at:
            raise ValidationError(
                {"published_at": "A correction cannot come before the story it corrects."}
            )
        if self.published_at > timezone.now() + CLOCK_SLACK:
            raise ValidationError(
                {"published_at": "A correction is dated when readers are told: not ahead."}
            )
        if self.pk:
            told = Correction.objects.filter(pk=self.pk).values("article_id", "published_at")
            before = told.first()
            if before and before["article_id"] != self.article_id:
                raise ValidationError("A correction stays with the story its readers were told.")
            if before and self.published_at > before["published_at"]:
                raise ValidationError(
                    {"published_at": "A correction readers were told cannot be dated later."}
                )
