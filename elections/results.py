"""Shares, leaders and margins, derived from a release's vote_counts and never stored."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Row:
    candidacy: object
    votes: int | None
    share: Decimal | None

    @property
    def candidate(self):
        """The person, or None for a measure's choice."""
        return self.candidacy.candidate

    @property
    def name(self):
        return self.candidacy.name

    @property
    def won(self):
        """True if the candidacy won a seat or a place in the runoff, as recorded (a
        stand-in candidacy of a page that does not name it has no outcome)."""
        from elections.models import Candidacy  # the models use this module

        return getattr(self.candidacy, "outcome", None) in Candidacy.WINNING


@dataclass(frozen=True)
class ReleaseResults:
    rows: tuple
    ballot_size: int = 0  # names on the ballot, as the election has them

    @classmethod
    def from_vote_counts(cls, vote_counts, ballot_size=0):
        """ballot_size is the election's: a release naming fewer is partial, and its votes
        give no shares (a source's own percentages still stand)."""
        vote_counts = list(vote_counts)
        known = [t.votes for t in vote_counts if t.votes is not None]
        # Shares come from votes when every name on the ballot has them; a percent-only
        # source stands in where it gave nothing else.
        complete = len(known) == len(vote_counts) >= ballot_size
        total = sum(known) if complete and known else None
        rows = []
        for vote_count in vote_counts:
            if total:
                share = (Decimal(vote_count.votes) * 100 / total).quantize(_PLACES, ROUND_HALF_UP)
            else:
                share = vote_count.reported_share
            rows.append(Row(vote_count.candidacy, vote_count.votes, share))
        rows.sort(key=lambda r: (r.share is None, -(r.share or 0), -(r.votes or 0)))
        return cls(tuple(rows), ballot_size)

    @property
    def is_partial(self):
        """True when the release gave figures for only some of the names on the ballot."""
        return len(self.rows) < self.ballot_size

    @property
    def total_votes(self):
        votes = [r.votes for r in self.rows]
        return sum(votes) if votes and None not in votes else None

    @property
    def leader(self):
        return self.rows[0] if self.rows else None

    @property
    def margin_votes(self):
        if len(self.rows) < 2 or None in (self.rows[0].votes, self.rows[1].votes):
            return None
        return self.rows[0].votes - self.rows[1].votes

    @property
    def margin_points(self):
        if len(self.rows) < 2 or None in (self.rows[0].share, self.rows[1].share):
            return None
        return self.rows[0].share - self.rows[1].share
