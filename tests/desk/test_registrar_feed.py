"""The registrar's feed reader: the archived 2022 feed as published, and small documents written
here to show what it refuses."""

import copy
import datetime
import json
import zoneinfo
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from desk.importing.registrar import FeedRefused, read_election_day

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
FEED = Path(settings.BASE_DIR).parent / "shared" / "data" / "lavote-2022-general"
MAYOR = "LOS ANGELES CITY GENERAL MUNICIPAL ELECTION Mayor"

needs_feed = pytest.mark.skipif(
    not (FEED / "election_data.json").exists(), reason="../shared/data is not beside the project"
)


@pytest.fixture(scope="module")
def feed():
    return SimpleNamespace(
        election_day=read_election_day((FEED / "election_data.json").read_bytes())
    )


@needs_feed
def test_the_election_day_has_430_contests_in_24_groups(feed):
    day = feed.election_day
    assert (day.registrar_id, day.title, day.date) == (
        4300,
        "General Election",
        datetime.date(2022, 11, 8),
    )
    assert (day.registration_count, day.precinct_count) == (5_627_796, 3680)
    assert len(day.groups) == 24
    assert [g.name for g in day.groups][:3] == [
        "County Measures",
        "Governor",
        "Lieutenant Governor",
    ]
    assert sum(len(g.contests) for g in day.groups) == len(day.contests) == 430
    measure = day.contests[8930]
    assert (measure.title, measure.type, measure.pass_rate) == (
        "COUNTY MEASURE A",
        "Measure",
        "Majority of votes cast",
    )
    assert measure.measure_text.startswith("CHARTER AMENDMENT - PROVIDING AUTHORITY TO REMOVE")
    assert [c.ballot_name for c in measure.choices] == ["YES", "NO"]


@needs_feed
def test_the_mayors_race_is_found_with_both_candidates_by_their_ballot_names(feed):
    contest = feed.election_day.contest_titled(MAYOR)
    assert (contest.registrar_id, contest.type, contest.seats) == (8847, "Candidate", 1)
    assert contest.is_non_partisan and not contest.is_voter_nominated
    bass, caruso = contest.choice_named("KAREN RUTH BASS"), contest.choice_named("RICK J. CARUSO")
    assert (bass.registrar_id, bass.party) == (21848, "Non Partisan")
    assert caruso.registrar_id == 21847


@needs_feed
def test_an_empty_vote_for_means_one_seat_and_words_give_the_rest(feed):
    contests = feed.election_day.contests.values()
    seats = sorted(c.seats for c in contests)
    assert {n: seats.count(n) for n in set(seats)} == {1: 361, 2: 21, 3: 45, 4: 3}
    senators = [
        c for c in contests if c.is_voter_nominated and c.title.startswith("UNITED STATES SENATOR")
    ]
    assert {(c.choices[0].ballot_name, c.choices[0].party) for c in senators} == {
        ("ALEX PADILLA", "Democratic")
    }


# A small election day written here: two contests, one of them for two seats.

ELECTION_DATA = {
    "TimeStamp": "11/1/2030 9:00:00 AM",
    "Data": {
        "ID": 9,
        "Date": "2030-11-05T00:00:00-08:00",
        "Title": "General Election",
        "RegistrationCount": 1000,
        "PrecinctCount": 3,
        "ContestGroups": [
            {
                "Name": "Cities",
                "Contests": [
                    {
                        "ID": 100,
                        "Title": "SPRINGFIELD Mayor",
                        "Type": "Candidate",
                        "MeasureText": "",
                        "MeasurePassRate": "",
                        "NonPartisan": True,
                        "VoterNominated": False,
                        "VoteFor": "",
                        "Candidates": [
                            {"ID": 1001, "Name": "ANN LEE", "Party": "Non Partisan"},
                            {"ID": 1002, "Name": "BO DIAZ", "Party": "Non Partisan"},
                        ],
                    },
                    {
                        "ID": 200,
                        "Title": "SPRINGFIELD Member of the City Council",
                        "Type": "Candidate",
                        "MeasureText": "",
                        "MeasurePassRate": "",
                        "NonPartisan": True,
                        "VoterNominated": False,
                        "VoteFor": "Vote for no more than two",
                        "Candidates": [
                            {"ID": 2001, "Name": "CY FOX", "Party": "Non Partisan"},
                            {"ID": 2002, "Name": "DEE GRAY", "Party": "Non Partisan"},
                            {"ID": 2003, "Name": "ED HALE", "Party": "Non Partisan"},
                        ],
                    },
                ],
            }
        ],
    },
}


def as_bytes(document):
    return json.dumps(document, indent=2).encode()


def changed(document, change):
    document = copy.deepcopy(document)
    change(document)
    return document


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["Data"].pop("ContestGroups"), "Data.ContestGroups is missing"),
        (
            lambda d: d["Data"].__setitem__("RegistrationCount", "1000"),
            "Data.RegistrationCount is a string, not a whole number",
        ),
        (
            lambda d: d["Data"]["ContestGroups"][0]["Contests"][1].__setitem__(
                "VoteFor", "Vote for many"
            ),
            "Contests[1].VoteFor 'Vote for many' is not a number of seats",
        ),
        (
            lambda d: d["Data"]["ContestGroups"][0]["Contests"][0]["Candidates"][1].__setitem__(
                "ID", 1001
            ),
            "the choice ID 1001 is used twice",
        ),
        (
            lambda d: d["Data"]["ContestGroups"][0]["Contests"][0]["Candidates"][1].__setitem__(
                "Name", "ANN LEE"
            ),
            "the ballot name 'ANN LEE' is used twice in SPRINGFIELD Mayor",
        ),
        (
            lambda d: d["Data"]["ContestGroups"][0]["Contests"][0].__setitem__(
                "NonPartisan", "yes"
            ),
            "Contests[0].NonPartisan is a string, not true or false",
        ),
    ],
)
def test_a_changed_election_data_is_refused(change, message):
    with pytest.raises(FeedRefused, match=r"^election_data\.json: ") as refused:
        read_election_day(as_bytes(changed(ELECTION_DATA, change)))
    assert message in str(refused.value)
