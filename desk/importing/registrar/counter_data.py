"""counter_data.json: the live results page's figures, rows of (ReferenceType, ReferenceID, Value).

What each ReferenceType means was worked out from the 27 releases of 2022 that have the file;
every identity quoted below holds in every contest of every one of them, and
tests/desk/test_registrar_feed.py checks them again.

Per choice (ReferenceID: a choice's ID in election_data.json)
    CAND  votes.

Per contest (ReferenceID: a contest's ID). Each ballot falls in exactly one of four kinds:
CBLT = COV + CUV + CPV + CFV.
    CBLT  ballots_cast: ballots that carried the contest.
    COV   overvoted: ballots marking more choices than seats, so none counts.
    CUV   blank: ballots marking nothing in the contest (the registrar's undervote).
    CPV   partly_voted: ballots marking some but not all seats; always 0 where one seat.
    CFV   fully_voted: ballots marking every seat; where one seat, CFV = votes + write-ins.
    NSEL-k  unused_selections[k-1], for k = 1 .. seats: ballots leaving at least k of the seats
          unmarked, an overvoted ballot counting as all unmarked. So NSEL-01 = CPV + CUV + COV,
          NSEL-<seats> = CUV + COV, and seats x CBLT - sum(NSEL) = votes + write-ins.
    WRTN-k  write_ins[k-1], for k = 1 .. seats, only in contests open to write-ins (none for
          measures, judges, top-two races or runoffs). Their sum is the contest's write-in votes
          (the identity above proves that); how the registrar splits it over k is not
          established: not "ballots with k or more write-ins", since WRTN-03 exceeds WRTN-02 in
          San Gabriel's council race, so plausibly the k-th write-in line. Kept by position.

County-wide, once each (ReferenceID 0 for PBLT, the election's ID for the others):
    PBLT  ballots_counted: what the page headlines as ballots counted.
    MBLT  mail_ballots;  DBLT  in_person_ballots (0 in the first release at 20:24 on election
          night, which counted mail ballots only, then rising through the night).
    EBLT  mail_and_in_person_ballots: MBLT + DBLT, and equal to PBLT, in every release. Why
          the registrar publishes both is not established.
    MCRD, DCRD, ECRD  mail_cards, in_person_cards, cards: read as ballot cards (sheets). ECRD =
          MCRD + DCRD always; DCRD = DBLT always (a vote centre prints one card); MCRD / MBLT
          stays between 3.07 and 3.08 while mail ballots counted grow from 0.85 to 1.97
          million. "Cards" rests on those ratios and the code's CRD; the feed says no more.

One contest is counted but not listed in election_data.json: 8513, rows for contest figures
only, every vote a write-in. The last results.json (Dec 5) names it: "WHITTIER CITY SCHOOL
DISTRICT Governing Board Member, Trustee Area No. 3 (No Candidates Filed)". Such a contest is
kept apart as unlisted; any other ReferenceID election_data.json does not know is refused.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass

from desk.importing.registrar.documents import Document, FeedRefused, parse_counter_time

COUNTER_DATA = "counter_data.json"

COUNTY_CODES = {
    "PBLT": "ballots_counted",
    "MBLT": "mail_ballots",
    "DBLT": "in_person_ballots",
    "EBLT": "mail_and_in_person_ballots",
    "MCRD": "mail_cards",
    "DCRD": "in_person_cards",
    "ECRD": "cards",
}
CONTEST_CODES = {
    "CBLT": "ballots_cast",
    "COV": "overvoted",
    "CUV": "blank",
    "CPV": "partly_voted",
    "CFV": "fully_voted",
}
BY_SEAT = re.compile(r"(NSEL|WRTN)-\d\d")


@dataclass(frozen=True)
class CountyFigures:
    """County-wide figures of one release (the module docstring says what each is)."""

    ballots_counted: int
    mail_ballots: int
    in_person_ballots: int
    mail_and_in_person_ballots: int
    mail_cards: int
    in_person_cards: int
    cards: int


@dataclass(frozen=True)
class ContestFigures:
    """One contest's ballots in one release (the module docstring says what each is)."""

    ballots_cast: int
    overvoted: int
    blank: int
    partly_voted: int
    fully_voted: int
    unused_selections: tuple[int, ...]
    write_ins: tuple[int, ...]

    @property
    def write_in_votes(self):
        return sum(self.write_ins)

    @property
    def votes_cast(self):
        """Marks that counted: one per seat per ballot, less those left unused. Equal, in every
        release of 2022, to the choices' votes plus the write-in votes."""
        return len(self.unused_selections) * self.ballots_cast - sum(self.unused_selections)


@dataclass(frozen=True)
class CounterData:
    published_at: datetime.datetime
    votes: dict[int, int]
    contests: dict[int, ContestFigures]
    unlisted_contests: dict[int, ContestFigures]
    county: CountyFigures


def read_counter_data(raw, election_day, release):
    doc = Document(raw, release, COUNTER_DATA)
    published_at = doc.local_time(doc.root, "TimeStamp", "", parse_counter_time)
    votes, county, by_contest = {}, {}, defaultdict(dict)
    for path, row in doc.items(doc.root, "Data", ""):
        code = doc.value(row, "ReferenceType", str, path)
        ref = doc.count(row, "ReferenceID", path)
        value = doc.count(row, "Value", path)
        if code == "CAND":
            if ref not in election_day.choices:
                raise doc.refuse(
                    f"{path}: ReferenceID {ref} (CAND) is not a choice in election_data.json"
                )
            target, key = votes, ref
        elif code in COUNTY_CODES:
            if ref not in (0, election_day.registrar_id):
                raise doc.refuse(
                    f"{path}: ReferenceID {ref} ({code}) is not this election "
                    f"({election_day.registrar_id})"
                )
            target, key = county, COUNTY_CODES[code]
        elif code in CONTEST_CODES or BY_SEAT.fullmatch(code):
            target, key = by_contest[ref], code
        else:
            raise doc.refuse(f"{path}: ReferenceType {code!r} is not one this reader knows")
        if key in target:
            raise doc.refuse(f"{path}: {code} for ReferenceID {ref} is given twice")
        target[key] = value

    for choice_id, (contest, choice) in election_day.choices.items():
        if choice_id not in votes:
            raise doc.refuse(
                f"no CAND figure for {choice.ballot_name} ({choice_id}) in {contest.title}"
            )
    for code, name in COUNTY_CODES.items():
        if name not in county:
            raise doc.refuse(f"no {code} figure for the county")
    contests = {
        contest_id: _contest_figures(
            doc, by_contest.get(contest_id, {}), contest.seats, f"{contest.title} ({contest_id})"
        )
        for contest_id, contest in election_day.contests.items()
    }
    unlisted = {
        ref: _unlisted_contest(doc, ref, found, election_day)
        for ref, found in by_contest.items()
        if ref not in election_day.contests
    }
    return CounterData(published_at, votes, contests, unlisted, CountyFigures(**county))


def _contest_figures(doc, found, seats, label):
    unused = [f"NSEL-{k:02d}" for k in range(1, seats + 1)]
    write_ins = [f"WRTN-{k:02d}" for k in range(1, seats + 1)]
    if not any(code in found for code in write_ins):
        write_ins = []
    expected = [*CONTEST_CODES, *unused, *write_ins]
    missing = [code for code in expected if code not in found]
    if missing:
        raise doc.refuse(f"no {missing[0]} figure for {label}")
    extra = sorted(set(found) - set(expected))
    if extra:
        raise doc.refuse(f"{label} has {extra[0]}, but {seats} seat(s) to fill")
    return ContestFigures(
        **{name: found[code] for code, name in CONTEST_CODES.items()},
        unused_selections=tuple(found[code] for code in unused),
        write_ins=tuple(found[code] for code in write_ins),
    )


def _unlisted_contest(doc, ref, found, election_day):
    """A contest election_data.json leaves out is taken only when every vote in it is a
    write-in, as where no candidate filed (see the module docstring); otherwise its ID is
    unknown, and the release is refused."""
    unknown = doc.refuse(
        f"ReferenceID {ref} ({', '.join(sorted(found))}) is not a contest in "
        "election_data.json, nor one where every vote is a write-in"
    )
    if ref in election_day.choices:
        raise unknown
    seats = sum(1 for code in found if code.startswith("NSEL-"))
    try:
        figures = _contest_figures(doc, found, seats, f"contest {ref}")
    except FeedRefused:
        raise unknown from None
    if not seats or figures.votes_cast != figures.write_in_votes:
        raise unknown
    return figures
