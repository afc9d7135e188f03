"""An election's releases in order, with derived results and the charts of them.

Built from rows the view fetched once (releases with their vote_counts prefetched),
so a page costs the same number of queries however many releases or stories.
"""

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from elections.models import Release, VoteCount
from elections.results import ReleaseResults
from public import charts


@dataclass
class Step:
    release: object
    results: object
    previous: "Step | None" = None
    stories: list = field(default_factory=list)
    # The latest earlier step that gave votes or shares, which changes are measured from:
    # the one just before may have given only ballots counted or left.
    compared: "Step | None" = None

    @property
    def number(self):
        return self.release.number

    @property
    def gives_votes(self):
        """False for a release that gave only ballots counted or left."""
        return bool(self.results.rows)

    # Preformatted for long timeline tables: template filters cost more than the page's SQL.
    @cached_property
    def local_time(self):
        return timezone.localtime(self.release.released_at)

    @property
    def released_text(self):
        return f"{self.local_time:%b} {self.local_time.day}, {self.local_time:%Y %H:%M}"

    @property
    def counted_text(self):
        return format_votes(self.release.ballots_counted)

    @property
    def remaining_text(self):
        return format_votes(self.release.ballots_remaining)

    @property
    def expected_text(self):
        return format_share(self.release.counted_share)

    @cached_property
    def url(self):
        return self.release.get_absolute_url()

    @cached_property
    def _rows_by_candidacy(self):
        return {row.candidacy.pk: row for row in self.results.rows}

    def share_of(self, candidacy_id):
        return self._rows_by_candidacy.get(candidacy_id)

    @property
    def margin_change(self):
        return margin_change(self)

    @property
    def change_rows(self):
        """Each candidate's figures with the change since the last release that gave any."""
        rows = []
        for row in self.results.rows:
            before = self.compared.share_of(row.candidacy.pk) if self.compared else None
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


@dataclass(frozen=True)
class MarginChange:
    """How the gap between first and second moved since the release compared with."""

    since: object  # that Step
    leader: str
    lead_changed: bool
    previous_leader: str
    votes: int | None  # the margin now less the margin then, where both are in votes
    points: object  # the same in points of share (Decimal), or None

    @property
    def direction(self):
        return _moved(self.votes if self.votes is not None else self.points)

    @property
    def points_agree(self):
        """Whether the margin in points moved the way the margin in votes did: as a count
        grows, a lead can gain votes while losing share."""
        return self.votes is None or _moved(self.points) == self.direction

    @property
    def points_direction(self):
        return _moved(self.points)

    @property
    def votes_size(self):
        return abs(self.votes) if self.votes is not None else None

    @property
    def points_size(self):
        return abs(self.points) if self.points is not None else None


def _moved(change):
    if change is None:
        return ""
    return "unchanged" if change == 0 else "grew" if change > 0 else "shrank"


def margin_change(step):
    """The step's margin against the release its changes are measured from, or None."""
    then = step.compared
    if then is None or len(step.results.rows) < 2 or len(then.results.rows) < 2:
        return None
    if getattr(step.release.election, "seats", 1) > 1:
        return None  # first and second both win: their gap is no one's lead
    now_results, then_results = step.results, then.results
    lead_changed = now_results.leader.candidacy.pk != then_results.leader.candidacy.pk

    def less(now, before):
        return None if lead_changed or None in (now, before) else now - before

    return MarginChange(
        since=then,
        leader=now_results.leader.name,
        lead_changed=lead_changed,
        previous_leader=then_results.leader.name,
        votes=less(now_results.margin_votes, then_results.margin_votes),
        points=less(now_results.margin_points, then_results.margin_points),
    )


def load_steps(election, candidacies):
    """An election's releases as steps, in two queries whatever their number."""
    return load_steps_by_election([election], candidacies).get(election.pk, [])


def load_steps_by_election(elections, candidacies):
    """Steps for several elections at once, in two queries, as {election id: steps}.

    Vote counts come as plain tuples and point at the candidacies already loaded (or at
    a stand-in holding only the id, for rivals a page does not name): an election
    of 300 releases would otherwise build 900 model instances.
    """
    elections = {e.pk: e for e in elections}
    by_id = {c.pk: c for c in candidacies}
    vote_counts = defaultdict(list)
    for release_id, candidacy_id, votes, share in VoteCount.objects.filter(
        release__election__in=list(elections)
    ).values_list("release_id", "candidacy_id", "votes", "reported_share"):
        candidacy = by_id.get(candidacy_id) or SimpleNamespace(pk=candidacy_id)
        vote_counts[release_id].append(
            SimpleNamespace(candidacy=candidacy, votes=votes, reported_share=share)
        )
    releases = defaultdict(list)
    for release in Release.objects.filter(election__in=list(elections)).order_by("released_at"):
        release.election = elections[release.election_id]
        releases[release.election_id].append(release)
    steps_by_election = {}
    for election_id, election_releases in releases.items():
        size = elections[election_id].ballot_size
        steps = steps_for(
            election_releases,
            lambda r, size=size: ReleaseResults.from_vote_counts(vote_counts[r.pk], size),
        )
        # One reverse() per election: a long timeline links every release twice.
        slug = elections[election_id].slug
        pattern = reverse("elections:release_detail", kwargs={"slug": slug, "number": 1})
        prefix = pattern.removesuffix("1/")
        for step in steps:
            step.url = f"{prefix}{step.number}/"
        steps_by_election[election_id] = steps
    return steps_by_election


def steps_for(releases, results=None):
    """Releases in time order, each linked to the one before."""
    results = results or (lambda release: release.results())
    steps = []
    previous = compared = None
    for release in sorted(releases, key=lambda r: r.released_at):
        step = Step(release, results(release), previous, compared=compared)
        steps.append(step)
        previous = step
        if step.gives_votes:
            compared = step
    return steps


def current_step(steps):
    """The certified result if there is one, else the latest release; but a release that
    gave votes before one that gave only ballots (ReleaseQuerySet.current_per_election)."""
    with_votes = [s for s in steps if s.gives_votes] or steps
    finals = [s for s in with_votes if s.release.is_final]
    return (finals or with_votes or [None])[-1]


def ballots_alone_since(steps, current):
    """The latest release after the current one, where it gave only ballots counted or left:
    news the latest count does not show ("883,000 ballots left")."""
    if current is None or current.release.is_final or steps[-1] is current:
        return None
    return None if steps[-1].gives_votes else steps[-1]


@dataclass
class CoverageStep:
    """A release as a contest page's coverage is grouped by: when, and its heading."""

    released_at: object
    number: int
    heading: str  # HTML
    stories: list = field(default_factory=list)


def coverage_steps(steps):
    return [CoverageStep(s.release.released_at, s.number, coverage_heading(s)) for s in steps]


def coverage_heading(step):
    """ "After release 3, Nov. 8, 9:10 p.m.: Ada Okafor ahead", linked, as HTML."""
    leader = step.results.leader
    standing = (
        f"{escape(leader.name)} ahead" if leader else f"no votes, {ballots_text(step.release)}"
    )
    return mark_safe(
        f'After <a href="{escape(step.url)}">release {step.number}</a>, '
        f"{dateformat.format(step.local_time, 'N j, P')}: {standing}"
    )


def group_stories(steps, stories):
    """Put each story under the release (CoverageStep) that was the latest when it was
    published. Returns the stories published before the first release, for their own group.
    """
    times = [s.released_at for s in steps]
    before_any = []
    for story in stories:
        index = bisect.bisect_right(times, story.published_at) - 1
        (steps[index].stories if index >= 0 else before_any).append(story)
    return before_any


def _x_labels(steps):
    return [(f"#{s.number}", f"{s.local_time:%b} {s.local_time.day}") for s in steps]


def candidacies_in_order(steps, candidacies):
    """Candidates ordered by their standing in the latest release that gave votes, then by
    name."""
    standing = {}
    with_votes = [s for s in steps if s.gives_votes]
    if with_votes:
        for place, row in enumerate(with_votes[-1].results.rows):
            standing[row.candidacy.pk] = place
    return sorted(candidacies, key=lambda c: (standing.get(c.pk, 999), c.name))


def number(value):
    """As floatformat:"-2" gives it: 54.83, or 41 for a whole number."""
    return f"{value:.0f}" if value == value.to_integral_value() else f"{value:.2f}"


def format_share(share):
    """51.20%, or 41% where the source gave a whole number; formatted here, not by
    template filters, because a long timeline has thousands of cells."""
    return "—" if share is None else f"{number(share)}%"


def format_votes(votes):
    return "—" if votes is None else f"{votes:,}"


def share_table(steps, candidacies, pair=None):
    """A row a release: each candidate's share and votes, and (given the margin pair) the
    first's lead over the second in points, the margin chart's figures."""
    margins = pair[2] if pair else [None] * len(steps)
    rows = []
    for s, margin in zip(steps, margins, strict=True):
        cells = []
        for c in candidacies:
            row = s.share_of(c.pk)
            cells.append(
                (format_share(row.share), format_votes(row.votes) if row.votes is not None else "")
                if row
                else ("—", "")
            )
        rows.append(
            {
                "step": s,
                "cells": cells if s.gives_votes else None,
                "margin": "—" if margin is None else f"{margin:+.2f}" if margin else "0",
            }
        )
    return rows


def charted(steps):
    """Whether a line can be drawn: a single release with votes would be a lone dot,
    which says less than the table beside it."""
    return sum(1 for s in steps if s.gives_votes) >= 2


def share_chart(election, steps, candidacies, chart_id="shares"):
    if not charted(steps):
        return ""
    series = []
    for candidacy in candidacies:
        values = []
        for s in steps:
            row = s.share_of(candidacy.pk)
            values.append(row.share if row else None)
        if any(v is not None for v in values):
            series.append({"name": candidacy.name, "values": values})
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


def margin_pair(steps, candidacies):
    """The two the margin is measured between: first and second in the latest count."""
    if not charted(steps) or len(candidacies) < 2 or steps[0].release.election.seats > 1:
        return None
    first, second = candidacies[:2]
    margins = []
    for s in steps:
        a, b = s.share_of(first.pk), s.share_of(second.pk)
        has_both = a and b and None not in (a.share, b.share)
        margins.append(a.share - b.share if has_both else None)
    if sum(m is not None for m in margins) < 2:
        return None
    return first, second, margins


def margin_chart(election, steps, pair, chart_id="margin"):
    if pair is None:
        return ""
    first, second, margins = pair
    above, below = _side_names(first.name, second.name)
    return charts.line_chart(
        chart_id=chart_id,
        title=f"Margin between {first.name} and {second.name} by release, {election}",
        description=f"Points of the vote by which {first.name} led {second.name} in each "
        f"release; below zero, {second.name} led. The share table gives the same figures.",
        x_labels=_x_labels(steps),
        series=[{"name": above, "values": margins}],
        scale=charts.margin_scale(margins),
        y_format=lambda v: f"{v:+g}" if v else "0",
        sides=(f"{above} ahead", f"{below} ahead"),
    )


def _side_names(first, second):
    """What each side of the zero line is called: last names, unless they are the same."""
    short = [name.split()[-1] if name.split() else name for name in (first, second)]
    return (first, second) if short[0] == short[1] else tuple(short)


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


def last_updated(releases):
    """When the latest of these releases came out (None for none): what a page of counts
    tells its reader as "figures last updated"."""
    return max((release.released_at for release in releases if release is not None), default=None)


# The timeline's tables are built here with f-strings, as its charts are (public.charts):
# an election of a hundred releases has a thousand cells, and the template language spent
# more on them than the rest of the page, SQL included. Every value goes through escape().


def share_rows_html(share_table, candidacy_count, with_margin):
    """The <tr> rows of the share table: a release a row, its shares (and votes) by
    candidate, and the margin column when there is one."""
    rows = []
    for line in share_table:
        step = line["step"]
        head = (
            f'<tr><th scope="row"><a href="{escape(step.url)}">#{step.number}</a></th>'
            f"<td>{escape(step.released_text)}</td>"
        )
        if line["cells"] is None:
            cells = (
                f'<td colspan="{candidacy_count}">No votes: '
                f"{escape(ballots_text(step.release))}</td>"
                if candidacy_count
                else ""
            )
        else:
            cells = "".join(
                f'<td class="num">{escape(share)}'
                + (f'<br><span class="small">{escape(votes)}</span>' if votes else "")
                + "</td>"
                for share, votes in line["cells"]
            )
        margin = f'<td class="num">{escape(line["margin"])}</td>' if with_margin else ""
        rows.append(f"{head}{cells}{margin}</tr>")
    return mark_safe("\n".join(rows))


def ballots_rows_html(steps):
    """The <tr> rows of the ballots table: counted, left and the share counted."""
    return mark_safe(
        "\n".join(
            f'<tr><th scope="row"><a href="{escape(s.url)}">#{s.number}</a></th>'
            f'<td class="num">{escape(s.counted_text)}</td>'
            f'<td class="num">{escape(s.remaining_text)}</td>'
            f'<td class="num">{escape(s.expected_text)}</td></tr>'
            for s in steps
        )
    )


def candidate_rows_html(rows):
    """The <tr> rows of a candidate's table for one race: (step, row) a release."""
    return mark_safe(
        "\n".join(
            f'<tr><th scope="row"><a href="{escape(step.url)}">#{step.number}</a></th>'
            f"<td>{escape(step.released_text)}</td>"
            f'<td class="num">{format_votes(row.votes)}</td>'
            f'<td class="num">{format_share(row.share)}</td></tr>'
            for step, row in rows
        )
    )


def ballots_text(release):
    """A release's ballots in words, for pages (the `ballots` filter), tables and feeds."""
    counted, left = release.ballots_counted, release.ballots_remaining
    if counted is not None:
        text = f"{counted:,} ballots counted"
        return text + (f" and {left:,} left to count" if left is not None else "")
    if left is not None:
        return f"{left:,} ballots left to count"
    return "no figures"
