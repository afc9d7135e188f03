"""Results from a CSV, one row per candidate per release, checked whole before anything is written.

Header: election,released_at,source,source_url,candidate,votes,percent,ballots_counted,ballots_left
Rows are numbered as a spreadsheet shows them: the header is row 1.

A release is the rows with the same election and released_at. Each row names a candidate
(by slug, or by name in any case) with its votes or percent or both, and repeats the
release's source, source_url, ballots_counted and ballots_left. A release may give only
ballots counted or left, as a press report of "883,000 ballots left county-wide" does: it is
one row with candidate, votes and percent empty and ballots_counted or ballots_left (or
both) given, and it is stored as a release with no votes:

    los-angeles-mayor-2022-11-08,2022-11-12T17:00:00-08:00,Registrar,,,,,,883000

A row with nothing but its release (no candidate, no votes or percent, no ballots) is
refused, as is a row without a candidate in a release that has candidates' rows.
"""

import csv
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from desk.importing.limits import field_limit
from desk.importing.results_checks import check_against_stored
from desk.importing.results_writing import RELEASE_FIELDS, Report, write_rows
from elections.checks import LARGEST_COUNT, nothing_released, shares_over_100, year_problem
from elections.models import Candidacy, Election, Release

COLUMNS = [
    "election",
    "released_at",
    "source",
    "source_url",
    "candidate",
    "votes",
    "percent",
    "ballots_counted",
    "ballots_left",
]


# A date with no time, perhaps with an offset: 2022-11-10, 20221110, 2022-11-10-08:00.
_DATE_ALONE = re.compile(r"\d{4}-?\d{2}-?\d{2}(Z|[+-]\d{2}(:?\d{2})?)?", re.ASCII)


_DIGITS = re.compile(r"[0-9]+")


def _shown(value):
    """A figure as a message quotes it: a very long one cut short."""
    if len(value) <= 40:
        return repr(value)
    return f"{value[:20]!r}... ({len(value):,} characters)"


class Refused(Exception):
    """The file was not imported; problems holds one message per problem, with its row."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Row:
    number: int
    election: Election
    released_at: datetime.datetime
    source: str
    source_url: str
    candidacy: Candidacy | None  # None on the one row of a release of ballots alone
    votes: int | None
    percent: Decimal | None
    ballots_counted: int | None
    ballots_remaining: int | None


class _Checker:
    def __init__(self, slugs):
        """Reads the elections named (`slugs`) and all their candidacies, once: two queries
        for the whole file, however many rows name them."""
        self.problems = []
        self._elections = {e.slug: e for e in Election.objects.filter(slug__in=slugs)}
        self._candidacies = defaultdict(list)
        candidacies = Candidacy.objects.filter(election__in=list(self._elections.values()))
        for candidacy in candidacies.select_related("candidate"):
            candidate = candidacy.candidate
            # Named by slug exactly, or by name in any case (casefolded: Python's iexact).
            self._candidacies[candidacy.election_id, "slug", candidate.slug].append(candidacy)
            self._candidacies[candidacy.election_id, "name", candidate.name.casefold()].append(
                candidacy
            )

    def problem(self, number, message):
        self.problems.append(f"row {number}: {message}")

    def election(self, number, slug):
        election = self._elections.get(slug)
        if election is None:
            self.problem(number, f"unknown election {slug!r}")
        return election

    def candidacy(self, number, election, name):
        found = {
            candidacy.pk: candidacy
            for key in (("slug", name), ("name", name.casefold()))
            for candidacy in self._candidacies.get((election.pk, *key), ())
        }
        # None where the name fits no candidacy, or more than one.
        if len(found) != 1:
            self.problem(number, f"no candidate {name!r} stands in {election.slug}")
            return None
        return next(iter(found.values()))

    def whole_number(self, number, column, value):
        value = value.replace(",", "").strip()
        if not value:
            return None
        # Not str.isdigit(), which takes "²" and other digits int() refuses.
        if not _DIGITS.fullmatch(value):
            self.problem(
                number, f"{column} must be a whole number of 0 or more, not {_shown(value)}"
            )
            return None
        # Measured before int(), which refuses more than 4,300 digits.
        digits = value.lstrip("0") or "0"
        if len(digits) > len(str(LARGEST_COUNT)) or int(digits) > LARGEST_COUNT:
            self.problem(number, f"{column} must be at most {LARGEST_COUNT:,}, not {_shown(value)}")
            return None
        return int(digits)

    def percent(self, number, value):
        value = value.strip().rstrip("%").strip()
        if not value:
            return None
        try:
            share = Decimal(value)
        except InvalidOperation:
            self.problem(number, f"percent must be a number, not {_shown(value)}")
            return None
        if not share.is_finite() or not Decimal(0) <= share <= Decimal(100):
            self.problem(number, f"percent must be between 0 and 100, not {_shown(value)}")
            return None
        return share.quantize(Decimal("0.001"))

    def released_at(self, number, value):
        value = value.strip()
        # fromisoformat takes any character between date and time, so it would read the
        # offset of "2022-11-10-08:00" as a time of 08:00: a date alone is caught first.
        if _DATE_ALONE.fullmatch(value):
            self.problem(
                number,
                f"released_at {value!r} needs a time as well as a date, "
                "as in 2022-11-10T16:00:00-08:00",
            )
            return None
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self.problem(number, f"released_at {value!r} is not an ISO 8601 date and time")
            return None
        if moment.tzinfo is None:
            self.problem(number, f"released_at {value!r} needs its UTC offset, as in -08:00")
            return None
        # The year as written, then as stored: an offset can carry the last day of a year
        # into the next (9999-12-31T23:59:59-12:00 is year 10000 in UTC, which Python
        # cannot read back). Once the year as written has passed, the time is far from
        # datetime's limits, so turning it to UTC cannot overflow.
        problem = year_problem(moment.year)
        if problem is None:
            problem = year_problem(moment.astimezone(datetime.UTC).year)
            if problem:
                problem = f"in UTC, {problem}"
        if problem:
            self.problem(number, f"released_at {value!r}: {problem}")
            return None
        return moment

    def url(self, number, value):
        value = value.strip()
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.problem(number, f"source_url {value!r} is not a web address")
        return value


def read_rows(path):
    """Every row checked; raises Refused with all the problems found, or returns the rows."""
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [c.strip() for c in reader.fieldnames or []]
            if sorted(header) != sorted(COLUMNS):
                raise Refused([f"row 1: the header must be {','.join(COLUMNS)}"])
            reader.fieldnames = header
            raw_rows = list(enumerate(reader, start=2))
    except UnicodeDecodeError:
        raise Refused(["the file is not valid UTF-8"]) from None
    except csv.Error as exc:
        raise Refused([f"not a readable CSV file: {exc}"]) from None
    if not raw_rows:
        raise Refused(["the file has no rows of results"])
    check = _Checker(
        {
            raw["election"].strip()
            for _, raw in raw_rows
            if raw["election"] and "\x00" not in raw["election"]
        }
    )
    rows = []
    for number, raw in raw_rows:
        if None in raw or any(v is None for v in raw.values()):
            check.problem(number, f"expected {len(COLUMNS)} columns")
            continue
        # PostgreSQL text cannot hold NUL, and a lookup by a name holding one fails too.
        nul = [column for column, value in raw.items() if "\x00" in value]
        for column in nul:
            check.problem(number, f"{column} holds a NUL character (\\x00), which cannot be stored")
        if nul:
            continue
        raw = {column: value.strip() for column, value in raw.items()}
        before = len(check.problems)
        election = check.election(number, raw["election"]) if raw["election"] else None
        if not raw["election"]:
            check.problem(number, "election is empty")
        released_at = check.released_at(number, raw["released_at"])
        if not raw["source"]:
            check.problem(number, "source is empty")
        for name in ("source", "source_url"):
            if len(raw[name]) > field_limit(Release, name):
                check.problem(
                    number, f"{name} is longer than {field_limit(Release, name)} characters"
                )
        source_url = check.url(number, raw["source_url"])
        candidacy = None
        votes = check.whole_number(number, "votes", raw["votes"])
        percent = check.percent(number, raw["percent"])
        counted = check.whole_number(number, "ballots_counted", raw["ballots_counted"])
        left = check.whole_number(number, "ballots_left", raw["ballots_left"])
        if raw["candidate"]:
            if election:
                candidacy = check.candidacy(number, election, raw["candidate"])
            if not raw["votes"] and not raw["percent"]:
                check.problem(
                    number,
                    "give votes or percent (or both); for a release of ballots alone, leave "
                    "candidate empty as well",
                )
        elif raw["votes"] or raw["percent"]:
            check.problem(
                number,
                "candidate is empty: votes and percent are a candidate's (leave all three "
                "empty for a release of ballots counted or left alone)",
            )
        elif problem := nothing_released(
            False, raw["ballots_counted"] or None, raw["ballots_left"] or None
        ):
            check.problem(
                number,
                f"this row {problem}; give a candidate's votes or percent, or, for a release "
                "of ballots alone, ballots_counted or ballots_left",
            )
        if len(check.problems) == before:
            rows.append(
                Row(
                    number,
                    election,
                    released_at,
                    raw["source"],
                    source_url,
                    candidacy,
                    votes,
                    percent,
                    counted,
                    left,
                )
            )
    _check_releases(rows, check)
    if check.problems:
        raise Refused(check.problems)
    return rows


def _check_releases(rows, check):
    releases = defaultdict(list)
    for row in rows:
        releases[(row.election.pk, row.released_at)].append(row)
    for group in releases.values():
        group = _without_stray_rows(group, check)
        first = group[0]
        seen = {}
        for row in group:
            if row.candidacy is None:
                continue
            if row.candidacy.pk in seen:
                check.problem(
                    row.number,
                    f"{row.candidacy.candidate} is already in this release on row "
                    f"{seen[row.candidacy.pk]}",
                )
            seen.setdefault(row.candidacy.pk, row.number)
            for name in RELEASE_FIELDS:
                if getattr(row, name) != getattr(first, name):
                    label = "ballots_left" if name == "ballots_remaining" else name
                    check.problem(
                        row.number,
                        f"{label} differs from row {first.number} for the same release",
                    )
        total = shares_over_100(r.percent for r in group)
        if total is not None:
            check.problem(first.number, f"the shares of this release add up to {total}%, over 100")


def _without_stray_rows(group, check):
    """One release's rows, less a row without a candidate where it is not the release's
    only row (each such row is refused): a release is of ballots alone, or of candidates'
    figures that carry its ballots."""
    alone = [row for row in group if row.candidacy is None]
    if not alone or len(group) == 1:
        return group
    named = [row for row in group if row.candidacy is not None]
    for row in alone:
        if named:
            check.problem(
                row.number,
                "candidate is empty, which makes a release of ballots alone, but this release "
                f"has candidates' rows (row {named[0].number}): give its ballots_counted and "
                "ballots_left on those rows instead",
            )
        elif row is not alone[0]:
            check.problem(
                row.number, f"this release of ballots alone is already on row {alone[0].number}"
            )
    return named or alone[:1]


def import_results(path, dry_run=False, correction=False, confirmed=False):
    """All or nothing: raises Refused, or writes the file's releases and returns a Report.
    `correction` lets counts go down (the source corrected them); `confirmed` enters
    releases of certified elections, or dated far from election day."""
    rows = read_rows(path)
    report = Report()
    with transaction.atomic():
        groups = defaultdict(list)
        for row in rows:
            groups[(row.election.pk, row.released_at)].append(row)
        problems, corrected = check_against_stored(
            groups, correction=correction, confirmed=confirmed
        )
        if problems:
            raise Refused([f"row {number}: {message}" for number, message in sorted(problems)])
        write_rows(rows, report, corrected)
        if dry_run:
            transaction.set_rollback(True)
    return report
