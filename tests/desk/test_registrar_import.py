"""import_registrar: the registrar's feed stored as published, every contest, choice and release,
matched to the contests and people Tally holds; then small feeds written here to show what it
refuses, each time with nothing written for the release refused."""

import copy
import datetime
import io
import json
import shutil
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from archive.models import Article
from candidates.models import Candidate
from desk.demo import NO_FEED, load_demo
from desk.importing.registrar import FeedRefused
from desk.importing.registrar.fetching import fetch
from desk.importing.registrar.people import People, first_and_last, readable_name
from elections.models import (
    Candidacy,
    Election,
    ElectionDay,
    FeedRelease,
    Release,
    VoteCount,
)
from elections.models.releases import VoteCountQuerySet
from tests import factories

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
FEED = Path(settings.BASE_DIR).parent / "shared" / "data" / "lavote-2022-general"
MAYOR = "LOS ANGELES CITY GENERAL MUNICIPAL ELECTION Mayor"
AUTHORITY = "Los Angeles County Registrar-Recorder/County Clerk"

needs_feed = pytest.mark.skipif(
    not (FEED / "election_data.json").exists(), reason="../shared/data is not beside the project"
)


def run(*args):
    """The command's output, and its CommandError if it exited non-zero."""
    out = io.StringIO()
    try:
        call_command("import_registrar", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (ElectionDay, Election, Candidate, Candidacy, FeedRelease, Release, VoteCount)
    }


def votes_by_ballot_name(release):
    return {v.candidacy.ballot_name: v.votes for v in release.vote_counts.all()}


def at(*parts):
    return datetime.datetime(*parts, tzinfo=LA)


# The whole archived feed, imported once over the demo for the tests of this class, and rolled
# back after them: one import takes seconds, and these tests only read what it stored.


@pytest.fixture(scope="class")
def imported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(feed=NO_FEED)
        output, refused = run(str(FEED))
        yield output, refused
        transaction.set_rollback(True)


@needs_feed
@pytest.mark.django_db
@pytest.mark.usefixtures("imported")
class TestTheWholeFeed:
    def test_the_command_says_what_became_of_each_of_the_28_releases(self, imported):
        output, refused = imported
        assert refused is None, output
        lines = output.splitlines()
        assert lines[0] == (
            "election day: contests 429 created, 1 matched (los-angeles-mayor-2022-11-08), "
            "0 updated; candidacies 1130 created; candidates 914 created, 2 matched"
        )
        assert lines[1] == "2022-10-25T09-02-03  no ballots counted yet: no contest releases"
        assert lines[2] == "2022-11-08T20-24-13  created 430 contest releases (1,132 vote counts)"
        assert len(lines) == 1 + 28 + 1
        assert lines[-1] == (
            "28 releases: 27 created (10,970 contest releases, 28,879 vote counts), "
            "1 nothing counted"
        )
        print(output)

    def test_the_election_day_is_stored_with_its_list_of_contests_as_published(self):
        day = ElectionDay.objects.get()
        assert (day.authority, day.registrar_id, day.title, day.date, day.slug) == (
            AUTHORITY,
            4300,
            "General Election",
            datetime.date(2022, 11, 8),
            "los-angeles-county-general-election-2022-11-08",
        )
        assert (day.registered_voters, day.precincts) == (5_627_796, 3680)
        assert bytes(day.election_data) == (FEED / "election_data.json").read_bytes()

    def test_430_contests_429_new_and_the_demos_mayors_race_matched(self):
        day = ElectionDay.objects.get()
        assert day.contests.count() == 430
        new = day.contests.filter(jurisdiction="Los Angeles County")
        assert new.count() == 429
        assert set(new.values_list("stage", "status").distinct()) == {("general", "counting")}
        assert not new.filter(office="").exists()
        governor = new.get(registrar_id=8762)
        assert (governor.office, governor.group, governor.kind, governor.seats) == (
            "GOVERNOR",
            "Governor",
            "race",
            1,
        )
        assert governor.slug == "governor-2022-11-08"
        mayor = day.contests.get(registrar_id=8847)
        assert (mayor.slug, mayor.jurisdiction, mayor.office, mayor.is_demo) == (
            "los-angeles-mayor-2022-11-08",
            "Los Angeles",
            "Mayor",
            True,
        )
        assert (mayor.group, mayor.kind, mayor.seats, mayor.status) == (
            "Cities",
            "race",
            1,
            "certified",
        )
        assert Election.objects.filter(office__iendswith="mayor", date=day.date).count() == 7
        assert Election.objects.filter(slug__startswith="los-angeles-mayor-2022").count() == 2

    def test_the_demos_stories_and_links_stay_with_its_mayors_race(self):
        mayor = Election.objects.get(slug="los-angeles-mayor-2022-11-08")
        story = Article.objects.get(slug="bass-narrows-gap-thursday-count")
        assert mayor.article_links.filter(article=story).exists()
        # Its release links follow the feed after the import commits: see the test below.

    def test_karen_bass_and_rick_caruso_are_the_demos_candidates_under_their_ballot_names(self):
        mayor = Election.objects.get(registrar_id=8847)
        rows = mayor.candidacies.order_by("ballot_name").values_list(
            "candidate__slug", "candidate__is_demo", "ballot_name", "party", "registrar_id"
        )
        assert list(rows) == [
            ("karen-bass", True, "KAREN RUTH BASS", "Non Partisan", 21848),
            ("rick-caruso", True, "RICK J. CARUSO", "Non Partisan", 21847),
        ]
        assert Candidate.objects.filter(name__in=["Karen Bass", "Rick Caruso"]).count() == 2

    def test_the_people_of_the_ballot_are_candidates_with_readable_names(self):
        def named(ballot_name):
            return Candidacy.objects.get(ballot_name=ballot_name).candidate

        assert named("CARLISS R. MCGHEE").name == "Carliss R. McGhee"
        assert named("MIGUEL DE LA ROSA").name == "Miguel de la Rosa"
        assert named("DAN O'BRIEN").name == "Dan O'Brien"
        assert named("RAUL ORTIZ, JR.").name == "Raul Ortiz, Jr."
        assert named("JOE E. COLLINS III").name == "Joe E. Collins III"
        assert named("JAMAL EL-AMIN").slug == "jamal-el-amin"
        # Standing in two contests, under one ballot name: one person.
        senator = Candidate.objects.get(slug="mark-p-meuser")
        assert senator.candidacies.count() == 2

    def test_a_namesake_in_another_group_and_party_is_another_person(self):
        padillas = Candidacy.objects.filter(ballot_name="ALEX PADILLA").values_list(
            "candidate__slug", "election__office", "party"
        )
        by_person = {}
        for slug, office, party in padillas:
            by_person.setdefault(slug, set()).add((office.split()[0], party))
        assert by_person == {
            "alex-padilla": {("UNITED", "Democratic")},
            "alex-padilla-2": {("INGLEWOOD", "Non Partisan")},
        }
        assert Candidacy.objects.filter(candidate__slug="alex-padilla").count() == 2

    def test_a_measure_and_a_retention_have_yes_and_no_and_no_person(self):
        measure = Election.objects.get(registrar_id=8930)
        assert (measure.office, measure.kind, measure.pass_rate) == (
            "COUNTY MEASURE A",
            "measure",
            "Majority of votes cast",
        )
        assert measure.question.startswith("CHARTER AMENDMENT - PROVIDING AUTHORITY TO REMOVE")
        rows = measure.candidacies.order_by("-choice").values_list(
            "choice", "candidate", "ballot_name"
        )
        assert list(rows) == [("Yes", None, "YES"), ("No", None, "NO")]
        retentions = Election.objects.filter(kind="retention")
        assert retentions.count() == 16
        assert not Candidacy.objects.filter(election__in=retentions, candidate__isnull=False)

    def test_a_three_seat_contest_has_three_seats(self):
        council = Election.objects.get(
            office="AGOURA HILLS CITY GENERAL MUNICIPAL ELECTION Member of the City Council"
        )
        assert council.seats == 3
        seats = Election.objects.filter(election_day__isnull=False).values_list("seats", flat=True)
        assert {n: list(seats).count(n) for n in set(seats)} == {1: 361, 2: 21, 3: 45, 4: 3}

    def test_the_nov_10_release_holds_the_figures_the_seeds_quote(self):
        release = Release.objects.get(
            election__registrar_id=8847, released_at=at(2022, 11, 10, 16, 23, 14)
        )
        assert votes_by_ballot_name(release) == {
            "RICK J. CARUSO": 273_941,
            "KAREN RUTH BASS": 271_246,
        }
        assert release.ballots_counted == 1_452_192
        assert release.mail_ballots + release.in_person_ballots == 1_452_192
        assert release.ballots_cast > 273_941 + 271_246
        assert (release.source, release.source_url) == (
            AUTHORITY,
            "https://results.lavote.gov/#year=2022&election=4300",
        )
        folder = FEED / "2022-11-10T16-23-14"
        assert (
            bytes(release.feed_release.counter_file) == (folder / "counter_data.json").read_bytes()
        )
        assert bytes(release.feed_release.results_file) == (folder / "results.json").read_bytes()

    def test_the_first_and_the_last_release_of_the_mayors_race(self):
        feed_releases = Release.objects.filter(
            election__registrar_id=8847, feed_release__isnull=False
        ).order_by("released_at")
        first, last = feed_releases.first(), feed_releases.last()
        assert first.released_at == at(2022, 11, 8, 20, 24, 13)
        assert votes_by_ballot_name(first)["RICK J. CARUSO"] == 159_857
        assert last.released_at == at(2022, 12, 5, 12, 15, 21)
        assert votes_by_ballot_name(last) == {"KAREN RUTH BASS": 509_944, "RICK J. CARUSO": 420_030}
        assert not last.is_final and not Release.objects.filter(is_final=True).exists()
        # The demo's press figures are all of the primary, so the feed's numbers start at 1.
        assert (first.number, feed_releases.count()) == (1, 27)

    def test_the_zero_file_is_kept_with_no_contest_releases(self):
        zero = FeedRelease.objects.get(released_at=at(2022, 10, 25, 9, 2, 3))
        assert zero.counter_file is None and zero.results_file is not None
        assert not zero.releases.exists()
        assert FeedRelease.objects.count() == 28

    def test_the_counts_of_everything_stored(self):
        found = counts()
        print(found)
        assert found == {
            "ElectionDay": 1,
            "Election": 3 + 429,
            "Candidate": 6 + 914,
            "Candidacy": 9 + 1130,
            "FeedRelease": 28,
            "Release": 1 + 10_970,
            "VoteCount": 2 + 28_879,
        }
        assert not Release.objects.filter(is_correction=True).exists()

    def test_importing_again_changes_nothing(self, django_capture_on_commit_callbacks):
        before = counts()
        with django_capture_on_commit_callbacks() as callbacks:
            output, refused = run(str(FEED))
        assert refused is None, output
        assert output.splitlines()[0] == (
            "election day: contests 0 created, 0 matched (none), 0 updated; candidacies 0 "
            "created; candidates 0 created, 0 matched"
        )
        assert output.splitlines()[-1] == (
            "28 releases: 0 created (0 contest releases, 0 vote counts), 28 already stored"
        )
        assert counts() == before
        assert callbacks == []  # nothing was written, so no story is linked again


@needs_feed
@pytest.mark.django_db
def test_a_story_quoting_a_press_entry_links_to_the_feeds_release_once_it_is_in(
    tmp_path, django_capture_on_commit_callbacks
):
    """The story quotes 273,941, 271,246 and 1,452,192: a press entry (timed "Thursday
    afternoon", 16:00) holds them, and so does the registrar's release of 16:23:14. The linker
    takes the latest release holding a figure that came out before the story (18:30), so once
    the feed is in, the story's figures and its count at publication are the registrar's."""
    load_demo(feed=NO_FEED)
    shutil.copy(FEED / "election_data.json", tmp_path)
    shutil.copytree(FEED / "2022-11-10T16-23-14", tmp_path / "2022-11-10T16-23-14")
    general = Election.objects.get(slug="los-angeles-mayor-2022-11-08")
    bass, caruso = (Candidate.objects.get(slug=s) for s in ("karen-bass", "rick-caruso"))
    with django_capture_on_commit_callbacks(execute=True):
        demo_release = factories.release(
            election=general,
            released_at=at(2022, 11, 10, 16, 0),
            ballots_counted=1_452_192,
            votes={caruso: 273_941, bass: 271_246},
        )
    story = Article.objects.get(slug="bass-narrows-gap-thursday-count")
    assert story.release_links.filter(release=demo_release, reason="quoted").exists()
    candidates_before = set(story.candidate_links.values_list("candidate__slug", flat=True))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output, refused = run(str(tmp_path))
    assert refused is None, output
    assert callbacks, "the import's writes noted the stories to link again"

    feed_release = Release.objects.get(
        election__slug="los-angeles-mayor-2022-11-08", feed_release__isnull=False
    )
    assert feed_release.released_at == at(2022, 11, 10, 16, 23, 14)
    links = dict(story.release_links.values_list("reason", "release"))
    assert links == {"quoted": feed_release.pk, "at_publication": feed_release.pk}
    quoted = story.release_links.get(reason="quoted").quoted_figures
    assert quoted == "273,941, 271,246, 2,695, 1,452,192"  # the margin links too
    assert set(story.candidate_links.values_list("candidate__slug", flat=True)) == (
        candidates_before
    )
    assert story.election_links.get().election.slug == "los-angeles-mayor-2022-11-08"
    story.refresh_from_db()
    assert feed_release.get_absolute_url() in story.body_html


# Small feeds written here: an election day of a two-seat council race, a mayor's race and a
# measure; releases of both files, from bytes or from folders.

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
                        "Title": "SPRINGFIELD CITY GENERAL MUNICIPAL ELECTION Mayor",
                        "Type": "Candidate",
                        "MeasureText": "",
                        "MeasurePassRate": "",
                        "NonPartisan": True,
                        "VoterNominated": False,
                        "VoteFor": "",
                        "Candidates": [
                            {"ID": 1001, "Name": "KEVIN DE LEÓN", "Party": "Non Partisan"},
                            {"ID": 1002, "Name": "ANN MCDONALD", "Party": "Non Partisan"},
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
                            {"ID": 2001, "Name": "DAN O'BRIEN", "Party": "Non Partisan"},
                            {"ID": 2002, "Name": "JOHN SMITH JR.", "Party": "Non Partisan"},
                            {"ID": 2003, "Name": "ANN MCDONALD", "Party": "Non Partisan"},
                        ],
                    },
                    {
                        "ID": 300,
                        "Title": "SPRINGFIELD MEASURE S",
                        "Type": "Measure",
                        "MeasureText": "Shall the city fix the roads?",
                        "MeasurePassRate": "2/3 of votes cast",
                        "NonPartisan": True,
                        "VoterNominated": False,
                        "VoteFor": "",
                        "Candidates": [
                            {"ID": 3001, "Name": "YES", "Party": ""},
                            {"ID": 3002, "Name": "NO", "Party": ""},
                        ],
                    },
                ],
            }
        ],
    },
}
VOTES = {1001: 60, 1002: 30, 2001: 50, 2002: 40, 2003: 30, 3001: 70, 3002: 25}
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
    300: {"CBLT": 100, "COV": 0, "CUV": 5, "CPV": 0, "CFV": 95, "NSEL-01": 5},
}
COUNTY_ROWS = {"PBLT": 180, "MBLT": 120, "DBLT": 60, "EBLT": 180, "MCRD": 360, "DCRD": 60}
COUNTY_ROWS["ECRD"] = 420
FIRST, SECOND, THIRD = "2030-11-05T20-30-00", "2030-11-05T21-00-00", "2030-11-05T21-30-00"


def moment(name):
    return datetime.datetime.strptime(name, "%Y-%m-%dT%H-%M-%S").replace(tzinfo=LA)


def results(name, votes=VOTES):
    election = copy.deepcopy(ELECTION_DATA["Data"])
    for group in election["ContestGroups"]:
        for contest in group["Contests"]:
            for choice in contest["Candidates"]:
                choice["Votes"] = votes[choice.pop("ID")]
    return {"Election": election, "Timestamp": moment(name).strftime("%Y-%m-%dT%H:%M:%S.%f")}


def counter(name, votes=VOTES, extra_rows=()):
    rows = [("CAND", ref, value) for ref, value in votes.items()]
    rows += [(code, ref, v) for ref, found in CONTEST_ROWS.items() for code, v in found.items()]
    rows += [(code, 0 if code == "PBLT" else 9, value) for code, value in COUNTY_ROWS.items()]
    rows += list(extra_rows)
    when = moment(name)
    stamp = f"{when.month}/{when.day}/{when.year} {when:%-I:%M:%S %p}"
    return {
        "Data": [
            {"Number": n, "ReferenceID": r, "ReferenceType": t, "Value": v}
            for n, (t, r, v) in enumerate(rows, 1)
        ],
        "TimeStamp": stamp,
    }


def as_bytes(document):
    return document if isinstance(document, bytes) else json.dumps(document, indent=1).encode()


@pytest.fixture
def feed(tmp_path):
    """A feed folder; feed(name, results=..., counter=...) adds a release to it."""
    (tmp_path / "election_data.json").write_bytes(as_bytes(ELECTION_DATA))

    def add(name, results_doc=None, counter_doc=None):
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        for file, document in (("results.json", results_doc), ("counter_data.json", counter_doc)):
            if document is not None:
                (folder / file).write_bytes(as_bytes(document))
        return folder

    add.path = tmp_path
    return add


def good(feed, name, votes=VOTES):
    return feed(name, results(name, votes), counter(name, votes))


@pytest.mark.django_db
def test_a_small_feed_stores_its_contests_choices_and_releases(feed):
    good(feed, FIRST)
    good(feed, SECOND, {**VOTES, 1001: 70, 3001: 71})
    output, refused = run(str(feed.path))
    assert refused is None, output
    assert output.splitlines()[1:] == [
        f"{FIRST}  created 3 contest releases (7 vote counts)",
        f"{SECOND}  created 2 contest releases (4 vote counts)",
        "2 releases: 2 created (5 contest releases, 11 vote counts)",
    ]
    day = ElectionDay.objects.get()
    assert day.slug == "los-angeles-county-general-election-2030-11-05"
    council = Election.objects.get(registrar_id=200)
    assert (council.seats, council.slug) == (2, "springfield-member-of-the-city-council-2030-11-05")
    assert list(
        council.candidacies.order_by("registrar_id").values_list("candidate__name", "ballot_name")
    ) == [
        ("Dan O'Brien", "DAN O'BRIEN"),
        ("John Smith Jr.", "JOHN SMITH JR."),
        ("Ann McDonald", "ANN MCDONALD"),
    ]
    # One Ann McDonald, standing for mayor and for the council.
    assert Candidate.objects.get(slug="ann-mcdonald").candidacies.count() == 2
    assert Candidate.objects.get(slug="kevin-de-leon").name == "Kevin de León"
    measure = Election.objects.get(registrar_id=300)
    assert (measure.kind, measure.question, measure.pass_rate) == (
        "measure",
        "Shall the city fix the roads?",
        "2/3 of votes cast",
    )
    assert set(measure.candidacies.values_list("choice", "candidate")) == {
        ("Yes", None),
        ("No", None),
    }
    latest = measure.releases.latest()
    assert (latest.number, latest.ballots_cast, latest.ballots_counted) == (2, 100, 180)
    assert (latest.mail_ballots, latest.in_person_ballots) == (120, 60)
    assert Release.objects.filter(election__registrar_id=200).count() == 1


@pytest.mark.django_db
def test_a_release_with_the_figures_of_the_one_before_is_kept_with_no_contest_release(feed):
    good(feed, FIRST)
    good(feed, SECOND)
    output, refused = run(str(feed.path))
    assert refused is None, output
    assert f"{SECOND}  unchanged: every contest's figures as before" in output
    assert FeedRelease.objects.count() == 2
    assert not FeedRelease.objects.get(released_at=moment(SECOND)).releases.exists()
    assert Release.objects.count() == 3


@pytest.mark.django_db
def test_a_feed_before_the_polls_close_stores_no_contest_release(feed):
    zeros = dict.fromkeys(VOTES, 0)
    feed(FIRST, results_doc=results(FIRST, zeros))
    output, refused = run(str(feed.path))
    assert refused is None, output
    assert f"{FIRST}  no ballots counted yet: no contest releases" in output
    assert FeedRelease.objects.count() == 1 and not Release.objects.exists()


def truncated(name):
    return as_bytes(counter(name))[:-50]


def html(name):
    return b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head></html>"


def unknown_id(name):
    return counter(name, extra_rows=[("CAND", 9999, 5)])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad_counter, message",
    [
        (truncated, "counter_data.json: is truncated: its JSON stops unfinished"),
        (html, "counter_data.json: is an HTML page, not JSON: 'Service Unavailable'"),
        (unknown_id, "counter_data.json: Data[35]: ReferenceID 9999 (CAND) is not a choice"),
    ],
)
def test_a_release_the_reader_refuses_is_named_and_nothing_is_written_for_it(
    feed, bad_counter, message
):
    good(feed, FIRST)
    feed(SECOND, counter_doc=bad_counter(SECOND))
    good(feed, THIRD, {**VOTES, 1001: 62})
    output, refused = run(str(feed.path))
    assert f"{SECOND}  refused: {message}" in output
    assert (
        str(refused) == "1 release(s) refused; see the lines above. Nothing was written for them."
    )
    assert not FeedRelease.objects.filter(released_at=moment(SECOND)).exists()
    assert not Release.objects.filter(released_at=moment(SECOND)).exists()
    # Each release is the whole count at its time: the next one is still imported.
    assert f"{THIRD}  created 1 contest releases (2 vote counts)" in output


@pytest.mark.django_db
def test_a_release_timed_before_the_last_stored_is_refused(feed):
    good(feed, FIRST)
    good(feed, SECOND)
    run(str(feed.path))
    late_folder_early_time = feed(THIRD, counter_doc=counter("2030-11-05T20-45-00"))
    output, refused = run(str(feed.path))
    assert refused is not None
    assert (
        f"{THIRD}  refused: is timed 2030-11-05T20:45:00-08:00, before the last release stored "
        "for General Election, Nov. 5, 2030 (2030-11-05T21:00:00-08:00): releases are imported "
        "in the order they were published"
    ) in output
    assert FeedRelease.objects.count() == 2
    assert late_folder_early_time.exists()


@pytest.mark.django_db
def test_the_same_time_with_other_files_is_refused_and_the_stored_release_kept(feed):
    good(feed, FIRST)
    run(str(feed.path))
    stored = bytes(FeedRelease.objects.get().counter_file)
    good(feed, FIRST, {**VOTES, 1002: 31})
    output, refused = run(str(feed.path))
    assert refused is not None
    assert (
        f"{FIRST}  refused: is timed 2030-11-05T20:30:00-08:00, as is the release of General "
        "Election, Nov. 5, 2030 stored on "
    ) in output
    assert "its files differ from those stored" in output
    assert bytes(FeedRelease.objects.get().counter_file) == stored
    assert Release.objects.count() == 3


@pytest.mark.django_db
def test_importing_the_same_small_feed_twice_changes_nothing(feed):
    good(feed, FIRST)
    run(str(feed.path))
    before = counts()
    output, refused = run(str(feed.path))
    assert refused is None
    assert f"{FIRST}  already stored with the same files: skipped" in output
    assert counts() == before


@pytest.mark.django_db
def test_a_killed_import_leaves_no_half_release(feed, monkeypatch):
    good(feed, FIRST)
    good(feed, SECOND, {**VOTES, 1001: 62})
    real = VoteCountQuerySet.bulk_create
    calls = []

    def killed_on_the_second(self, objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the operator's Ctrl-C, half-way through a release
        return real(self, objs, *args, **kwargs)

    monkeypatch.setattr(VoteCountQuerySet, "bulk_create", killed_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        run(str(feed.path))
    assert FeedRelease.objects.count() == 1
    assert Release.objects.count() == 3 and VoteCount.objects.count() == 7
    monkeypatch.setattr(VoteCountQuerySet, "bulk_create", real)
    output, refused = run(str(feed.path))
    assert refused is None
    assert f"{FIRST}  already stored" in output
    assert f"{SECOND}  created 1 contest releases (2 vote counts)" in output


@pytest.mark.django_db
def test_a_count_the_registrar_lowered_is_kept_as_its_correction(feed):
    good(feed, FIRST)
    good(feed, SECOND, {**VOTES, 1002: 28})
    output, refused = run(str(feed.path))
    assert refused is None, output
    corrected = Release.objects.get(election__registrar_id=100, released_at=moment(SECOND))
    assert corrected.is_correction
    assert corrected.notes == "The registrar lowered ANN MCDONALD's votes from 30 to 28."
    assert votes_by_ballot_name(corrected)["ANN MCDONALD"] == 28


@pytest.mark.django_db
def test_a_refused_election_data_writes_nothing(feed):
    (feed.path / "election_data.json").write_bytes(as_bytes(ELECTION_DATA)[:300])
    output, refused = run(str(feed.path))
    assert str(refused).startswith("refused: election_data.json: is truncated")
    assert not ElectionDay.objects.exists() and not Election.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda contest: contest["Candidates"][0].__setitem__("Name", "ANN\u0000LEE"),
            "the ballot name 'ANN\\x00LEE' holds a NUL",
        ),
        (
            lambda contest: contest.__setitem__("Title", "SPRINGFIELD " + "VERY " * 60),
            "the office 'SPRINGFIELD VERY VERY",
        ),
        (
            lambda contest: contest.__setitem__("Type", "Recall"),
            "is of type 'Recall', not one Tally knows (Candidate, Measure, Judicial)",
        ),
    ],
)
def test_what_the_database_cannot_hold_is_refused_before_anything_is_written(feed, change, message):
    changed = copy.deepcopy(ELECTION_DATA)
    change(changed["Data"]["ContestGroups"][0]["Contests"][0])
    (feed.path / "election_data.json").write_bytes(as_bytes(changed))
    output, refused = run(str(feed.path))
    assert str(refused).startswith("refused: election_data.json: ")
    assert message in str(refused)
    assert not ElectionDay.objects.exists() and not Election.objects.exists()


@pytest.mark.django_db
def test_votes_beyond_the_ballots_cast_are_refused(feed):
    good(feed, FIRST, {**VOTES, 1001: 95})
    output, refused = run(str(feed.path))
    assert refused is not None
    assert "SPRINGFIELD CITY GENERAL MUNICIPAL ELECTION Mayor: The votes add up to 125" in output
    assert not FeedRelease.objects.exists()


@pytest.mark.django_db
def test_the_live_feed_is_fetched_and_an_answer_that_is_not_json_refused(monkeypatch):
    answers = {
        "https://reg.example/election": as_bytes(ELECTION_DATA),
        "https://reg.example/results": as_bytes(results(FIRST)),
        "https://reg.example/counter": html(FIRST),
    }
    monkeypatch.setattr(
        "desk.importing.registrar.importing.fetch", lambda url, file, timeout: answers[url]
    )
    live = [
        "--url",
        "--results-url=https://reg.example/results",
        "--counter-data-url=https://reg.example/counter",
        "--election-data-url=https://reg.example/election",
    ]
    output, refused = run(*live)
    assert refused is not None
    assert "live  refused: counter_data.json: is an HTML page, not JSON" in output
    assert not FeedRelease.objects.exists()

    answers["https://reg.example/counter"] = as_bytes(counter(FIRST))
    output, refused = run(*live)
    assert refused is None, output
    assert "live  created 3 contest releases (7 vote counts)" in output
    assert FeedRelease.objects.get().source_url == "https://reg.example/results"
    output, _ = run(*live)
    assert "live  already stored with the same files: skipped" in output


@pytest.mark.django_db
def test_the_command_wants_a_folder_or_the_three_urls(tmp_path):
    assert "Give a FOLDER, or --url" in str(run()[1])
    assert "--url needs --counter-data-url, --election-data-url" in str(
        run("--url", "--results-url=https://reg.example/r")[1]
    )
    assert str(run(str(tmp_path / "nowhere"))[1]).endswith("is not a folder; nothing imported.")


def test_fetching_takes_only_web_addresses():
    with pytest.raises(FeedRefused, match="'file:///etc/passwd' is not an http or https address"):
        fetch("file:///etc/passwd", "results.json")


# Matching existing contests and people.


@pytest.mark.django_db
def test_a_contest_tally_holds_is_matched_only_when_one_claims_one(feed):
    good(feed, FIRST)
    day = datetime.date(2030, 11, 5)
    mine = factories.election(
        slug="springfield-mayor-2030-11-05",
        jurisdiction="Springfield",
        office="Mayor",
        date=day,
    )
    # "Springfield" alone is in every title: three contests claimed, so none is taken.
    vague = factories.election(
        slug="springfield-2030", jurisdiction="Springfield", office="", date=day
    )
    run(str(feed.path))
    mine.refresh_from_db()
    vague.refresh_from_db()
    assert (mine.registrar_id, mine.slug, mine.office) == (
        100,
        "springfield-mayor-2030-11-05",
        "Mayor",
    )
    assert vague.registrar_id is None
    assert Election.objects.filter(election_day__isnull=False).count() == 3


@pytest.mark.django_db
def test_a_ballot_name_matches_one_candidate_by_first_and_last_word_press_or_ballot_name():
    bass = factories.candidate(
        name="Karen Bass", slug="karen-bass", press_names=["Rep. Karen Bass"]
    )
    de_leon = factories.candidate(name="Kevin de León", slug="kevin-de-leon")
    smith = factories.candidate(name="John Smith", slug="john-smith")
    factories.candidate(name="John A. Smith", slug="john-a-smith")
    alias = factories.candidate(name="Robert Jones", slug="robert-jones", press_names=["BOBBY"])
    people = People()
    assert people.match("KAREN RUTH BASS") == bass
    assert people.match("REP. KAREN BASS") == bass
    assert people.match("KEVIN DE LEON") == de_leon
    assert people.match("JOHN Q. SMITH") is None  # two John Smiths: nobody
    assert people.match("Bobby") == alias
    assert people.match("KAREN RUTH BASS", standing=[bass]) is None
    assert smith.pk
    new = people.new("KAREN BASS")
    assert (new.name, new.slug) == ("Karen Bass", "karen-bass-2")


@pytest.mark.django_db
def test_a_ballot_name_matches_only_where_its_party_and_group_agree():
    day = ElectionDay.objects.create(
        authority="Registrar", title="General", date=datetime.date(2022, 11, 8), slug="general"
    )
    senate = factories.election(office="Senator", election_day=day, group="Federal")
    senator = factories.candidate(name="Alex Padilla", slug="alex-padilla")
    factories.candidacy(election=senate, candidate=senator, party="Democratic")
    people = People(day=day.pk)
    assert people.match("ALEX PADILLA", party="Democratic", group="Federal") == senator
    assert people.match("ALEX PADILLA", party="", group="Federal") == senator
    assert people.match("ALEX PADILLA", party="Non Partisan", group="Federal") is None
    assert people.match("ALEX PADILLA", party="Democratic", group="Cities") is None
    # Another day's import does not hold him to that day's group.
    assert People().match("ALEX PADILLA", party="Democratic", group="Cities") == senator
    # Bass's demo line printed no party: any party agrees with it.
    bass = factories.candidate(name="Karen Bass", slug="karen-bass")
    assert People().match("KAREN RUTH BASS", party="Non Partisan") == bass


@pytest.mark.django_db
def test_a_ballot_name_stored_on_a_candidacy_matches_its_candidate():
    candidacy = factories.candidacy(candidate=factories.candidate(name="Bob Diaz", slug="bob-diaz"))
    candidacy.ballot_name = 'ROBERTO "BOB" DÍAZ'
    candidacy.save()
    assert People().match('Roberto "Bob" Diaz') == candidacy.candidate


@pytest.mark.parametrize(
    "ballot_name, name",
    [
        ("KEVIN DE LEÓN", "Kevin de León"),
        ("MCDONALD", "McDonald"),
        ("ANN MCDONALD", "Ann McDonald"),
        ("DAN O'BRIEN", "Dan O'Brien"),
        ("DE'ANDRE VALENCIA", "De'Andre Valencia"),
        ("JOHN SMITH JR.", "John Smith Jr."),
        ("RAUL ORTIZ, JR.", "Raul Ortiz, Jr."),
        ("JOE E. COLLINS III", "Joe E. Collins III"),
        ("AL AUSTIN II", "Al Austin II"),
        ("LOLA SMALLWOOD-CUEVAS", "Lola Smallwood-Cuevas"),
        ("JAMAL EL-AMIN", "Jamal El-Amin"),
        ('EDUARDO "EDDIE" DE LA RIVA', 'Eduardo "Eddie" de la Riva'),
        ("JASJEET (MONICA) KAUR PARMAR", "Jasjeet (Monica) Kaur Parmar"),
        ('G "MAEBE A. GIRL" PUDLO', 'G "Maebe A. Girl" Pudlo'),
        ("ANGÉLICA MARÍA DUEÑAS", "Angélica María Dueñas"),
        ("MACKENZIE MARIE BROWN", "Mackenzie Marie Brown"),
        ("DELARIO M. ROBINSON", "Delario M. Robinson"),
        ("THU LE", "Thu Le"),
        ("Karen Bass", "Karen Bass"),
    ],
)
def test_ballot_names_become_names_a_reader_would_write(ballot_name, name):
    assert readable_name(ballot_name) == name


@pytest.mark.parametrize(
    "name, words",
    [
        ("KAREN RUTH BASS", ("karen", "bass")),
        ("Kevin de León", ("kevin", "leon")),
        ("RAUL ORTIZ, JR.", ("raul", "ortiz")),
        ("JOE E. COLLINS III", ("joe", "collins")),
        ('THURSTON "SMITTY" SMITH', ("thurston", "smith")),
        ("Cher", None),
    ],
)
def test_the_first_and_last_words_of_a_name_leave_out_jr_and_iii(name, words):
    assert first_and_last(name) == words
