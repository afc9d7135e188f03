from decimal import Decimal

from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse

from candidates.models import Candidate
from elections.checks import validate_time, within_years
from elections.events import announce
from elections.results import ReleaseResults


class AnnouncingQuerySet(models.QuerySet):
    """Writes in bulk announce the elections they touch (elections.events), as each
    model's save() and delete() do. `election_path` leads from a row to its election."""

    election_path = "election_id"

    def _election_ids(self, rows=None):
        queryset = self if rows is None else self.model.objects.filter(pk__in=[r.pk for r in rows])
        return set(queryset.values_list(self.election_path, flat=True).distinct())

    def update(self, **values):
        election_ids = self._election_ids()
        count = super().update(**values)
        announce(self.model, election_ids | self._election_ids())
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        announce(self.model, self._election_ids(created))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        announce(self.model, self._election_ids(objs))
        return count

    def delete(self):
        announce(self.model, self._election_ids(), deleting=True)
        return super().delete()


class AnnouncingModel(models.Model):
    """A model whose every save and delete announces its election (elections.events)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        announce(type(self), {self.announced_election_id()})

    def delete(self, *args, **kwargs):
        announce(type(self), {self.announced_election_id()}, deleting=True)
        return super().delete(*args, **kwargs)

    def announced_election_id(self):
        return self.election_id


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


class ElectionQuerySet(AnnouncingQuerySet):
    election_path = "pk"

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


class Election(AnnouncingModel):
    """One contest on one date: Mayor of Los Angeles, primary of 2022-06-07."""

    Stage = ElectionStage
    Status = ElectionStatus

    office = models.CharField(max_length=200, help_text="Mayor")
    jurisdiction = models.CharField(max_length=200, help_text="Los Angeles")
    date = models.DateField(help_text="Election day.", validators=[validate_time])
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
            models.CheckConstraint(
                condition=within_years("date", is_date=True), name="election_date_in_range"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="election_date_idx")]

    def __str__(self):
        return f"{self.jurisdiction} {self.office}, {self.get_stage_display().lower()} {self.date}"

    def get_absolute_url(self):
        return reverse("elections:election_detail", kwargs={"slug": self.slug})

    def announced_election_id(self):
        return self.pk


class CandidacyOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    ADVANCED = "advanced", "Advanced"
    ELECTED = "elected", "Elected"
    DEFEATED = "defeated", "Defeated"
    WITHDREW = "withdrew", "Withdrew"


class CandidacyQuerySet(AnnouncingQuerySet):
    pass


class Candidacy(AnnouncingModel):
    """A candidate standing in one election."""

    Outcome = CandidacyOutcome

    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="candidacies")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidacies")
    ballot_designation = models.CharField(max_length=200, blank=True)
    is_incumbent = models.BooleanField(default=False)
    outcome = models.CharField(
        max_length=10, choices=CandidacyOutcome.choices, default=CandidacyOutcome.PENDING
    )

    objects = CandidacyQuerySet.as_manager()

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


class ReleaseQuerySet(AnnouncingQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Numbers new releases after those their election has, in the order given."""
        objs = list(objs)
        with transaction.atomic():
            election_ids = {r.election_id for r in objs if r.number is None}
            locked = Election.objects.select_for_update().filter(pk__in=election_ids)
            last = dict(
                Release.objects.filter(election__in=locked)
                .values("election_id")
                .annotate(n=models.Max("number"))
                .values_list("election_id", "n")
            )
            for release in objs:
                if release.number is None:
                    last[release.election_id] = last.get(release.election_id, 0) + 1
                    release.number = last[release.election_id]
            return super().bulk_create(objs, *args, **kwargs)

    def with_results(self):
        """Prefetch what results() needs: vote_counts with their candidacy and candidate."""
        return self.prefetch_related(
            models.Prefetch(
                "vote_counts",
                queryset=VoteCount.objects.select_related("candidacy__candidate").order_by("pk"),
            )
        )

    def around(self, number):
        """The release with this number and those just before and after it in time, in
        time order, in one query; call on one election's releases."""
        at = self.filter(number=number).values("released_at")[:1]
        before = self.filter(released_at__lt=models.Subquery(at)).order_by("-released_at")
        after = self.filter(released_at__gt=models.Subquery(at)).order_by("released_at")
        return self.filter(
            Q(number=number)
            | Q(pk=models.Subquery(before.values("pk")[:1]))
            | Q(pk=models.Subquery(after.values("pk")[:1]))
        ).order_by("released_at")

    def current_per_election(self):
        """One release per election: the final one if any, else the latest.

        Annotated with its election's count of releases by a window function, which
        PostgreSQL computes over each election's releases before DISTINCT ON keeps
        one; filter only by election, or the count shrinks.
        """
        return (
            self.annotate(
                release_total=models.Window(
                    models.Count("id"), partition_by=[models.F("election_id")]
                ),
            )
            .order_by("election_id", "-is_final", "-released_at")
            .distinct("election_id")
        )


class Release(AnnouncingModel):
    """One release of results for one election, as its source gave it."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="releases")
    number = models.PositiveIntegerField(
        editable=False,
        help_text="Its place in its election's releases when it was entered, from 1. Part of "
        "its address, so it never changes: a release added later for an earlier time "
        "takes the next number.",
    )
    released_at = models.DateTimeField(
        help_text="When the source released these figures.", validators=[validate_time]
    )
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
    is_correction = models.BooleanField(
        "corrects earlier figures",
        default=False,
        help_text="The source corrected its count, so a figure may be lower than before.",
    )
    notes = models.TextField(blank=True, help_text="What the figures cover, and any caveat.")

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["election", "released_at"]
        get_latest_by = "released_at"
        constraints = [
            models.UniqueConstraint(
                fields=["election", "released_at"], name="release_one_per_time"
            ),
            models.UniqueConstraint(fields=["election", "number"], name="release_number_once"),
            models.CheckConstraint(
                condition=within_years("released_at"), name="release_time_in_range"
            ),
            models.CheckConstraint(
                condition=Q(expected_vote_pct__gte=0) & Q(expected_vote_pct__lte=100),
                name="release_expected_pct_0_100",
            ),
        ]
        indexes = [models.Index(fields=["released_at"], name="release_released_idx")]

    def __str__(self):
        return f"{self.election}: release of {self.released_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.number is None:
            with transaction.atomic():
                # The election's row is locked, so two releases entered at once never
                # take the same number.
                Election.objects.select_for_update().filter(pk=self.election_id).first()
                last = Release.objects.filter(election_id=self.election_id).aggregate(
                    n=models.Max("number")
                )["n"]
                self.number = (last or 0) + 1
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "elections:release_detail",
            kwargs={"slug": self.election.slug, "number": self.number},
        )

    def previous(self):
        """The election's release just before this one in time, if any."""
        return (
            Release.objects.filter(election_id=self.election_id, released_at__lt=self.released_at)
            .exclude(pk=self.pk)
            .order_by("-released_at")
            .first()
        )

    def votes_by_name(self):
        """Each candidacy's votes in this release, by the candidate's name."""
        rows = self.vote_counts.values_list("candidacy__candidate__name", "votes")
        return dict(rows)

    def results(self):
        """Shares, leader and margin, derived from this release's vote_counts (prefetch them)."""
        return ReleaseResults.from_vote_counts(self.vote_counts.all())


class VoteCountQuerySet(AnnouncingQuerySet):
    election_path = "release__election_id"


class VoteCount(AnnouncingModel):
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

    objects = VoteCountQuerySet.as_manager()

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

    def announced_election_id(self):
        if VoteCount.release.is_cached(self):
            return self.release.election_id
        return (
            Release.objects.filter(pk=self.release_id).values_list("election_id", flat=True).first()
        )
