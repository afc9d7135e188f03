"""Releases of counts, as their source published them, and the votes in each."""

from decimal import Decimal

from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import dateformat, timezone

from elections.checks import validate_time, within_years
from elections.models.announcing import AnnouncingModel, AnnouncingQuerySet
from elections.models.contests import Candidacy, Election, ElectionDay
from elections.results import ReleaseResults


def newsroom_time(moment, seconds=False):
    """A stored time as the desk reads it, in the newsroom's zone: "Nov. 8, 2022, 8:24 p.m."
    (stored in UTC, it would say 04:24 the next day)."""
    pattern = "N j, Y, g:i:s a" if seconds else "N j, Y, P"
    return dateformat.format(timezone.localtime(moment), pattern)


class ReleaseQuerySet(AnnouncingQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Numbers new releases after those their election has, in the order given."""
        objs = list(objs)
        with transaction.atomic():
            election_ids = sorted({r.election_id for r in objs if r.number is None})
            # Locked first, in a statement of its own (as a subquery FOR UPDATE locks
            # nothing), so that two imports never number a release alike.
            list(Election.objects.select_for_update().filter(pk__in=election_ids).values("pk"))
            last = dict(
                Release.objects.filter(election_id__in=election_ids)
                .order_by()
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
        """The release with this number, those just before and after it in time, the
        latest before it that gave votes (the one its changes are measured from, when the
        one just before gave only ballots) and the first after it that gave votes (which
        supersedes it), in time order, in one query; call on one election's releases."""
        at = self.filter(number=number).values("released_at")[:1]
        before = self.filter(released_at__lt=models.Subquery(at)).order_by("-released_at")
        after = self.filter(released_at__gt=models.Subquery(at)).order_by("released_at")
        gave_votes = models.Exists(_vote_counts_of_release())
        return self.filter(
            Q(number=number)
            | Q(pk=models.Subquery(before.values("pk")[:1]))
            | Q(pk=models.Subquery(after.values("pk")[:1]))
            | Q(pk=models.Subquery(before.filter(gave_votes).values("pk")[:1]))
            | Q(pk=models.Subquery(after.filter(gave_votes).values("pk")[:1]))
        ).order_by("released_at")

    def current_per_election(self):
        """One release per election: the one whose figures a reader wants now. That is the
        final one if any, else the latest; but a release that gave votes comes before one
        that gave only ballots counted or left, so "the latest count" has votes to show
        wherever any release gave them.

        Annotated with its election's count of releases by a window function, which
        PostgreSQL computes over each election's releases before DISTINCT ON keeps
        one; filter only by election, or the count shrinks.
        """
        return (
            self.annotate(
                release_total=models.Window(
                    models.Count("id"), partition_by=[models.F("election_id")]
                ),
                gives_votes=models.Exists(_vote_counts_of_release()),
            )
            .order_by("election_id", "-gives_votes", "-is_final", "-released_at")
            .distinct("election_id")
        )


def _vote_counts_of_release():
    """The votes (or shares) of the release an outer query is on: none for a release that
    gave only ballots counted or left."""
    return VoteCount.objects.filter(release=models.OuterRef("pk"))


class FeedRelease(models.Model):
    """One publication of an authority's results feed, every contest at once, with its files
    kept as published, so each figure stored from it can be traced to what was said."""

    election_day = models.ForeignKey(
        ElectionDay, on_delete=models.CASCADE, related_name="feed_releases"
    )
    released_at = models.DateTimeField(validators=[validate_time])
    source_url = models.URLField(max_length=500, blank=True)
    results_file = models.BinaryField(null=True, blank=True, editable=False)
    counter_file = models.BinaryField(null=True, blank=True, editable=False)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["election_day", "released_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_day", "released_at"], name="feed_release_once_per_time"
            ),
            models.CheckConstraint(
                condition=within_years("released_at"), name="feed_release_time_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.election_day}: feed of {newsroom_time(self.released_at, seconds=True)}"


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
    ballots_cast = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Ballots that carry this contest, where the source says."
    )
    mail_ballots = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Of the ballots counted, those that came by mail."
    )
    in_person_ballots = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Of the ballots counted, those cast in person."
    )
    feed_release = models.ForeignKey(
        FeedRelease,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases",
        editable=False,
        help_text="The publication of the feed these figures come from, with its files.",
    )

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
        return f"{self.election}: release of {newsroom_time(self.released_at)}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        release = super().from_db(db, field_names, values, **kwargs)
        # A write that moves the release in time touches both times (announced_since).
        # Not loaded (deferred), it is not known, and not fetched here.
        release._loaded_released_at = release.__dict__.get("released_at")
        return release

    @classmethod
    def announced_since(cls, rows, created):
        times = []
        for row in rows:
            if created:
                times.append(row.released_at)
            elif getattr(row, "_loaded_released_at", None) is not None:
                times += [row.released_at, row._loaded_released_at]
            else:
                return None  # a row made by hand: where it was before is unknown
        return min(times, default=None)

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

    def figures_before(self):
        """What counts going down are measured against (elections.checks.counts_gone_down):
        the ballots counted of the latest earlier release of this election that gave them,
        and the votes, by who or what stands, of the latest earlier release that gave votes.
        A release of ballots alone is skipped for the votes, one without ballots counted
        for those. Two queries."""
        earlier = (
            Release.objects.filter(election_id=self.election_id, released_at__lt=self.released_at)
            .exclude(pk=self.pk)
            .order_by("-released_at")
        )
        ballots = (
            earlier.filter(ballots_counted__isnull=False)
            .values_list("ballots_counted", flat=True)
            .first()
        )
        gave_votes = VoteCount.objects.filter(release=models.OuterRef("pk"), votes__isnull=False)
        latest_with_votes = earlier.filter(models.Exists(gave_votes)).values("pk")[:1]
        rows = VoteCount.objects.filter(release=models.Subquery(latest_with_votes))
        votes = {
            row.candidacy.name: row.votes for row in rows.select_related("candidacy__candidate")
        }
        return ballots, votes

    @property
    def counted_share(self):
        """The share of the expected vote counted, in %: the source's own figure, else
        worked out from the ballots it counted and its estimate of those left."""
        if self.expected_vote_pct is not None:
            return self.expected_vote_pct
        counted, left = self.ballots_counted, self.ballots_remaining
        if counted is None or left is None or counted + left == 0:
            return None
        return (Decimal(counted) * 100 / (counted + left)).quantize(Decimal("0.01"))

    def results(self):
        """Shares, leader and margin, derived from this release's vote_counts (prefetch them,
        and have its election loaded)."""
        return ReleaseResults.from_vote_counts(self.vote_counts.all(), self.election.ballot_size)


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
        return f"{self.candidacy.name}: {figure}"

    @classmethod
    def announced_election_ids(cls, rows):
        # One query for the releases of many rows, not one a row.
        release_ids = {row.release_id for row in rows}
        return set(Release.objects.filter(pk__in=release_ids).values_list("election_id", flat=True))

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        row = super().from_db(db, field_names, values, **kwargs)
        row._loaded_release_id = row.__dict__.get("release_id")
        return row

    @classmethod
    def announced_since(cls, rows, created):
        # The time of each row's release, and of the one it was in, if it moved.
        cached, release_ids = [], set()
        for row in rows:
            if not created and getattr(row, "_loaded_release_id", None) is None:
                return None
            if VoteCount.release.is_cached(row) and row.release_id == row.release.pk:
                cached.append(row.release.released_at)
            else:
                release_ids.add(row.release_id)
            if not created and row._loaded_release_id != row.release_id:
                release_ids.add(row._loaded_release_id)
        if release_ids:
            found = Release.objects.filter(pk__in=release_ids).aggregate(
                at=models.Min("released_at")
            )["at"]
            if found is None:
                return None
            cached.append(found)
        return min(cached, default=None)

    def announced_election_id(self):
        if VoteCount.release.is_cached(self):
            return self.release.election_id
        return (
            Release.objects.filter(pk=self.release_id).values_list("election_id", flat=True).first()
        )
