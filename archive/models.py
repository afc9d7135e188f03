from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models, transaction
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from candidates.models import Candidate
from elections.models import Election, Release


class Publication(models.Model):
    """A news outlet."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def story_taggings():
    """Taggit's rows that tag stories: taggit keeps every model's tags in one table."""
    return TaggedItem.objects.filter(
        content_type__app_label="archive", content_type__model="article"
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its publish time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_cards(self):
        """What a story card shows, in a fixed number of queries however many stories."""
        return self.select_related("publication").only(
            "headline",
            "slug",
            "dek",
            "byline",
            "published_at",
            "publication__name",
            "publication__slug",
        )

    def store_facet_ids(self):
        """Write each story's facet ids (see Article.candidate_ids) afresh from its link
        rows and tags, in one UPDATE; for changes made outside the linker."""
        story = OuterRef("pk")
        return self.update(
            candidate_ids=ArraySubquery(
                ArticleCandidate.objects.filter(article=story, is_suppressed=False)
                .order_by("candidate_id")
                .values("candidate_id")
            ),
            election_ids=ArraySubquery(
                ArticleElection.objects.filter(article=story, is_suppressed=False)
                .order_by("election_id")
                .values("election_id")
            ),
            tag_ids=ArraySubquery(
                story_taggings().filter(object_id=story).order_by("tag_id").values("tag_id")
            ),
        )


class Article(models.Model):
    """A news story."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, help_text="Filled from the headline.")
    dek = models.TextField(
        "standfirst", blank=True, help_text="One or two sentences under the headline."
    )
    byline = models.CharField(max_length=200, blank=True)
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the story was (or will be) published. A future time schedules it.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)
    body = models.TextField(help_text="Plain text; paragraphs separated by a blank line.")
    body_html = models.TextField(
        blank=True,
        editable=False,
        help_text="The body escaped and with its links, made by archive.linking on save.",
    )
    linked_at = models.DateTimeField(null=True, blank=True, editable=False)
    source_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    needs_review = models.BooleanField(
        default=False, help_text="Set by imports that had to guess or leave something out."
    )
    review_note = models.CharField(max_length=300, blank=True)
    is_demo = models.BooleanField(
        default=False, help_text="Demo content written for the project, not an archived source."
    )
    tags = TaggableManager(blank=True)
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("headline", weight="A", config="english")
            + SearchVector("dek", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The headline alone, small enough to live in the row: search's "best match" takes,
    # where thousands of stories match, those whose headline matches first, and this
    # answers that without reading each story's whole vector out of TOAST.
    headline_vector = models.GeneratedField(
        expression=SearchVector("headline", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    candidates = models.ManyToManyField(
        Candidate, through="ArticleCandidate", related_name="articles", blank=True
    )
    elections = models.ManyToManyField(
        Election, through="ArticleElection", related_name="articles", blank=True
    )
    releases = models.ManyToManyField(
        Release, through="ArticleRelease", related_name="articles", blank=True
    )
    # Facet ids: copies of the candidates and elections the story is linked to (not
    # those an editor suppressed) and of its tags. Search counts the stories matching
    # a query under each filter value from these, reading only the matching rows;
    # joining the link tables instead costs a pass over hundreds of thousands of rows
    # for a common word. The linker writes them with the links, and archive.facet_ids
    # on any other change to links or tags; `manage.py relink` rewrites them all.
    candidate_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    election_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    tag_ids = ArrayField(models.IntegerField(), default=list, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.UniqueConstraint(
                fields=["source_url"],
                condition=~Q(source_url=""),
                name="article_unique_source_url",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, link=True, **kwargs):
        """Save, then link the story (pass link=False where a caller links in bulk)."""
        from archive.linking import link_article

        with transaction.atomic():
            super().save(*args, **kwargs)
            if link:
                link_article(self)

    def get_absolute_url(self):
        local = timezone.localtime(self.published_at) if self.published_at else None
        if local is None:
            return reverse("archive:story_preview", kwargs={"pk": self.pk})
        return reverse(
            "archive:story_detail",
            kwargs={
                "year": local.year,
                "month": local.month,
                "day": local.day,
                "slug": self.slug,
            },
        )

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Origin(models.TextChoices):
    AUTO = "auto", "Found by the site"
    EDITOR = "editor", "Set by an editor"


class ArticleCandidate(models.Model):
    """A story names a candidate."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="candidate_links")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="article_links")
    mention_count = models.PositiveIntegerField(default=0)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTO)
    is_suppressed = models.BooleanField(
        default=False, help_text="An editor removed this link; relinking keeps it removed."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "candidate"], name="article_candidate_once"),
            models.CheckConstraint(
                condition=Q(origin__in=["auto", "editor"]), name="article_candidate_origin_valid"
            ),
        ]

    def __str__(self):
        return f"{self.article} names {self.candidate}"


class ArticleElection(models.Model):
    """A story covers an election."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="election_links")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="article_links")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTO)
    is_suppressed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "election"], name="article_election_once"),
            models.CheckConstraint(
                condition=Q(origin__in=["auto", "editor"]), name="article_election_origin_valid"
            ),
        ]

    def __str__(self):
        return f"{self.article} covers {self.election}"


class ArticleRelease(models.Model):
    """A story reports a release, quotes its figures, or was published under it."""

    class Reason(models.TextChoices):
        QUOTED = "quoted", "Quotes figures from this release"
        AT_PUBLICATION = "at_publication", "Latest count when published"
        EDITOR = "editor", "Linked by an editor"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="release_links")
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="article_links")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    quoted_figures = models.CharField(
        max_length=200, blank=True, help_text="The figures the story quotes, as written."
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.AUTO)
    is_suppressed = models.BooleanField(default=False)

    class Meta:
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
