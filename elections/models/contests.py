"""Election days, the contests on them, and who or what stands in each."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import dateformat, timezone

from candidates.models import Candidate
from candidates.paths import slug_path
from elections.checks import validate_time, within_years
from elections.models.announcing import AnnouncingModel, AnnouncingQuerySet


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


class ElectionDayManager(models.Manager):
    def get_queryset(self):
        # The authority's file, kept to trace each contest to it, is near a megabyte for a
        # county: read only where asked for, not with every page that names the day.
        return super().get_queryset().defer("election_data")


class ElectionDay(models.Model):
    """One date's election run by one authority: the registrar's "General Election" of
    2022-11-08, with its hundreds of contests."""

    authority = models.CharField(max_length=200, help_text="Who runs and counts it.")
    title = models.CharField(max_length=200, help_text="As the authority names it.")
    date = models.DateField(validators=[validate_time])
    slug = models.SlugField(max_length=200, unique=True)
    registrar_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The authority's own number for it, where it has one."
    )
    registered_voters = models.PositiveBigIntegerField(null=True, blank=True)
    precincts = models.PositiveIntegerField(null=True, blank=True)
    election_data = models.BinaryField(
        null=True,
        blank=True,
        editable=False,
        help_text="The authority's list of contests, as published.",
    )

    objects = ElectionDayManager()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "registrar_id"], name="election_day_once_per_authority"
            ),
            models.CheckConstraint(
                condition=within_years("date", is_date=True), name="election_day_date_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.date:%b. %-d, %Y}"

    def get_absolute_url(self):
        return slug_path("elections:election_day_detail", self.slug)


class ContestKind(models.TextChoices):
    RACE = "race", "Race between candidates"
    MEASURE = "measure", "Ballot measure"
    RETENTION = "retention", "Judge's retention"


class ElectionQuerySet(AnnouncingQuerySet):
    election_path = "pk"

    def count_ballot_sizes(self):
        """Raise each election's ballot_size to at least its candidacies, for writers that
        add candidacies in bulk (Candidacy.save does it for one)."""
        entered = (
            Candidacy.objects.filter(election=models.OuterRef("pk"))
            .order_by()
            .values("election")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.update(
            ballot_size=Greatest(models.F("ballot_size"), Coalesce(models.Subquery(entered), 0))
        )

    def with_winners(self):
        """Prefetch the elected or advancing candidacies into .winners, for cards that name them."""
        return self.prefetch_related(
            models.Prefetch(
                "candidacies",
                queryset=Candidacy.objects.filter(outcome__in=Candidacy.WINNING)
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
    called_by = models.CharField(
        max_length=100, blank=True, help_text="Who called the race: AP, the Times, our desk."
    )
    called_at = models.DateTimeField(
        null=True, blank=True, validators=[validate_time], help_text="When they called it."
    )
    call_source_url = models.URLField(
        "where the call was made", max_length=500, blank=True, help_text="Their announcement."
    )
    certified_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_time],
        help_text="When the result was certified.",
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
    election_day = models.ForeignKey(
        ElectionDay,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contests",
        help_text="The election day this contest is on, where its authority groups them.",
    )
    group = models.CharField(
        max_length=200, blank=True, help_text="The authority's group for it: Cities, Schools."
    )
    position = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Where the authority lists it among the day's contests.",
    )
    kind = models.CharField(max_length=10, choices=ContestKind.choices, default=ContestKind.RACE)
    seats = models.PositiveSmallIntegerField(
        default=1, help_text="How many win: a ballot has as many votes in it."
    )
    registrar_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    question = models.TextField(blank=True, help_text="A measure's text, as on the ballot.")
    pass_rate = models.CharField(
        max_length=100, blank=True, help_text="What a measure needs to pass: a majority, 2/3."
    )
    ballot_size = models.PositiveSmallIntegerField(
        "names on the ballot",
        default=0,
        help_text="How many candidates (or choices) the ballot lists, where more than are "
        "entered here: shares are worked out only from a release with votes for all of them. "
        "Never fewer than the candidacies entered.",
    )
    version = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="New with every write to the contest, its candidacies, releases or votes, "
        "or its candidates' names (elections.versions): what was built from it says which "
        "version it shows.",
    )

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
            models.UniqueConstraint(
                fields=["election_day", "registrar_id"], name="contest_once_per_election_day"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="contest_has_a_seat"),
            models.CheckConstraint(
                condition=within_years("date", is_date=True), name="election_date_in_range"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="election_date_idx")]

    def __str__(self):
        # As a reader finds it: "Los Angeles Mayor, primary, Jun. 2, 2026".
        day = dateformat.format(self.date, "N j, Y")
        return f"{self.jurisdiction} {self.office}, {self.get_stage_display().lower()}, {day}"

    def clean(self):
        super().clean()
        errors = {}
        if self.status == ElectionStatus.CALLED:
            if not self.called_by:
                errors["called_by"] = "A called race says who called it."
            if self.called_at is None:
                errors["called_at"] = "A called race says when it was called."
        if (self.called_at or self.call_source_url) and not self.called_by:
            errors.setdefault("called_by", "Say who made this call.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.pk:
            self.ballot_size = max(self.ballot_size, self.candidacies.count())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("elections:election_detail", self.slug)

    @property
    def status_label(self):
        """Where the contest stands, as a reader is told: "Scheduled" only until its day."""
        if self.status == ElectionStatus.SCHEDULED:
            today = timezone.localdate()
            if self.date == today:
                return "Voting today"
            if self.date < today:
                return "Held, no count on file"
        return self.get_status_display()

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
    #: The outcomes that win: a seat, or a place in the runoff.
    WINNING = (CandidacyOutcome.ELECTED, CandidacyOutcome.ADVANCED)

    candidate = models.ForeignKey(
        Candidate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
        help_text="Who stands; empty for a choice on a measure.",
    )
    choice = models.CharField(
        max_length=20, blank=True, help_text="A measure's or a retention's choice: Yes, No."
    )
    ballot_name = models.CharField(
        max_length=200, blank=True, help_text="The name as the ballot prints it."
    )
    party = models.CharField(max_length=100, blank=True)
    registrar_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
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
            # A person, or a measure's choice: never both, never neither.
            models.CheckConstraint(
                condition=(Q(candidate__isnull=False) & Q(choice=""))
                | (Q(candidate__isnull=True) & ~Q(choice="")),
                name="candidacy_person_or_choice",
            ),
            models.UniqueConstraint(
                fields=["election", "choice"],
                condition=~Q(choice=""),
                name="candidacy_choice_once_per_contest",
            ),
        ]

    def __str__(self):
        return f"{self.name} in {self.election}"

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding:
            Election.objects.filter(pk=self.election_id).count_ballot_sizes()

    @property
    def name(self):
        """Who or what stands: the candidate's name, or a measure's choice."""
        return self.candidate.name if self.candidate_id else self.choice
