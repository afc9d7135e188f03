"""Writing a checked results file: its releases and their votes, in bulk.

What the file's releases already hold is read in two queries, and what differs is written
in bulk, so an import takes the same few statements however long the file is. The bulk
paths are the models' own, so they do what save() did row by row: Release numbers new
releases, every write announces its elections so that their stories are linked again once
the transaction commits (elections.events), and simple_history's bulk helpers record the
history of each row.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from elections.models import Election, Release, VoteCount

RELEASE_FIELDS = ("source", "source_url", "ballots_counted", "ballots_remaining")
# Rows per statement. bulk_update sets each column with a CASE of one arm per row, which
# PostgreSQL tries in turn for every row: unbounded, an update would grow as its square.
BATCH_SIZE = 500


@dataclass
class Report:
    releases: dict = field(default_factory=lambda: defaultdict(int))
    vote_counts: dict = field(default_factory=lambda: defaultdict(int))
    changed_elections: set = field(default_factory=set)
    # The file's releases given as ballots counted or left alone, without candidates' rows.
    ballots_alone: int = 0
    # Releases whose counts went down, entered with --correction and marked as corrections.
    corrections: int = 0

    def __str__(self):
        def part(counts):
            return ", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "unchanged"))

        notes = [f"{self.ballots_alone} of ballots alone"] if self.ballots_alone else []
        if self.corrections:
            notes.append(f"{self.corrections} marked as correcting the count")
        notes = f" ({'; '.join(notes)})" if notes else ""
        return f"releases: {part(self.releases)}{notes}; vote_counts: {part(self.vote_counts)}"

    @property
    def changed(self):
        return any(self.releases[k] or self.vote_counts[k] for k in ("created", "updated"))


def write_rows(rows, report, corrected=frozenset()):
    """Create or update the release and the votes of every checked row. Call it inside
    the file's transaction. corrected: the (election id, released_at) of releases whose
    counts went down, marked as corrections so that readers see why."""
    releases, stored_release_ids = _write_releases(rows, report, corrected)
    _write_vote_counts(rows, releases, stored_release_ids, report)
    if report.changed:
        report.changed_elections = {row.election.pk for row in rows}


def _write_releases(rows, report, corrected):
    """The file's releases, saved, by (election id, released_at); and the ids of those
    that were stored before."""
    firsts = {}
    for row in rows:
        firsts.setdefault((row.election.pk, row.released_at), row)
    election_ids = {election_id for election_id, _ in firsts}
    # Locked before the releases are read, so that a second import of these elections at
    # the same time waits for this one rather than creating the same releases beside it.
    list(Election.objects.select_for_update().filter(pk__in=election_ids).values_list("pk"))
    stored = {
        (release.election_id, release.released_at): release
        for release in Release.objects.filter(
            election_id__in=election_ids, released_at__in={at for _, at in firsts}
        )
    }
    writes = _Writes(Release, report.releases)
    releases = {}
    report.ballots_alone = sum(row.candidacy is None for row in firsts.values())
    for key, row in firsts.items():
        values = {name: getattr(row, name) for name in RELEASE_FIELDS}
        values["source_url"] = values["source_url"] or ""
        if key in corrected:
            values["is_correction"] = True
            report.corrections += 1
        releases[key] = writes.add(
            stored.get(key), {"election": row.election, "released_at": row.released_at}, values
        )
    # New releases are numbered in the order given: the order of the file, as before.
    writes.save()
    return releases, [release.pk for release in stored.values()]


def _write_vote_counts(rows, releases, stored_release_ids, report):
    stored = {
        (vote_count.release_id, vote_count.candidacy_id): vote_count
        for vote_count in VoteCount.objects.filter(release_id__in=stored_release_ids)
    }
    writes = _Writes(VoteCount, report.vote_counts)
    for row in rows:
        if row.candidacy is None:
            continue  # a release of ballots alone: its release is all it gives
        release = releases[(row.election.pk, row.released_at)]
        # A share is kept only where the source gave no votes: with votes, shares are derived.
        writes.add(
            stored.get((release.pk, row.candidacy.pk)),
            {"release": release, "candidacy": row.candidacy},
            {"votes": row.votes, "reported_share": row.percent if row.votes is None else None},
        )
    writes.save()


class _Writes:
    """One model's rows from a file: those to create, and those to update with the fields
    that changed; counted in `counts` as created, updated or unchanged."""

    def __init__(self, model, counts):
        self.model = model
        self.counts = counts
        self.new = []
        self.changed = []
        self.fields = set()

    def add(self, stored, identity, values):
        """The row the file describes: `stored` with `values` set, or a new one made of
        `identity` (what finds the row) and `values`."""
        if stored is None:
            self.new.append(self.model(**identity, **values))
            self.counts["created"] += 1
            return self.new[-1]
        changed = [name for name, value in values.items() if getattr(stored, name) != value]
        for name in changed:
            setattr(stored, name, values[name])
        if changed:
            self.changed.append(stored)
            self.fields.update(changed)
        self.counts["updated" if changed else "unchanged"] += 1
        return stored

    def save(self):
        if self.new:
            bulk_create_with_history(self.new, self.model, batch_size=BATCH_SIZE)
        if self.changed:
            bulk_update_with_history(
                self.changed, self.model, sorted(self.fields), batch_size=BATCH_SIZE
            )
