from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse

from candidates.models import Candidate
from elections.results import ReleaseResults


class ElectionStage(models.TextChoices):
    PRIMARY = "primary", "Primary"
    GENERAL = "general", "General"
    RUNOFF = "runoff", "Runoff"
    SPECIAL = "special", "Special"


class ElectionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    COUNTING = "counting", "Counting"
    CALLED = "called", "Called"
    CERTIFIED = "certified", "Certified"


class ElectionQuerySet(models.QuerySet):
    def with_winners(self):
        """Prefetch the elected or advancing candidacies into .winners, for cards that name them."""
        return self.prefetch_related(
            models.Prefetch(
                "candidacies",
                queryset=Candidacy.objects.filter(
                    outcome__in=[CandidacyOutcome.ELECTED, CandidacyOutcome.ADVANCED]
                )
                .select_related("candidate")
                .order_by("candidate__name"),
                to_attr="winners",
            )
        )


class Election(models.Model):
    """One contest on one date: Mayor of Los Angeles, primary of 2022-06-07."""

    Stage = ElectionStage
    Status = ElectionStatus

    office = models.CharField(max_length=200, help_text="Mayor")
    jurisdiction = models.CharField(max_length=200, help_text="Los Angeles")
    date = models.DateField(help_text="Election day.")
    stage = models.CharField(max_length=10, choices=ElectionStage.choices)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="office, place and date: los-angeles-mayor-2022-11-08",
    )
    status = models.CharField(
        max_length=10, choices=ElectionStatus.choices, default=ElectionStatus.SCHEDULED
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_by",
        help_text="The primary this contest follows, if any.",
    )
    is_demo = models.BooleanField(default=False)

    objects = ElectionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "jurisdiction", "office"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=ElectionStage.values), name="election_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ElectionStatus.values), name="election_status_valid"
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "office", "date"], name="election_unique_contest_per_day"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="election_date_idx")]

    def __str__(self):
        return f"{self.jurisdiction} {self.office}, {self.get_stage_display().lower()} {self.date}"

    def get_absolute_url(self):
        return reverse("elections:election_detail", kwargs={"slug": self.slug})


class CandidacyOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    ADVANCED = "advanced", "Advanced"
    ELECTED = "elected", "Elected"
    DEFEATED = "defeated", "Defeated"
    WITHDREW = "withdrew", "Withdrew"


class Candidacy(models.Model):
    """A candidate standing in one election."""

    Outcome = CandidacyOutcome

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="candidacies")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidacies")
    ballot_designation = models.CharField(max_length=200, blank=True)
    is_incumbent = models.BooleanField(default=False)
    outcome = models.CharField(
        max_length=10, choices=CandidacyOutcome.choices, default=CandidacyOutcome.PENDING
    )

    class Meta:
        verbose_name_plural = "candidacies"
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "election"], name="candidacy_once_per_election"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=CandidacyOutcome.values), name="candidacy_outcome_valid"
            ),
        ]

    def __str__(self):
        return f"{self.candidate} in {self.election}"


def number_in_election(path=""):
    """A release's number in its election, counting every release of the election up to
    it, so it holds however the outer query filters (numbered() counts only the rows
    left). `path` leads from the outer query's rows to the release: "release__"."""
    earlier = (
        Release.objects.filter(
            election_id=models.OuterRef(f"{path}election_id"),
            released_at__lte=models.OuterRef(f"{path}released_at"),
        )
        .order_by()
        .values("election_id")
        .annotate(n=models.Count("*"))
        .values("n")
    )
    return models.Subquery(earlier)


class ReleaseQuerySet(models.QuerySet):
    def with_results(self):
        """Prefetch what results() needs: vote_counts with their candidacy and candidate."""
        return self.prefetch_related(
            models.Prefetch(
                "vote_counts",
                queryset=VoteCount.objects.select_related("candidacy__candidate").order_by("pk"),
            )
        )

    def current_per_election(self):
        """One release per election: the final one if any, else the latest.

        Annotated with its number and its election's count of releases by window
        functions, which PostgreSQL computes over each election's releases before
        DISTINCT ON keeps one; filter only by election, or the numbers shift.
        """
        by_election = {"partition_by": [models.F("election_id")]}
        return (
            self.annotate(
                number=models.Window(
                    models.functions.RowNumber(),
                    order_by=models.F("released_at").asc(),
                    **by_election,
                ),
                release_total=models.Window(models.Count("id"), **by_election),
            )
            .order_by("election_id", "-is_final", "-released_at")
            .distinct("election_id")
        )

    def numbered(self):
        """Annotate each release with its number within its election, counted from 1."""
        return self.annotate(
            number=models.Window(
                expression=models.functions.RowNumber(),
                partition_by=[models.F("election_id")],
                order_by=models.F("released_at").asc(),
            )
        )


class Release(models.Model):
    """One release of results for one election, as its source gave it."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="releases")
    released_at = models.DateTimeField(help_text="When the source released these figures.")
    source = models.CharField(max_length=200, help_text="Who released or reported the figures.")
    source_url = models.URLField(max_length=500, blank=True)
    ballots_counted = models.PositiveBigIntegerField(null=True, blank=True)
    ballots_remaining = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Ballots still to count, as the source estimated them."
    )
    expected_vote_pct = models.DecimalField(
        "share of expected vote counted (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_final = models.BooleanField("final or certified", default=False)
    notes = models.TextField(blank=True, help_text="What the figures cover, and any caveat.")

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["election", "released_at"]
        get_latest_by = "released_at"
        constraints = [
            models.UniqueConstraint(
                fields=["election", "released_at"], name="release_one_per_time"
            ),
            models.CheckConstraint(
                condition=Q(expected_vote_pct__gte=0) & Q(expected_vote_pct__lte=100),
                name="release_expected_pct_0_100",
            ),
        ]
        indexes = [models.Index(fields=["released_at"], name="release_released_idx")]

    def __str__(self):
        return f"{self.election}: release of {self.released_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse(
            "elections:release_detail",
            kwargs={"slug": self.election.slug, "number": self.release_number},
        )

    @property
    def release_number(self):
        """Its place in its election's releases, from 1; annotated by numbered() or counted."""
        number = getattr(self, "number", None)
        if number is None:
            number = Release.objects.filter(
                election_id=self.election_id, released_at__lte=self.released_at
            ).count()
        return number

    def results(self):
        """Shares, leader and margin, derived from this release's vote_counts (prefetch them)."""
        return ReleaseResults.from_vote_counts(self.vote_counts.all())


class VoteCount(models.Model):
    """Votes for one candidacy in one release; or, where a source gave only a percentage, that."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="vote_counts")
    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="vote_counts")
    votes = models.PositiveBigIntegerField(null=True, blank=True)
    reported_share = models.DecimalField(
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Percent as reported, where the source gave no vote count.",
    )

    class Meta:
        verbose_name = "votes"
        verbose_name_plural = "votes"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "candidacy"], name="vote_count_candidacy_once_per_release"
            ),
            models.CheckConstraint(condition=Q(votes__gte=0), name="vote_count_non_negative"),
            models.CheckConstraint(
                condition=Q(reported_share__gte=Decimal(0)) & Q(reported_share__lte=Decimal(100)),
                name="vote_count_share_0_100",
            ),
            models.CheckConstraint(
                condition=Q(votes__isnull=False) | Q(reported_share__isnull=False),
                name="vote_count_votes_or_share",
            ),
        ]

    def __str__(self):
        figure = f"{self.votes:,} votes" if self.votes is not None else f"{self.reported_share}%"
        return f"{self.candidacy.candidate}: {figure}"
