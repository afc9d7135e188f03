"""Checks on a release's figures that every way in uses: the results desk's form and the
CSV importer (and, after them, the registrar's feed)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

# The largest count a bigint column holds: a larger number from a file is refused, not
# passed to the database to overflow.
LARGEST_COUNT = 2**63 - 1

# Shares are rounded by their sources; several rounded up may pass 100 by a little.
SHARE_TOLERANCE = Decimal("0.5")


def shares_over_100(shares):
    """The total of these shares where it is more than rounding explains, else None."""
    total = sum(share for share in shares if share is not None)
    return total if total > 100 + SHARE_TOLERANCE else None


# The years Tally takes a time in. PostgreSQL holds far more than Python's datetime, which
# stops at 9999, and a time zone can carry 9999-12-31 past it: a stored time Python cannot
# read back takes every page that shows it down. Nothing an archive of elections holds
# falls outside these years, so every door where a time comes in (forms, importers, search
# dates, addresses) checks this one range, and the database holds it too.
EARLIEST_YEAR = 1800
LATEST_YEAR = 2999


def year_problem(year):
    """Why a year is refused, or None."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}, not {year}"
    return None


def validate_time(value):
    """A model field validator: a time (or date) inside the years Tally takes."""
    problem = year_problem(value.year)
    if problem:
        raise ValidationError(problem[0].upper() + problem[1:] + ".", code="out_of_range")


def within_years(field, *, is_date=False):
    """A database check that a time (or date) field stays inside the years Tally takes; an
    empty field passes."""
    earliest = datetime.date(EARLIEST_YEAR, 1, 1)
    after = datetime.date(LATEST_YEAR + 1, 1, 1)
    if not is_date:
        earliest, after = (
            datetime.datetime.combine(d, datetime.time(), datetime.UTC) for d in (earliest, after)
        )
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": earliest, f"{field}__lt": after})


# A release dated this long before its election, or after it, is more often a mistyped
# date than a real count: the desk confirms it before it is entered.
EXPECTED_BEFORE = datetime.timedelta(days=60)
EXPECTED_AFTER = datetime.timedelta(days=120)


def votes_beyond_ballots(votes, ballots_counted, seats=1):
    """Why these votes cannot be, or None: together they exceed what the ballots counted
    allow (each ballot gives a contest at most as many votes as it has seats)."""
    total = sum(v for v in votes if v is not None)
    if ballots_counted is not None and total > ballots_counted * seats:
        return (
            f"The votes add up to {total:,}, more than the {ballots_counted:,} ballots "
            "counted allow: check for a typo."
        )
    return None


def nothing_released(gives_votes, ballots_counted, ballots_remaining):
    """Why a release cannot be entered, or None: it gives no figure at all. A release gives
    candidates' votes (or shares), or only the ballots counted or left to count, as a press
    report of "883,000 ballots left" does; with none of these it says nothing. The reason
    follows "this release" or "this row" in each door's message."""
    if gives_votes or ballots_counted is not None or ballots_remaining is not None:
        return None
    return "gives no figures: no votes or shares, and neither ballots counted nor ballots left"


def counts_gone_down(ballots_counted, votes, ballots_before, votes_before):
    """What went down since earlier releases: counts only grow, unless the source corrected
    them. `votes` and `votes_before` map a candidacy's name to its votes.

    `ballots_before` is the ballots counted of the latest earlier release that gave them,
    and `votes_before` the votes of the latest earlier release that gave votes (see
    Release.figures_before): a release of ballots alone, between two counts, hides neither.
    """
    went_down = []
    if None not in (ballots_before, ballots_counted) and ballots_counted < ballots_before:
        went_down.append(f"ballots counted from {ballots_before:,} to {ballots_counted:,}")
    for name, count in votes.items():
        earlier = votes_before.get(name)
        if None not in (earlier, count) and count < earlier:
            went_down.append(f"{name}'s votes from {earlier:,} to {count:,}")
    return went_down


def unusual_release(election, released_at):
    """Why a release for this election at this time should be confirmed, if it should."""
    reasons = []
    if election.status == "certified":
        reasons.append("the election's result is certified")
    day = released_at.date()
    if not election.date - EXPECTED_BEFORE <= day <= election.date + EXPECTED_AFTER:
        reasons.append(f"it comes out on {day:%b %-d, %Y}, far from election day")
    return reasons
