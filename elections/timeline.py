"""An election's releases in order, with derived results and the charts of them.

Built from rows the view fetched once (releases with their tallies prefetched),
so a page costs the same number of queries however many releases or stories.
"""

import bisect
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format

from elections import charts


@dataclass
class Step:
    number: int
    release: object
    results: object
    previous: "Step | None" = None
    stories: list = field(default_factory=list)

    def share_of(self, candidacy_id):
        for row in self.results.rows:
            if row.candidacy.pk == candidacy_id:
                return row
        return None

    @property
    def change_rows(self):
        """Each candidate's figures with the change since the previous release."""
        rows = []
        for row in self.results.rows:
            before = self.previous.share_of(row.candidacy.pk) if self.previous else None
            votes_change = (
                row.votes - before.votes
                if before and None not in (row.votes, before.votes)
                else None
            )
            share_change = (
                row.share - before.share
                if before and None not in (row.share, before.share)
                else None
            )
            rows.append({"row": row, "votes_change": votes_change, "share_change": share_change})
        return rows


def steps_for(releases):
    """Number releases from 1 in release order and link each to the one before."""
    steps = []
    previous = None
    for number, release in enumerate(sorted(releases, key=lambda r: r.released_at), start=1):
        release.number = number
        step = Step(number, release, release.results(), previous)
        steps.append(step)
        previous = step
    return steps


def current_step(steps):
    """The certified result if there is one, else the latest release."""
    finals = [s for s in steps if s.release.is_final]
    return (finals or steps or [None])[-1]


def group_stories(steps, stories):
    """Put each story under the release that was the latest when it was published.

    Returns the stories published before the first release, for their own group.
    """
    times = [s.release.released_at for s in steps]
    before_any = []
    for story in stories:
        index = bisect.bisect_right(times, story.published_at) - 1
        (steps[index].stories if index >= 0 else before_any).append(story)
    return before_any


def _x_labels(steps):
    return [
        (f"#{s.number}", date_format(timezone.localtime(s.release.released_at), "M j"))
        for s in steps
    ]


def candidacies_in_order(steps, candidacies):
    """Candidates ordered by their standing in the latest release, then by name."""
    standing = {}
    if steps:
        for place, row in enumerate(steps[-1].results.rows):
            standing[row.candidacy.pk] = place
    return sorted(candidacies, key=lambda c: (standing.get(c.pk, 999), c.candidate.name))


def share_table(steps, candidacies):
    return [{"step": s, "cells": [s.share_of(c.pk) for c in candidacies]} for s in steps]


def share_chart(election, steps, candidacies, chart_id="shares"):
    if not steps:
        return ""
    series = []
    for candidacy in candidacies:
        values = []
        for s in steps:
            row = s.share_of(candidacy.pk)
            values.append(row.share if row else None)
        if any(v is not None for v in values):
            series.append({"name": candidacy.candidate.name, "values": values})
    return charts.line_chart(
        chart_id=chart_id,
        title=f"Share of the vote by release, {election}",
        description="Each candidate's percentage of the vote in each results release; "
        "the table that follows gives the same figures.",
        x_labels=_x_labels(steps),
        series=series,
        scale=charts.share_scale(v for line in series for v in line["values"]),
        y_format=lambda v: f"{v:g}%",
    )


def ballots_chart(election, steps, chart_id="ballots"):
    if not any(s.release.ballots_counted or s.release.ballots_remaining for s in steps):
        return ""
    return charts.stacked_bar_chart(
        chart_id=chart_id,
        title=f"Ballots counted and left to count by release, {election}",
        description="For each release, the ballots counted and the ballots the source "
        "estimated were still to count; the table that follows gives the same figures.",
        x_labels=_x_labels(steps),
        stacks=[
            {"name": "Counted", "values": [s.release.ballots_counted for s in steps]},
            {"name": "Left to count", "values": [s.release.ballots_remaining for s in steps]},
        ],
    )


def candidate_chart(candidate, election, steps, candidacy_id, chart_id):
    values = []
    for s in steps:
        row = s.share_of(candidacy_id)
        values.append(row.share if row else None)
    return charts.line_chart(
        chart_id=chart_id,
        title=f"{candidate.name}'s share of the vote by release, {election}",
        description="The candidate's percentage of the vote in each results release; "
        "the table that follows gives the same figures.",
        x_labels=_x_labels(steps),
        series=[{"name": candidate.name, "values": values}],
        scale=charts.share_scale(values),
        y_format=lambda v: f"{v:g}%",
    )
