"""The checks on a file's releases that look past the file: the releases stored before
each one, and the election it is for. Written in elections/checks.py, as the results
desk's form uses them too; here they read what is stored once for the whole file."""

import bisect
from collections import defaultdict

from elections.checks import counts_gone_down, unusual_release, votes_beyond_ballots
from elections.models import Release, VoteCount


def check_against_stored(groups, *, correction=False, confirmed=False):
    """Problems as (row number, message) for releases grouped as {(election, time): rows},
    seen after the releases stored before them and before them in the file; and, with
    correction, the keys of the releases whose counts went down, which correct the count."""
    problems, corrected = [], set()
    elections = {rows[0].election for rows in groups.values()}
    history = _stored_history(elections)
    for (election_id, released_at), rows in sorted(groups.items(), key=lambda g: g[0][1]):
        first = rows[0]
        votes = {row.candidacy.name: row.votes for row in rows if row.candidacy is not None}
        ballots, votes_given = history[election_id]
        # The release as it will stand: a row of ballots alone for a stored release keeps
        # that release's votes, which must still fit in the ballots counted it gives.
        standing = {**(votes_given.at(released_at) or {}), **votes}
        if problem := votes_beyond_ballots(standing.values(), first.ballots_counted):
            problems.append((first.number, problem))
        reasons = unusual_release(first.election, released_at)
        if reasons and not confirmed:
            problems.append(
                (first.number, f"check this release ({'; '.join(reasons)}); --confirm enters it")
            )
        went_down = counts_gone_down(
            first.ballots_counted,
            votes,
            ballots.before(released_at),
            votes_given.before(released_at) or {},
        )
        if went_down and correction:
            corrected.add((election_id, released_at))
        elif went_down:
            problems.append(
                (
                    first.number,
                    f"since the releases before, {'; '.join(went_down)}; counts only grow "
                    "(--correction if the source corrected them)",
                )
            )
        # This release is one before the next in the file.
        ballots.put(released_at, first.ballots_counted)
        votes_given.put(released_at, standing if _gives_votes(standing) else None)
    return problems, corrected


class _Figures:
    """One figure of an election's releases in time order, held only for the releases
    that gave it: the ballots counted, or the votes by name. Counts going down are
    measured against the latest earlier release that gave the figure, so a release of
    ballots alone hides no fall in votes, nor one without ballots counted a fall in those."""

    def __init__(self):
        self.times = []
        self.values = []

    def before(self, moment):
        position = bisect.bisect_left(self.times, moment)
        return self.values[position - 1] if position else None

    def at(self, moment):
        position = bisect.bisect_left(self.times, moment)
        if position < len(self.times) and self.times[position] == moment:
            return self.values[position]
        return None

    def put(self, moment, value):
        """The figure of the release at this moment; None where it gives none."""
        position = bisect.bisect_left(self.times, moment)
        if position < len(self.times) and self.times[position] == moment:
            del self.times[position], self.values[position]
        if value is not None:
            self.times.insert(position, moment)
            self.values.insert(position, value)


def _gives_votes(votes):
    return any(count is not None for count in votes.values())


def _stored_history(elections):
    """Each election's stored ballots counted and votes by name, as _Figures in time order:
    two queries."""
    history = defaultdict(lambda: (_Figures(), _Figures()))
    votes = defaultdict(dict)
    for release_id, name, choice, count in VoteCount.objects.filter(
        release__election__in=elections
    ).values_list("release_id", "candidacy__candidate__name", "candidacy__choice", "votes"):
        votes[release_id][name or choice] = count
    releases = Release.objects.filter(election__in=elections).order_by("released_at")
    for release in releases.only("pk", "election_id", "released_at", "ballots_counted"):
        ballots, votes_given = history[release.election_id]
        ballots.put(release.released_at, release.ballots_counted)
        given = votes[release.pk]
        votes_given.put(release.released_at, given if _gives_votes(given) else None)
    return history
