"""import_results: every row checked, all or nothing per file, and idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from elections.models import Release, VoteCount
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = (
    "election,released_at,source,source_url,candidate,votes,percent,ballots_counted,ballots_left"
)


@pytest.fixture
def race():
    election = factories.election(slug="springfield-mayor-2022-11-08")
    factories.candidacy(
        election=election, candidate=factories.candidate(name="Ann Lee", slug="ann-lee")
    )
    factories.candidacy(
        election=election, candidate=factories.candidate(name="Bo Diaz", slug="bo-diaz")
    )
    return election


def write(tmp_path, *rows, name="results.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return path


GOOD = [
    "springfield-mayor-2022-11-08,2022-11-09T01:00:00-08:00,Registrar,https://reg.example/1,"
    "ann-lee,1200,,2500,9000",
    "springfield-mayor-2022-11-08,2022-11-09T01:00:00-08:00,Registrar,https://reg.example/1,"
    "Bo Diaz,1100,,2500,9000",
    "springfield-mayor-2022-11-08,2022-11-10T16:00:00-08:00,TV desk,,ann-lee,,51.2,,",
    "springfield-mayor-2022-11-08,2022-11-10T16:00:00-08:00,TV desk,,bo-diaz,,48.8,,",
]


def run(*args):
    out = io.StringIO()
    try:
        call_command("import_results", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_good_file_imports_releases_and_votes(race, tmp_path):
    output, refused = run(str(write(tmp_path, *GOOD)))
    assert refused is None, output
    assert "releases: 2 created" in output and "vote_counts: 4 created" in output
    first, second = Release.objects.filter(election=race).order_by("released_at")
    assert (first.ballots_counted, first.ballots_remaining) == (2500, 9000)
    assert first.source_url == "https://reg.example/1"
    shares = {r.candidate.slug: r.share for r in first.results().rows}
    assert str(shares["ann-lee"]) == "52.17"
    assert sorted(str(t.reported_share) for t in second.vote_counts.all()) == ["48.800", "51.200"]


def test_importing_the_same_file_again_changes_nothing(race, tmp_path):
    path = write(tmp_path, *GOOD)
    run(str(path))
    before = list(VoteCount.objects.values_list("pk", "votes", "reported_share"))
    output, refused = run(str(path))
    assert refused is None
    assert "releases: 0 created, 0 updated, 2 unchanged" in output
    assert "vote_counts: 0 created, 0 updated, 4 unchanged" in output
    assert list(VoteCount.objects.values_list("pk", "votes", "reported_share")) == before


def test_a_corrected_figure_updates_the_tally(race, tmp_path):
    run(str(write(tmp_path, *GOOD)))
    corrected = [GOOD[0].replace(",1200,", ",1210,"), *GOOD[1:]]
    output, _ = run(str(write(tmp_path, *corrected, name="fix.csv")))
    assert "vote_counts: 0 created, 1 updated, 3 unchanged" in output
    assert VoteCount.objects.filter(votes=1210).exists()


def test_a_corrected_release_is_updated_and_keeps_its_number(race, tmp_path):
    run(str(write(tmp_path, *GOOD)))
    first = Release.objects.get(election=race, number=1)
    corrected = [row.replace(",2500,", ",2600,") for row in GOOD]
    output, _ = run(str(write(tmp_path, *corrected, name="fix.csv")))
    assert "releases: 0 created, 1 updated, 1 unchanged" in output
    assert "vote_counts: 0 created, 0 updated, 4 unchanged" in output
    first.refresh_from_db()
    assert (first.number, first.ballots_counted) == (1, 2600)


def test_new_releases_are_numbered_in_the_order_of_the_file(race, tmp_path):
    run(str(write(tmp_path, GOOD[2], GOOD[3], GOOD[0], GOOD[1])))
    numbers = Release.objects.filter(election=race).order_by("released_at")
    assert [r.number for r in numbers] == [2, 1]


def test_imported_and_corrected_figures_are_in_the_history(race, tmp_path):
    run(str(write(tmp_path, *GOOD)))
    run(str(write(tmp_path, GOOD[0].replace(",1200,", ",1210,"), *GOOD[1:], name="fix.csv")))
    vote_count = VoteCount.objects.get(votes=1210)
    history = vote_count.history.order_by("history_date")
    assert [(h.history_type, h.votes) for h in history] == [("+", 1200), ("~", 1210)]
    assert all(r.history.count() == 1 for r in Release.objects.all())


def release_rows(first_minute, count):
    """Two rows (one per candidate) for each of `count` releases a minute apart."""
    return [
        f"springfield-mayor-2022-11-08,2022-11-09T01:{minute:02d}:00-08:00,Registrar,,"
        f"{candidate},{1000 + minute},,,"
        for minute in range(first_minute, first_minute + count)
        for candidate in ("ann-lee", "Bo Diaz")
    ]


def test_a_longer_file_takes_no_more_queries(race, tmp_path):
    short = write(tmp_path, *release_rows(0, 1), name="short.csv")
    long = write(tmp_path, *release_rows(1, 40), name="long.csv")
    counts = []
    for path in (short, long, short, long):
        with CaptureQueriesContext(connection) as queries:
            output, refused = run(str(path))
        assert refused is None, output
        counts.append(len(queries))
    # Created, then the same files again with every row unchanged.
    assert counts[0] == counts[1] and counts[2] == counts[3]
    assert VoteCount.objects.filter(release__election=race).count() == 82


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (GOOD[1].replace("springfield-mayor-2022-11-08", "nowhere-2022"), "unknown election"),
        (GOOD[1].replace("Bo Diaz", "Cy Young"), "no candidate 'Cy Young' stands in"),
        (GOOD[1].replace(",1100,", ",-5,"), "votes must be a whole number"),
        (GOOD[1].replace(",1100,", ",12.5,"), "votes must be a whole number"),
        (GOOD[1].replace(",1100,", ",,"), "give votes or percent"),
        (GOOD[1].replace("2022-11-09T01:00:00-08:00", "2022-11-09 01:00"), "needs its UTC offset"),
        (GOOD[1].replace("2022-11-09T01:00:00-08:00", "yesterday"), "not an ISO 8601"),
        (GOOD[1].replace("Bo Diaz", "ann-lee"), "is already in this release on row 2"),
        (GOOD[1].replace(",2500,", ",2600,"), "ballots_counted differs from row 2"),
        (GOOD[1].replace(",1100,,", ",1100,100.5,"), "percent must be between 0 and 100"),
        (GOOD[1].replace(",Registrar,", ",,"), "source is empty"),
    ],
)
def test_one_bad_row_refuses_the_whole_file_and_names_the_row(race, tmp_path, bad_row, message):
    path = write(tmp_path, GOOD[0], bad_row, *GOOD[2:])
    output, refused = run(str(path))
    assert refused is not None
    assert "nothing imported" in output
    problems = [line.strip() for line in output.splitlines() if line.startswith("  row ")]
    assert len(problems) == 1
    assert problems[0].startswith("row 3: ") and message in problems[0]
    assert not Release.objects.exists() and not VoteCount.objects.exists()


def refused_problems(tmp_path, bad_row):
    """Import GOOD with its second data row (row 3) replaced; the problems listed, after
    checking that nothing was imported."""
    output, refused = run(str(write(tmp_path, GOOD[0], bad_row, *GOOD[2:])))
    assert refused is not None, output
    assert not Release.objects.exists() and not VoteCount.objects.exists()
    return [line.strip() for line in output.splitlines() if line.startswith("  row ")]


YEARS = "the year must be between 1800 and 2999"


@pytest.mark.parametrize(
    ("released_at", "problem"),
    [
        # Year 10000 in UTC: stored, Python could not read it back, and pages showing it fell.
        ("9999-12-31T23:59:59-12:00", f"{YEARS}, not 9999"),
        ("3000-01-01T00:00:00Z", f"{YEARS}, not 3000"),
        ("0001-01-01T00:00:00+01:00", f"{YEARS}, not 1"),
        # Inside the years as written, outside them once the offset is taken off.
        ("2999-12-31T20:00:00-08:00", f"in UTC, {YEARS}, not 3000"),
        ("1800-01-01T00:30:00+01:00", f"in UTC, {YEARS}, not 1799"),
    ],
)
def test_a_time_outside_the_years_tally_takes_is_refused(race, tmp_path, released_at, problem):
    bad_row = GOOD[1].replace("2022-11-09T01:00:00-08:00", released_at)
    assert refused_problems(tmp_path, bad_row) == [f"row 3: released_at '{released_at}': {problem}"]


@pytest.mark.parametrize("released_at", ["2022-11-10", "2022-11-10-08:00", "20221110Z"])
def test_a_date_without_a_time_is_refused_asking_for_the_time(race, tmp_path, released_at):
    bad_row = GOOD[1].replace("2022-11-09T01:00:00-08:00", released_at)
    [problem] = refused_problems(tmp_path, bad_row)
    assert problem.startswith(f"row 3: released_at '{released_at}' needs a time")


@pytest.mark.parametrize(
    ("column", "bad_row"),
    [
        ("election", GOOD[1].replace("springfield-mayor", "springfield\x00-mayor")),
        ("source", GOOD[1].replace(",Registrar,", ",Regis\x00trar,")),
        ("source_url", GOOD[1].replace("reg.example/1", "reg.example/1\x00")),
        ("candidate", GOOD[1].replace("Bo Diaz", "Bo\x00Diaz")),
    ],
)
def test_a_nul_character_is_refused_naming_its_row_and_column(race, tmp_path, column, bad_row):
    [problem] = refused_problems(tmp_path, bad_row)
    assert problem == f"row 3: {column} holds a NUL character (\\x00), which cannot be stored"


TOO_LARGE = [
    "9223372036854775808",  # one more than a bigint holds
    "99999999999999999999999999",
    "1" * 5000,  # past the 4,300 digits Python turns into a number
]


@pytest.mark.parametrize("figure", TOO_LARGE)
@pytest.mark.parametrize(
    ("column", "replace"),
    [("votes", ",1100,"), ("ballots_counted", ",2500,"), ("ballots_left", ",9000")],
)
def test_a_count_larger_than_the_database_holds_is_refused(race, tmp_path, column, replace, figure):
    bad_row = GOOD[1].replace(replace, replace.replace(replace.strip(","), figure))
    [problem] = refused_problems(tmp_path, bad_row)
    assert problem.startswith(f"row 3: {column} must be at most 9,223,372,036,854,775,807")
    # A figure of thousands of digits is not repeated whole.
    assert len(problem) < 200


def test_digits_other_than_0_to_9_are_refused(race, tmp_path):
    # "²" passes str.isdigit() but not int().
    [problem] = refused_problems(tmp_path, GOOD[1].replace(",1100,", ",1100\u00b2,"))
    assert problem.startswith("row 3: votes must be a whole number of 0 or more")


def test_shares_over_100_in_one_release_are_refused(race, tmp_path):
    rows = [GOOD[2], GOOD[3].replace(",48.8,", ",60,")]
    output, refused = run(str(write(tmp_path, *rows)))
    assert refused is not None
    assert "row 2: the shares of this release add up to 111.200%, over 100" in output


def test_bad_header_and_bad_encoding_are_refused(race, tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("election,when,who\nx,y,z\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "\nspringfield,caf\u00e9\n").encode("latin-1"))
    output, refused = run(str(wrong), str(latin), str(write(tmp_path, *GOOD)))
    assert refused is not None and "2 file(s) refused" in str(refused)
    assert "row 1: the header must be" in output
    assert "not valid UTF-8" in output
    # The good file named after the bad ones was still imported.
    assert Release.objects.count() == 2


def test_dry_run_checks_without_writing(race, tmp_path):
    output, refused = run(str(write(tmp_path, *GOOD)), "--dry-run")
    assert refused is None and "checked" in output and "releases: 2 created" in output
    assert not Release.objects.exists()


def test_imported_release_relinks_the_stories_of_its_election(
    demo, tmp_path, django_capture_on_commit_callbacks
):
    from archive.models import Article

    story = Article.objects.get(slug="what-is-left-to-count-in-mayors-race")
    before = set(story.release_links.values_list("release__released_at", flat=True))
    csv_file = tmp_path / "friday.csv"
    csv_file.write_text(
        "election,released_at,source,source_url,candidate,votes,percent,ballots_counted,ballots_left\n"
        "los-angeles-mayor-2022-11-08,2022-11-11T08:00:00-08:00,Registrar,,karen-bass,280000,,,\n"
        "los-angeles-mayor-2022-11-08,2022-11-11T08:00:00-08:00,Registrar,,rick-caruso,279000,,,\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        # The demo's general is certified: a release after that is entered when confirmed.
        call_command("import_results", str(csv_file), "--confirm", stdout=io.StringIO())
    after = set(story.release_links.values_list("release__released_at", flat=True))
    # The story of 10:00 on Nov 11 now has the 08:00 release as its count at publication.
    assert after != before
    assert max(after).isoformat() == "2022-11-11T16:00:00+00:00"


def test_votes_beyond_the_ballots_counted_are_refused(race, tmp_path):
    rows = [
        "springfield-mayor-2022-11-08,2022-11-09T01:00:00-08:00,Registrar,,ann-lee,790000,,1000,",
        "springfield-mayor-2022-11-08,2022-11-09T01:00:00-08:00,Registrar,,bo-diaz,900,,1000,",
    ]
    output, refused = run(str(write(tmp_path, *rows)))
    assert refused is not None
    assert "row 2: The votes add up to 790,900, more than the 1,000 ballots counted allow" in (
        output
    )
    assert not Release.objects.exists()


def test_counts_going_down_are_refused_unless_marked_as_a_correction(race, tmp_path, client):
    assert run(str(write(tmp_path, *GOOD[:2])))[1] is None
    lower = [row.replace("2022-11-09T01:00", "2022-11-09T02:00") for row in GOOD[:2]]
    lower[0] = lower[0].replace(",1200,", ",1150,")
    output, refused = run(str(write(tmp_path, *lower, name="lower.csv")))
    assert refused is not None
    assert "Ann Lee's votes from 1,200 to 1,150" in output and "--correction" in output
    assert Release.objects.count() == 1
    output, refused = run(str(write(tmp_path, *lower, name="lower.csv")), "--correction")
    assert refused is None, output
    assert "1 marked as correcting the count" in output
    assert list(
        Release.objects.order_by("released_at").values_list("is_correction", flat=True)
    ) == [
        False,
        True,
    ]
    page = client.get(Release.objects.latest().get_absolute_url()).content.decode()
    assert "Corrects the source's earlier figures" in page


def test_a_release_of_a_certified_election_needs_confirming(race, tmp_path):
    race.status = "certified"
    race.save()
    output, refused = run(str(write(tmp_path, *GOOD[:2])))
    assert refused is not None
    assert "the election's result is certified" in output and "--confirm" in output
    assert not Release.objects.exists()
    assert run(str(write(tmp_path, *GOOD[:2])), "--confirm")[1] is None
    assert Release.objects.count() == 1


# A press report of ballots alone: candidate, votes and percent empty.
BALLOTS_ALONE = "springfield-mayor-2022-11-08,2022-11-10T17:00:00-08:00,Times desk,,,,,4000,883000"


def test_a_release_of_ballots_alone_is_imported_without_votes(race, tmp_path):
    path = write(tmp_path, *GOOD[:2], BALLOTS_ALONE)
    output, refused = run(str(path))
    assert refused is None, output
    assert "releases: 2 created, 0 updated, 0 unchanged (1 of ballots alone)" in output
    assert "vote_counts: 2 created" in output
    release = Release.objects.get(election=race, source="Times desk")
    assert (release.number, release.ballots_counted, release.ballots_remaining) == (2, 4000, 883000)
    assert release.released_at.isoformat() == "2022-11-11T01:00:00+00:00"
    assert not release.vote_counts.exists()

    output, refused = run(str(path))
    assert "releases: 0 created, 0 updated, 2 unchanged (1 of ballots alone)" in output


def test_a_release_may_give_only_ballots_left(race, tmp_path):
    row = "springfield-mayor-2022-11-08,2022-11-10T17:00:00-08:00,Times desk,,,,,,883000"
    output, refused = run(str(write(tmp_path, row)))
    assert refused is None, output
    release = Release.objects.get()
    assert (release.ballots_counted, release.ballots_remaining) == (None, 883000)
    assert not VoteCount.objects.exists()


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            "springfield-mayor-2022-11-08,2022-11-10T17:00:00-08:00,Times desk,,,,,,",
            "row 4: this row gives no figures: no votes or shares, and neither ballots counted "
            "nor ballots left; give a candidate's votes or percent, or, for a release of ballots "
            "alone, ballots_counted or ballots_left",
        ),
        (
            BALLOTS_ALONE.replace(",,,,4000,", ",,1200,,4000,"),
            "row 4: candidate is empty: votes and percent are a candidate's (leave all three "
            "empty for a release of ballots counted or left alone)",
        ),
        (
            BALLOTS_ALONE.replace("2022-11-10T17:00:00-08:00", "2022-11-10"),
            "row 4: released_at '2022-11-10' needs a time as well as a date, "
            "as in 2022-11-10T16:00:00-08:00",
        ),
        (
            BALLOTS_ALONE.replace("2022-11-10T17:00:00-08:00", "2022-11-09T01:00:00-08:00"),
            "row 4: candidate is empty, which makes a release of ballots alone, but this release "
            "has candidates' rows (row 2): give its ballots_counted and ballots_left on those "
            "rows instead",
        ),
        (
            BALLOTS_ALONE.replace(",4000,", ",2000,"),
            "row 4: since the releases before, ballots counted from 2,500 to 2,000; counts only "
            "grow (--correction if the source corrected them)",
        ),
    ],
)
def test_a_bad_release_of_ballots_alone_refuses_the_file(race, tmp_path, bad_row, message):
    output, refused = run(str(write(tmp_path, *GOOD[:2], bad_row)))
    assert refused is not None
    problems = [line.strip() for line in output.splitlines() if line.startswith("  row ")]
    assert problems == [message]
    assert not Release.objects.exists() and not VoteCount.objects.exists()


def test_a_release_of_ballots_alone_is_given_once(race, tmp_path):
    output, refused = run(str(write(tmp_path, BALLOTS_ALONE, BALLOTS_ALONE)))
    assert refused is not None
    assert "row 3: this release of ballots alone is already on row 2" in output
    assert not Release.objects.exists()


def test_ballots_alone_going_down_are_imported_as_a_correction(race, tmp_path):
    assert run(str(write(tmp_path, *GOOD[:2])))[1] is None
    lower = write(tmp_path, BALLOTS_ALONE.replace(",4000,", ",2000,"), name="lower.csv")
    output, refused = run(str(lower))
    assert refused is not None
    assert "ballots counted from 2,500 to 2,000" in output and "--correction" in output
    assert Release.objects.count() == 1
    output, refused = run(str(lower), "--correction")
    assert refused is None, output
    assert Release.objects.get(source="Times desk").ballots_counted == 2000


def test_votes_after_ballots_alone_are_compared_with_the_last_votes(race, tmp_path):
    # Only ballots left in between: the ballots counted and votes of Nov 9 still stand.
    left_only = BALLOTS_ALONE.replace(",4000,", ",,")
    later = [
        "springfield-mayor-2022-11-08,2022-11-11T17:00:00-08:00,Registrar,,ann-lee,1150,,2400,",
        "springfield-mayor-2022-11-08,2022-11-11T17:00:00-08:00,Registrar,,bo-diaz,1180,,2400,",
    ]
    output, refused = run(str(write(tmp_path, *GOOD[:2], left_only, *later)))
    assert refused is not None
    assert (
        "row 5: since the releases before, ballots counted from 2,500 to 2,400; Ann Lee's votes "
        "from 1,200 to 1,150" in output
    )
    assert not Release.objects.exists()


def test_ballots_alone_for_a_stored_release_must_hold_its_votes(race, tmp_path):
    assert run(str(write(tmp_path, *GOOD[:2])))[1] is None
    same_time = BALLOTS_ALONE.replace("2022-11-10T17:00:00-08:00", "2022-11-09T01:00:00-08:00")
    fewer = write(tmp_path, same_time.replace(",4000,", ",2000,"))
    output, refused = run(str(fewer), "--correction")
    assert refused is not None
    assert "The votes add up to 2,300, more than the 2,000 ballots counted allow" in output
    # Ballots left announced later for the same release are added to it, its votes kept.
    output, refused = run(str(write(tmp_path, same_time.replace(",4000,", ",2500,"))))
    assert refused is None, output
    assert "releases: 0 created, 1 updated, 0 unchanged (1 of ballots alone)" in output
    release = Release.objects.get()
    assert (release.ballots_counted, release.ballots_remaining) == (2500, 883000)
    assert release.vote_counts.count() == 2


def test_a_release_of_ballots_alone_in_a_certified_election_needs_confirming(race, tmp_path):
    race.status = "certified"
    race.save()
    output, refused = run(str(write(tmp_path, BALLOTS_ALONE)))
    assert refused is not None
    assert "the election's result is certified" in output and "--confirm" in output
    assert not Release.objects.exists()
    assert run(str(write(tmp_path, BALLOTS_ALONE)), "--confirm")[1] is None
    assert Release.objects.get().ballots_remaining == 883000
