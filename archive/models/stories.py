import functools
from urllib.parse import quote

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models, transaction
from django.db.models import Exists, F, Lookup, OuterRef, Q, Subquery
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from taggit.managers import TaggableManager

from archive import linking
from archive.models.links import ArticleCandidate, ArticleElection, ArticleRelease
from archive.models.tags import StoryTags, tag_ids_of
from candidates.models import Candidate
from elections.checks import validate_time, within_years
from elections.models import Election, Release


class InArray(Lookup):
    """`pk = ANY(ARRAY(subquery))`: the subquery's rows, worked out once before the outer
    query's plan is chosen."""

    lookup_name = "in_array"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]


class Publication(models.Model):
    """A news outlet."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


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

    def naming(self, candidate):
        """Stories linked to the candidate, as readers see the links."""
        # The candidate's links first, as an array the plan cannot see into: given a join
        # or EXISTS, the planner takes a candidate's few hundred stories as spread evenly
        # through time and walks the whole archive newest first, probing each story for a
        # link (300-500 ms at 100,000 stories for one named only years ago). This costs
        # what the candidate's own stories cost, 7 ms for 700, whatever the archive holds.
        links = ArticleCandidate.objects.shown().filter(candidate=candidate).values("article_id")
        return self.filter(InArray(F("pk"), Subquery(links)))

    def covering(self, election):
        """Stories linked to the election, as readers see the links."""
        # As naming() does, and for the same reason: a contest's stories come within weeks
        # of its day, and the join had the plan walk the archive from its oldest story to
        # the contest's first (300 ms at 100,000 stories, for a contest of 2021).
        links = ArticleElection.objects.shown().filter(election=election).values("article_id")
        return self.filter(InArray(F("pk"), Subquery(links)))

    def reporting(self, release):
        """Stories that report the release: quote its figures, or an editor linked them
        (EXISTS, since a story may have a row for each reason)."""
        reasons = [ArticleRelease.Reason.QUOTED, ArticleRelease.Reason.EDITOR]
        return self.filter(
            Exists(
                ArticleRelease.objects.shown().filter(
                    article=OuterRef("pk"), release=release, reason__in=reasons
                )
            )
        )

    def relink(self, progress=None):
        """Link these stories again, in bulk; returns how many (see archive.linking)."""
        return linking.relink(self, progress=progress)

    def store_tag_ids(self):
        """Write each story's tag_ids afresh from its tags: their one writer (see
        archive.models.tags)."""
        return self.update(tag_ids=tag_ids_of(OuterRef("pk")))


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
        validators=[validate_time],
        help_text="When the story was (or will be) published. A future time schedules it.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    revised_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When readers last saw the story change: its text edited after publication, "
        "or a correction appended. Linking, imports and loading the demo leave it be.",
    )
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
    tags = TaggableManager(blank=True, manager=StoryTags)
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
    # for a common word. The linker writes the first two with the links (archive.linking),
    # the tag manager the third (archive.models.tags); `manage.py relink` rewrites all.
    candidate_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    election_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    tag_ids = ArrayField(models.IntegerField(), default=list, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"
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
            models.CheckConstraint(
                condition=within_years("published_at"), name="article_published_in_range"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, link=True, **kwargs):
        """Save, then link the story: the one way a story's links, linked text and facet
        ids are made. link=False is for a caller that links it once itself after writing
        what the linker reads (the admin's inlines, an importer's tags)."""
        with transaction.atomic():
            super().save(*args, **kwargs)
            if link:
                linking.link_article(self)

    def get_absolute_url(self):
        local = timezone.localtime(self.published_at) if self.published_at else None
        if local is None:
            return reverse("archive:story_preview", kwargs={"pk": self.pk})
        return story_path(local, self.slug)

    def link(self):
        """Link the saved story again (Article.save() does it; so does saving a link row)."""
        linking.link_article(self)

    #: What a reader reads: a change to one of these after publication is a revision.
    READER_TEXT = frozenset({"headline", "dek", "byline", "body"})

    def note_edit(self, changed_fields):
        """Before saving an edit: mark the story revised if the edit changed what readers
        read of a story they could already see (a draft's edits are no revision)."""
        edited = self.pk and self.READER_TEXT & set(changed_fields)
        if edited and type(self).objects.published().filter(pk=self.pk).exists():
            self.revised_at = timezone.now()

    @property
    def modified_at(self):
        """The date a page or sitemap gives as last modified."""
        return self.revised_at or self.published_at

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def story_path(local, slug):
    """What reverse("archive:story_detail") gives for a story published at `local` (the
    newsroom's time), without the resolver: a page of fifty story cards spent a fifth of
    its time reversing. Quoted as reverse() quotes, for slugs in any script."""
    day = quote(f"{local.year:04d}/{local.month}/{local.day}/{slug}/", safe=_SAFE)
    return f"{get_script_prefix()}{_stories_path()}{day}"


_SAFE = RFC3986_SUBDELIMS + "/~:@"


@functools.cache
def _stories_path():
    # The path of the stories' index, without the script prefix, which a request sets.
    return reverse("archive:story_index").removeprefix(get_script_prefix())
