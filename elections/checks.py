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
