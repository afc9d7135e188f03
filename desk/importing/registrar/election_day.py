"""election_data.json: the election day, its contest groups, contests and choices, with the
registrar's IDs that every figure in counter_data.json points at."""

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property

from desk.importing.registrar.documents import Document, first_repeated, parse_counter_time

ELECTION_DATA = "election_data.json"

SEAT_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


@dataclass(frozen=True)
class Choice:
    """A line on the ballot: a candidate under the registrar's ballot name ("KAREN RUTH BASS"),
    or YES / NO on a measure or a judge's retention. party is as published ("Non Partisan")."""

    registrar_id: int
    ballot_name: str
    party: str


@dataclass(frozen=True)
class Contest:
    """One race or measure. type is the registrar's word: Candidate, Measure or Judicial (a
    judge's retention, YES / NO) in 2022. seats is how many choices a voter may mark."""

    registrar_id: int
    title: str
    type: str
    seats: int
    measure_text: str
    pass_rate: str
    is_non_partisan: bool
    is_voter_nominated: bool
    choices: tuple[Choice, ...]

    def choice_named(self, ballot_name):
        return next((c for c in self.choices if c.ballot_name == ballot_name), None)


@dataclass(frozen=True)
class ContestGroup:
    name: str
    contests: tuple[Contest, ...]


@dataclass(frozen=True)
class ElectionDay:
    """The registrar's election: groups and contests in the registrar's order. published_at is
    the file's own time stamp; raw holds the file as published."""

    registrar_id: int
    title: str
    date: datetime.date
    registration_count: int
    precinct_count: int
    published_at: datetime.datetime
    groups: tuple[ContestGroup, ...]
    raw: bytes = field(repr=False)

    @cached_property
    def contests(self):
        return {c.registrar_id: c for group in self.groups for c in group.contests}

    @cached_property
    def choices(self):
        """Every choice by registrar ID, with the contest it stands in."""
        return {ch.registrar_id: (c, ch) for c in self.contests.values() for ch in c.choices}

    @cached_property
    def _contests_by_title(self):
        return {c.title: c for c in self.contests.values()}

    def contest_titled(self, title):
        return self._contests_by_title.get(title)

    def keeping(self, keep):
        """The same day with only the contests keep(contest) is true for, and the groups that
        still hold one: what a partial import stores (its files are still read whole)."""
        groups = (
            dataclasses.replace(g, contests=tuple(c for c in g.contests if keep(c)))
            for g in self.groups
        )
        return dataclasses.replace(self, groups=tuple(g for g in groups if g.contests))


def read_election_day(raw: bytes) -> ElectionDay:
    """Read election_data.json as the registrar publishes it (from a file or the live URL)."""
    doc = Document(raw, None, ELECTION_DATA)
    data = doc.value(doc.root, "Data", dict, "")
    date_text = doc.value(data, "Date", str, "Data")
    try:
        date = datetime.datetime.fromisoformat(date_text).date()
    except ValueError:
        raise doc.refuse(f"Data.Date {date_text!r} is not a date") from None
    groups = tuple(
        ContestGroup(
            name=doc.value(group, "Name", str, path),
            contests=tuple(
                _contest(doc, contest, contest_path)
                for contest_path, contest in doc.items(group, "Contests", path)
            ),
        )
        for path, group in doc.items(data, "ContestGroups", "Data")
    )
    election_day = ElectionDay(
        registrar_id=doc.count(data, "ID", "Data"),
        title=doc.value(data, "Title", str, "Data"),
        date=date,
        registration_count=doc.count(data, "RegistrationCount", "Data"),
        precinct_count=doc.count(data, "PrecinctCount", "Data"),
        published_at=doc.local_time(doc.root, "TimeStamp", "", parse_counter_time),
        groups=groups,
        raw=raw,
    )
    _check_unique(doc, election_day)
    return election_day


def _contest(doc, contest, path):
    return Contest(
        registrar_id=doc.count(contest, "ID", path),
        title=doc.value(contest, "Title", str, path),
        type=doc.value(contest, "Type", str, path),
        seats=_seats(doc, contest, path),
        measure_text=doc.value(contest, "MeasureText", str, path),
        pass_rate=doc.value(contest, "MeasurePassRate", str, path),
        is_non_partisan=doc.value(contest, "NonPartisan", bool, path),
        is_voter_nominated=doc.value(contest, "VoterNominated", bool, path),
        choices=tuple(
            Choice(
                registrar_id=doc.count(choice, "ID", choice_path),
                ballot_name=doc.value(choice, "Name", str, choice_path),
                party=doc.value(choice, "Party", str, choice_path),
            )
            for choice_path, choice in doc.items(contest, "Candidates", path)
        ),
    )


def _seats(doc, contest, path):
    """VoteFor is words ("Vote for no more than three"), or empty for one seat. That empty means
    one holds in every release of 2022: such contests have a single NSEL row, no partly voted
    ballots, and votes that add up to ballots cast less those left blank or overvoted."""
    text = doc.value(contest, "VoteFor", str, path).strip()
    if not text:
        return 1
    match = re.fullmatch(r"vote for (?:no more than |up to )?(\w+)", text, re.IGNORECASE)
    number = match and match.group(1).lower()
    seats = SEAT_WORDS.get(number) or (int(number) if number and number.isdigit() else 0)
    if not seats:
        raise doc.refuse(f"{path}.VoteFor {text!r} is not a number of seats this reader knows")
    return seats


def _check_unique(doc, election_day):
    """Figures find their contest or choice by ID, and results.json by contest title and ballot
    name: any of them used twice would leave a figure with two homes."""
    contests = [c for group in election_day.groups for c in group.contests]
    for kind, values, where in (
        ("contest ID", [c.registrar_id for c in contests], ""),
        ("choice ID", [choice.registrar_id for c in contests for choice in c.choices], ""),
        ("contest title", [c.title for c in contests], ""),
        *(
            ("ballot name", [ch.ballot_name for ch in c.choices], f" in {c.title}")
            for c in contests
        ),
    ):
        repeated = first_repeated(values)
        if repeated is not None:
            raise doc.refuse(f"the {kind} {repeated!r} is used twice{where}")
