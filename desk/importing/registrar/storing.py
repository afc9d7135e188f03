"""One release of the feed, stored in one transaction: a FeedRelease with the files as published,
then a Release with its votes for every contest whose figures changed.

A contest's figures are its ballots cast and its choices' votes; they are compared with its
last release stored from this feed (a press figure entered by hand is another source, and
compares with nothing here). A contest with no ballots counted yet gets no release: the zero
file of Oct 25, published before the polls closed, holds only zeros, and a count of nothing
is not a result. County-wide figures (ballots counted, by mail, in person) ride on each
contest's release; alone, they make no new release of a contest whose own figures stayed.

The feed is the source of record, so its figures are taken as published, with the checks
every way in shares (elections.checks): votes beyond what the ballots allow are refused, and
a count lower than the one before is kept as the registrar's correction, and marked so.
Nothing marks a release final: the feed never says it is certified.
"""

from dataclasses import dataclass

from django.db import transaction

from desk.importing.registrar.contests import AUTHORITY, results_page
from desk.importing.registrar.documents import FeedRefused
from elections.checks import votes_beyond_ballots
from elections.models import ElectionDay, FeedRelease, Release, VoteCount

CREATED, UNCHANGED, NOTHING_COUNTED, ALREADY_STORED, REFUSED = (
    "created",
    "unchanged",
    "nothing counted",
    "already stored",
    "refused",
)
# A live follower's polls that store nothing and refuse nothing (following.py).
FEED_UNCHANGED, OUT_OF_STEP = "feed unchanged", "files out of step"


@dataclass
class Outcome:
    """What became of one release of the feed."""

    name: str
    action: str
    contest_releases: int = 0
    vote_counts: int = 0
    problem: str = ""

    def __str__(self):
        if self.action == CREATED:
            said = (
                f"created {self.contest_releases:,} contest releases "
                f"({self.vote_counts:,} vote counts)"
            )
        elif self.action == UNCHANGED:
            said = "unchanged: every contest's figures as before"
        elif self.action == NOTHING_COUNTED:
            said = "no ballots counted yet: no contest releases"
        elif self.action == ALREADY_STORED:
            said = "already stored with the same files: skipped"
        elif self.action == FEED_UNCHANGED:
            said = "the registrar's files have not changed since the last poll"
        elif self.action == OUT_OF_STEP:
            said = f"one file updated before the other, asked again next poll ({self.problem})"
        else:
            said = f"refused: {self.problem}"
        return f"{self.name}  {said}"


def store_release(stored_day, release, source_url=""):
    """Store one release read by the reader; returns an Outcome. Refuses (FeedRefused, with
    nothing written) a release timed before the last one stored for the day, or at the same
    time with other files."""
    with transaction.atomic():
        # One importer at a time per day: a live follower and a replay must not interleave.
        ElectionDay.objects.select_for_update().filter(pk=stored_day.row.pk).first()
        if _already_stored(stored_day.row, release):
            return Outcome(release.name, ALREADY_STORED)
        feed_release = FeedRelease.objects.create(
            election_day=stored_day.row,
            released_at=release.released_at,
            source_url=source_url or results_page(stored_day.feed),
            results_file=release.results_json,
            counter_file=release.counter_data_json,
        )
        releases, votes = _contest_releases(stored_day, release, feed_release)
        if releases:
            Release.objects.bulk_create(releases)
            VoteCount.objects.bulk_create(votes)
    if releases:
        return Outcome(release.name, CREATED, len(releases), len(votes))
    counted = any(_has_ballots(release, c) for c in stored_day.feed.contests.values())
    return Outcome(release.name, UNCHANGED if counted else NOTHING_COUNTED)


def _already_stored(day, release):
    """True when this very release is stored; refuses one that is not but should come before
    the last stored, or at the same time with other files."""
    same_time = FeedRelease.objects.filter(election_day=day, released_at=release.released_at)
    stored = same_time.values_list("results_file", "counter_file", "imported_at").first()
    if stored is not None:
        files = tuple(None if f is None else bytes(f) for f in stored[:2])
        if files == (release.results_json, release.counter_data_json):
            return True
        imported_at = stored[2].astimezone(release.released_at.tzinfo)
        raise FeedRefused(
            release.name,
            None,
            f"is timed {release.released_at.isoformat()}, as is the release of {day} stored on "
            f"{imported_at:%Y-%m-%d at %H:%M:%S}, but its files differ from those stored: the "
            "registrar republished the time with other figures, or a file was changed; the "
            "stored release is kept",
        )
    last = FeedRelease.objects.filter(election_day=day).order_by("-released_at").first()
    if last is not None and release.released_at < last.released_at:
        raise FeedRefused(
            release.name,
            None,
            f"is timed {release.released_at.isoformat()}, before the last release stored for "
            f"{day} ({last.released_at.astimezone(release.released_at.tzinfo).isoformat()}): "
            "releases are imported in the order they were published",
        )
    return False


def _contest_releases(stored_day, release, feed_release):
    """Unsaved Releases and VoteCounts for the contests whose figures changed."""
    last = _last_figures(stored_day)
    county = release.county
    releases, votes = [], []
    for contest_id, contest in stored_day.feed.contests.items():
        if not _has_ballots(release, contest):
            continue
        election = stored_day.contests[contest_id]
        figures = release.contests.get(contest_id)
        ballots_cast = figures.ballots_cast if figures else None
        names = {stored_day.candidacies[c.registrar_id]: c.ballot_name for c in contest.choices}
        counts = {
            stored_day.candidacies[c.registrar_id]: release.votes[c.registrar_id]
            for c in contest.choices
        }
        before = last.get(election.pk)
        if before is not None and before[:2] == (ballots_cast, counts):
            continue
        problem = votes_beyond_ballots(counts.values(), ballots_cast, contest.seats)
        if problem:
            raise FeedRefused(release.name, None, f"{contest.title}: {problem}")
        new = Release(
            election=election,
            released_at=release.released_at,
            source=AUTHORITY,
            source_url=feed_release.source_url,
            ballots_counted=county.ballots_counted if county else None,
            ballots_cast=ballots_cast,
            mail_ballots=county.mail_ballots if county else None,
            in_person_ballots=county.in_person_ballots if county else None,
            feed_release=feed_release,
        )
        _mark_correction(new, counts, before, names)
        releases.append(new)
        votes += [VoteCount(release=new, candidacy_id=c, votes=n) for c, n in counts.items()]
    return releases, votes


def _has_ballots(release, contest):
    figures = release.contests.get(contest.registrar_id)
    if figures is not None:
        return figures.ballots_cast > 0
    return any(release.votes[c.registrar_id] for c in contest.choices)


def _last_figures(stored_day):
    """Each contest's last release from this feed: election pk -> (ballots cast, {candidacy
    pk: votes}, ballots counted)."""
    latest = (
        Release.objects.filter(feed_release__election_day=stored_day.row)
        .order_by("election_id", "-released_at")
        .distinct("election_id")
        .values_list("pk", "election_id", "ballots_cast", "ballots_counted")
    )
    figures = {pk: (election_id, cast, {}, counted) for pk, election_id, cast, counted in latest}
    rows = VoteCount.objects.filter(release_id__in=list(figures))
    for release_id, candidacy_id, votes in rows.values_list("release_id", "candidacy_id", "votes"):
        figures[release_id][2][candidacy_id] = votes
    return {eid: (cast, counts, counted) for eid, cast, counts, counted in figures.values()}


def _mark_correction(new, counts, before, names):
    """Counts only grow, unless the registrar corrected them: a lower figure is kept as
    published, and the release says what went down. names: candidacy pk -> ballot name."""
    if before is None:
        return
    cast, previous, counted = before
    went_down = [
        f"{what} from {was:,} to {now:,}"
        for what, was, now in [
            ("ballots counted", counted, new.ballots_counted),
            ("ballots cast in the contest", cast, new.ballots_cast),
            *((f"{names[pk]}'s votes", previous.get(pk), votes) for pk, votes in counts.items()),
        ]
        if None not in (was, now) and now < was
    ]
    if went_down:
        new.is_correction = True
        new.notes = "The registrar lowered " + "; ".join(went_down) + "."
