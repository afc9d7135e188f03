"""The registrar's feed reader: the archived 2022 feed as published, and small documents written
here to show what it refuses, from bytes as the live site would serve them."""

import copy
import datetime
import itertools
import json
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings

from desk.importing.registrar import (
    FeedRefused,
    check_follows,
    read_election_day,
    read_feed_folder,
    read_release_documents,
    read_release_folder,
)

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
FEED = Path(settings.BASE_DIR).parent / "shared" / "data" / "lavote-2022-general"
MAYOR = "LOS ANGELES CITY GENERAL MUNICIPAL ELECTION Mayor"

needs_feed = pytest.mark.skipif(
    not (FEED / "election_data.json").exists(), reason="../shared/data is not beside the project"
)


@pytest.fixture(scope="module")
def feed():
    return read_feed_folder(FEED)


def release_named(feed, name):
    return next(r for r in feed.releases if r.name == name)


def mayors_votes(feed, release):
    contest = feed.election_day.contest_titled(MAYOR)
    return {c.ballot_name: release.votes[c.registrar_id] for c in contest.choices}


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


@needs_feed
def test_the_release_of_nov_10_holds_the_figures_the_seeds_quote(feed):
    release = release_named(feed, "2022-11-10T16-23-14")
    assert release.released_at == datetime.datetime(2022, 11, 10, 16, 23, 14, tzinfo=LA)
    assert mayors_votes(feed, release) == {"KAREN RUTH BASS": 271_246, "RICK J. CARUSO": 273_941}
    assert release.county.ballots_counted == 1_452_192


@needs_feed
def test_the_first_release_of_election_night_and_the_last_of_the_count(feed):
    first = release_named(feed, "2022-11-08T20-24-13")
    assert first.released_at == datetime.datetime(2022, 11, 8, 20, 24, 13, tzinfo=LA)
    assert mayors_votes(feed, first)["RICK J. CARUSO"] == 159_857
    assert first.county.in_person_ballots == 0
    last = feed.releases[-1]
    assert last.released_at == datetime.datetime(2022, 12, 5, 12, 15, 21, tzinfo=LA)
    assert mayors_votes(feed, last) == {"KAREN RUTH BASS": 509_944, "RICK J. CARUSO": 420_030}


@needs_feed
def test_the_zero_file_has_results_json_only_and_no_votes(feed):
    zero = feed.releases[0]
    assert zero.name == "2022-10-25T09-02-03"
    assert (zero.has_results_file, zero.has_counter_data_file, zero.is_complete) == (
        True,
        False,
        False,
    )
    assert zero.released_at == datetime.datetime(2022, 10, 25, 9, 2, 3, tzinfo=LA)
    assert zero.released_at.utcoffset() == datetime.timedelta(hours=-7)  # still summer time
    assert len(zero.votes) == 1132 and set(zero.votes.values()) == {0}
    assert (zero.contests, zero.county) == ({}, None)


@needs_feed
def test_the_release_without_results_json_reads_from_counter_data_alone(feed):
    release = release_named(feed, "2022-11-09T00-55-46")
    assert (release.has_results_file, release.has_counter_data_file) == (False, True)
    assert release.released_at == datetime.datetime(2022, 11, 9, 0, 55, 46, tzinfo=LA)
    assert mayors_votes(feed, release) == {"KAREN RUTH BASS": 216_117, "RICK J. CARUSO": 221_325}
    assert release.county.ballots_counted == 1_182_908


@needs_feed
def test_the_whole_folder_reads_in_time_order_keeping_each_file_as_published(feed):
    assert len(feed.releases) == 28
    times = [r.released_at for r in feed.releases]
    assert times == sorted(set(times))
    for release in feed.releases[::9]:
        folder = FEED / release.name
        if release.has_results_file:
            assert release.results_json == (folder / "results.json").read_bytes()
        if release.has_counter_data_file:
            assert release.counter_data_json == (folder / "counter_data.json").read_bytes()
    assert feed.election_day.raw == (FEED / "election_data.json").read_bytes()
    assert not any(b.has_same_figures_as(a) for a, b in itertools.pairwise(feed.releases))


@needs_feed
def test_the_figures_add_up_as_the_reader_names_them_in_every_release(feed):
    """The evidence for counter_data.py's names: if one fails, a name is wrong."""
    for release in feed.releases[1:]:
        county = release.county
        assert county.ballots_counted == county.mail_and_in_person_ballots
        assert county.mail_and_in_person_ballots == county.mail_ballots + county.in_person_ballots
        assert county.cards == county.mail_cards + county.in_person_cards
        assert county.in_person_cards == county.in_person_ballots
        assert 3.07 < county.mail_cards / county.mail_ballots < 3.08
        for contest_id, contest in feed.election_day.contests.items():
            figures = release.contests[contest_id]
            assert figures.ballots_cast == (
                figures.overvoted + figures.blank + figures.partly_voted + figures.fully_voted
            )
            assert len(figures.unused_selections) == contest.seats
            assert (
                figures.unused_selections[0]
                == figures.partly_voted + figures.blank + figures.overvoted
            )
            assert figures.unused_selections[-1] == figures.blank + figures.overvoted
            votes = sum(release.votes[c.registrar_id] for c in contest.choices)
            assert figures.votes_cast == votes + figures.write_in_votes
            if contest.seats == 1:
                assert figures.partly_voted == 0
                assert figures.fully_voted == votes + figures.write_in_votes


@needs_feed
def test_the_contest_without_candidates_is_kept_apart_with_only_write_ins(feed):
    for release in feed.releases[1:]:
        assert list(release.unlisted_contests) == [8513]
        unlisted = release.unlisted_contests[8513]
        assert unlisted.votes_cast == unlisted.write_in_votes == unlisted.fully_voted
    assert feed.releases[-1].unlisted_contests[8513].ballots_cast == 3446


# Small documents written here: one election day of two contests, one release of both files.

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
VOTES = {1001: 60, 1002: 30, 2001: 50, 2002: 40, 2003: 30}
CONTEST_ROWS = {
    100: {"CBLT": 100, "COV": 2, "CUV": 8, "CPV": 0, "CFV": 90, "NSEL-01": 10},
    200: {
        "CBLT": 80,
        "COV": 1,
        "CUV": 5,
        "CPV": 24,
        "CFV": 50,
        "NSEL-01": 30,
        "NSEL-02": 6,
        "WRTN-01": 3,
        "WRTN-02": 1,
    },
}
COUNTY_ROWS = {
    "PBLT": (0, 180),
    "MBLT": (9, 120),
    "DBLT": (9, 60),
    "EBLT": (9, 180),
    "MCRD": (9, 360),
    "DCRD": (9, 60),
    "ECRD": (9, 420),
}
NAME = "2030-11-05T20-30-00"


def results(at="2030-11-05T20:30:00.25", votes=VOTES):
    election = copy.deepcopy(ELECTION_DATA["Data"])
    for group in election["ContestGroups"]:
        for contest in group["Contests"]:
            for choice in contest["Candidates"]:
                choice["Votes"] = votes[choice.pop("ID")]
    return {"Election": election, "Timestamp": at}


def counter(at="11/5/2030 8:30:00 PM", votes=VOTES, extra_rows=()):
    rows = [("CAND", ref, value) for ref, value in votes.items()]
    rows += [(code, ref, v) for ref, found in CONTEST_ROWS.items() for code, v in found.items()]
    rows += [(code, ref, value) for code, (ref, value) in COUNTY_ROWS.items()]
    rows += list(extra_rows)
    data = [
        {"Number": n, "ReferenceID": r, "ReferenceType": t, "Value": v}
        for n, (t, r, v) in enumerate(rows, 1)
    ]
    return {"Data": data, "TimeStamp": at}


def as_bytes(document):
    return json.dumps(document, indent=2).encode()


def election_day():
    return read_election_day(as_bytes(ELECTION_DATA))


def read(results_doc=None, counter_doc=None, name=NAME):
    """A release from documents, or from bytes when given bytes."""
    raw = [
        d if d is None or isinstance(d, bytes) else as_bytes(d) for d in (results_doc, counter_doc)
    ]
    return read_release_documents(*raw, election_day(), name=name)


def test_a_release_reads_from_bytes_as_the_live_urls_serve_them():
    results_bytes, counter_bytes = as_bytes(results()), as_bytes(counter())
    release = read(results_bytes, counter_bytes)
    assert release.released_at == datetime.datetime(2030, 11, 5, 20, 30, tzinfo=LA)
    assert release.released_at.utcoffset() == datetime.timedelta(hours=-8)
    assert release.votes == VOTES
    assert release.contests[200].unused_selections == (30, 6)
    assert release.contests[200].write_ins == (3, 1)
    assert release.contests[100].write_ins == ()
    assert release.county.ballots_counted == 180
    assert (release.results_json, release.counter_data_json) == (results_bytes, counter_bytes)
    assert election_day().contests[200].seats == 2


def test_a_folder_and_its_bytes_read_alike(tmp_path):
    (tmp_path / "results.json").write_bytes(as_bytes(results()))
    (tmp_path / "counter_data.json").write_bytes(as_bytes(counter()))
    from_folder = read_release_folder(tmp_path, election_day())
    assert from_folder.name == tmp_path.name
    assert from_folder.has_same_figures_as(read(results(), counter()))


def test_either_file_alone_is_read_and_marked():
    only_results = read(results_doc=results())
    assert (only_results.has_results_file, only_results.has_counter_data_file) == (True, False)
    assert only_results.votes == VOTES and only_results.county is None
    only_counter = read(counter_doc=counter())
    assert (only_counter.has_results_file, only_counter.has_counter_data_file) == (False, True)
    assert only_counter.released_at == only_results.released_at


def test_a_release_with_the_same_figures_as_the_one_before_is_recognised():
    before = read(results(), counter())
    again = read(results(at="2030-11-05T20:50:00"), counter(at="11/5/2030 8:50:00 PM"))
    assert again.released_at > before.released_at
    assert again.has_same_figures_as(before)
    moved = read(results(votes={**VOTES, 1002: 31}), counter(votes={**VOTES, 1002: 31}))
    assert not moved.has_same_figures_as(before)
    assert not read(results_doc=results()).has_same_figures_as(before)


def test_a_contest_where_every_vote_is_a_write_in_is_kept_apart():
    write_ins_only = [
        ("CBLT", 300, 20),
        ("COV", 300, 0),
        ("CUV", 300, 15),
        ("CPV", 300, 0),
        ("CFV", 300, 5),
        ("NSEL-01", 300, 15),
        ("WRTN-01", 300, 5),
    ]
    release = read(counter_doc=counter(extra_rows=write_ins_only))
    assert release.unlisted_contests[300].write_in_votes == 5
    assert 300 not in release.contests


def changed(document, change):
    document = copy.deepcopy(document)
    change(document)
    return document


def set_value(index, value):
    return lambda doc: doc["Data"][index].__setitem__("Value", value)


@pytest.mark.parametrize(
    "results_doc, counter_doc, message",
    [
        (None, as_bytes(counter())[:-40], "counter_data.json: is truncated"),
        (as_bytes(results())[:900], None, "results.json: is truncated"),
        (b"", None, "results.json: is empty"),
        (
            None,
            b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>",
            "counter_data.json: is an HTML page, not JSON: '503 Service Unavailable'",
        ),
        (None, b'{"Data": [], "TimeStamp": 11/5/2030}', "counter_data.json: is not valid JSON"),
        (
            None,
            b'{"Data": [], "Data": []}',
            "counter_data.json: is not JSON this reader can take: an object repeats the key 'Data'",
        ),
        (None, changed(counter(), lambda d: d["Data"][3].pop("Value")), "Data[3].Value is missing"),
        (None, changed(counter(), lambda d: d.pop("TimeStamp")), "TimeStamp is missing"),
        (
            None,
            changed(counter(), lambda d: d.__setitem__("Data", {})),
            "Data is an object, not a list",
        ),
        (None, set_value(0, "60"), "Data[0].Value is a string, not a whole number"),
        (
            changed(results(), lambda d: d.pop("Election")),
            None,
            "results.json: Election is missing",
        ),
        (
            changed(results(), lambda d: d["Election"].__setitem__("ID", 10)),
            None,
            "results.json: is for election 10, not 9",
        ),
        (
            None,
            changed(counter(), lambda d: d["Data"][0].__setitem__("ReferenceType", "ZZZ")),
            "ReferenceType 'ZZZ' is not one this reader knows",
        ),
        (None, counter(extra_rows=[("CAND", 9999, 5)]), "ReferenceID 9999 (CAND) is not a choice"),
        (None, counter(extra_rows=[("CBLT", 777, 5)]), "ReferenceID 777 (CBLT) is not a contest"),
        (None, counter(extra_rows=[("CAND", 1001, 5)]), "CAND for ReferenceID 1001 is given twice"),
        (
            None,
            counter(votes={1001: 60, 1002: 30, 2001: 50, 2002: 40}),
            "no CAND figure for ED HALE",
        ),
        (None, set_value(1, -1), "Data[1].Value is -1, not a whole number of 0 or more"),
        (None, set_value(1, 30.5), "Data[1].Value is 30.5, not a whole number of 0 or more"),
        (None, set_value(1, True), "Data[1].Value is true, not a whole number"),
        (None, set_value(1, 2**63), "Data[1].Value is 9223372036854775808, beyond the largest"),
        (results(votes={**VOTES, 1002: -3}), None, "Votes is -3, not a whole number of 0 or more"),
        (
            changed(results(), lambda d: d.__setitem__("Timestamp", "yesterday")),
            None,
            "Timestamp 'yesterday' is not a time",
        ),
        (
            None,
            counter(at="11/5/2030 20:30:00 PM"),
            "TimeStamp '11/5/2030 20:30:00 PM' is not a time",
        ),
        (results(at="2030-11-05T20:31:00"), counter(), "disagree on the time"),
        (results(votes={**VOTES, 1001: 61}), counter(), "disagree on ANN LEE in SPRINGFIELD Mayor"),
        (None, None, "has neither results.json nor counter_data.json"),
    ],
)
def test_a_bad_release_is_refused_naming_the_release_and_the_problem(
    results_doc, counter_doc, message
):
    if callable(counter_doc):
        counter_doc = changed(counter(), counter_doc)
    with pytest.raises(FeedRefused) as refused:
        read(results_doc, counter_doc)
    assert str(refused.value).startswith(f"release {NAME}: ")
    assert message in str(refused.value)


@pytest.mark.parametrize("which", ["results.json", "counter_data.json"])
def test_a_file_cut_off_at_any_byte_is_refused_never_crashes(which):
    whole = as_bytes(results() if which == "results.json" else counter())
    for end in range(len(whole)):
        cut = (whole[:end], None) if which == "results.json" else (None, whole[:end])
        with pytest.raises(FeedRefused, match=f"^release {NAME}: {which}: "):
            read(*cut)


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


def write_release(folder, name, at):
    (folder / name).mkdir()
    (folder / name / "counter_data.json").write_bytes(as_bytes(counter(at=at)))


def test_a_feed_folder_whose_time_goes_backwards_is_refused(tmp_path):
    (tmp_path / "election_data.json").write_bytes(as_bytes(ELECTION_DATA))
    write_release(tmp_path, "2030-11-05T20-30-00", "11/5/2030 8:30:00 PM")
    write_release(tmp_path, "2030-11-05T21-00-00", "11/5/2030 9:00:00 PM")
    assert [r.name for r in read_feed_folder(tmp_path).releases] == [
        "2030-11-05T20-30-00",
        "2030-11-05T21-00-00",
    ]
    write_release(tmp_path, "2030-11-05T21-30-00", "11/5/2030 8:10:00 PM")
    with pytest.raises(FeedRefused) as refused:
        read_feed_folder(tmp_path)
    assert str(refused.value) == (
        "release 2030-11-05T21-30-00: is timed 2030-11-05T20:10:00-08:00, which goes back before "
        "the release before it (2030-11-05T21-00-00, timed 2030-11-05T21:00:00-08:00)"
    )


def test_a_release_repeating_the_time_before_it_is_refused():
    first = read(counter_doc=counter(), name="first")
    with pytest.raises(FeedRefused, match=r"^release second: .* which repeats the release before"):
        check_follows(first, read(counter_doc=counter(), name="second"))
