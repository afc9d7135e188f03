"""The checks on a file's releases that look past the file: the releases stored before
each one, and the election it is for. Written in elections/checks.py, as the results
desk's form uses them too; here they read what is stored once for the whole file."""

import bisect
from collections import defaultdict
from types import SimpleNamespace

from elections.checks import counts_gone_down, unusual_release, votes_beyond_ballots
from elections.models import Release, VoteCount


def check_against_stored(groups, *, correction=False, confirmed=False):
    """Problems as (row number, message) for releases grouped as {(election, time): rows},
    seen after the releases stored before them and before them in the file."""
    problems = []
    elections = {rows[0].election for rows in groups.values()}
    history = _stored_history(elections)
    for (election_id, released_at), rows in sorted(groups.items(), key=lambda g: g[0][1]):
        first = rows[0]
        votes = {row.candidacy.name: row.votes for row in rows}
        if problem := votes_beyond_ballots(votes.values(), first.ballots_counted):
            problems.append((first.number, problem))
        reasons = unusual_release(first.election, released_at)
        if reasons and not confirmed:
            problems.append(
                (first.number, f"check this release ({'; '.join(reasons)}); --confirm enters it")
            )
        times, figures = history[election_id]
        before = bisect.bisect_left(times, released_at)
        if before and not correction:
            previous, previous_votes = figures[before - 1]
            now = SimpleNamespace(ballots_counted=first.ballots_counted)
            if went_down := counts_gone_down(now, votes, previous, previous_votes):
                problems.append(
                    (
                        first.number,
                        f"since the release before, {'; '.join(went_down)}; counts only grow "
                        "(--correction if the source corrected them)",
                    )
                )
        # This release is the one before the next in the file.
        position = bisect.bisect_left(times, released_at)
        if position < len(times) and times[position] == released_at:
            times.pop(position)
            figures.pop(position)
        times.insert(position, released_at)
        figures.insert(position, (SimpleNamespace(ballots_counted=first.ballots_counted), votes))
    return problems


def _stored_history(elections):
    """Each election's stored releases in time order, with their votes by name: two queries."""
    history = defaultdict(lambda: ([], []))
    releases = Release.objects.filter(election__in=elections).order_by("released_at")
    votes = defaultdict(dict)
    for release_id, name, choice, count in VoteCount.objects.filter(
        release__election__in=elections
    ).values_list("release_id", "candidacy__candidate__name", "candidacy__choice", "votes"):
        votes[release_id][name or choice] = count
    for release in releases.only("pk", "election_id", "released_at", "ballots_counted"):
        times, figures = history[release.election_id]
        times.append(release.released_at)
        figures.append((release, votes[release.pk]))
    return history
