"""A count as a table: each candidate's votes and share (and the change since the release
compared with), the winner marked in words, and the leader's margin in a sentence.

Built with f-strings, as the timeline's tables are (public.timeline): the story page shows
two of these, the home page one an election, and as an included template each cost more
than the page's SQL. Every name is escaped.
"""

from django import template
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from elections.models import Candidacy
from public.timeline import ballots_text, number

register = template.Library()

NOT_REPORTED = '<abbr title="not reported">—</abbr>'


@register.filter
def ballots(release):
    """A release's ballots in words: "1,452,192 ballots counted and 883,000 left to count"."""
    return ballots_text(release)


def _signed(value, text):
    return f"{'+' if value >= 0 else ''}{text}"


@register.simple_tag
def results_table(results, release, caption, changes=None, past=False):
    """past: the count has been superseded, so it says who was ahead, and marks no
    winner it did not know of."""
    parts = ['<table class="results">', f"<caption>{escape(caption)}"]
    if release:
        day = dateformat.format(timezone.localtime(release.released_at), "N j, Y")
        parts.append(f": release {release.number}, {day}")
    parts.append(
        '</caption><thead><tr><th scope="col">Candidate</th><th scope="col" class="num">'
        'Votes</th><th scope="col" class="num">Share</th>'
        + ('<th scope="col" class="num">Change</th>' if changes else "")
        + "</tr></thead><tbody>"
    )
    lines = changes or [{"row": row} for row in results.rows]
    for place, line in enumerate(lines):
        row = line["row"]
        name = escape(row.name)
        if row.candidate:
            name = f'<a href="{escape(row.candidate.get_absolute_url())}">{name}</a>'
        if row.won and not past:
            outcome = escape(row.candidacy.get_outcome_display())
            name += f' <span class="won"><span aria-hidden="true">✓</span> {outcome}</span>'
        votes = f"{row.votes:,}" if row.votes is not None else NOT_REPORTED
        share = f"{number(row.share)}%" if row.share is not None else "—"
        leader = ' class="leader"' if place == 0 else ""
        parts.append(
            f'<tr{leader}><th scope="row">{name}</th>'
            f'<td class="num">{votes}</td><td class="num">{share}</td>'
        )
        if changes:
            if line["votes_change"] is not None:
                change = _signed(line["votes_change"], f"{line['votes_change']:,} votes")
            elif line["share_change"] is not None:
                change = _signed(line["share_change"], f"{number(line['share_change'])} pts")
            else:
                change = "—"
            parts.append(f'<td class="num">{change}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if results.is_partial:
        own = "; the shares shown are the source's own" if results.leader.share is not None else ""
        parts.append(
            f'<p class="partial note">Partial: this release gave figures for '
            f"{len(results.rows)} of the {results.ballot_size} names on the ballot, so shares "
            f"are not worked out from its votes{own}.</p>"
        )
    parts.append(_margin(results, release, past))
    return mark_safe("".join(parts))


def _margin(results, release, past):
    leader, votes, points = results.leader, results.margin_votes, results.margin_points
    if leader is None or (votes is None and points is None):
        return ""
    elected = (
        release
        and release.is_final
        and getattr(leader.candidacy, "outcome", None) == Candidacy.Outcome.ELECTED
        and release.election.seats == 1
    )
    if past:
        how = "was ahead by"
    elif elected:
        how = "won by"
    elif release and release.is_final:
        how = "finished ahead by"
    else:
        how = "ahead by"
    if votes is not None:
        by = f"{votes:,} votes" + (f" ({number(points)} points)" if points is not None else "")
    else:
        by = f"{number(points)} points"
    return f'<p class="margin"><strong>{escape(leader.name)}</strong> {how} {by}.</p>'
