"""Benchmark: import_results on generated results files of 4,000 and 40,000 rows.

    .venv/bin/python -m bench.import_results [--rows 4000 40000] [--keep]

Runs against a throwaway database (tally_bench_results) on the project's own server,
created with the schema, then dropped. A file is shaped like a county's election night:
many contests of eight candidates, ten releases each, so a larger file names more
elections and candidacies, as it does in life. For each size the script creates those
elections and candidacies (their own, so one size's import never meets another's rows),
writes the file, and runs the command four times: on it with --dry-run, for real, and for
real again (every row unchanged), then on a copy with every count of votes corrected. It
prints rows, seconds and rows per second for each run; not a test, so no figure here can
fail a build.
"""

import argparse
import csv
import datetime as dt
import io
import tempfile
import time
from pathlib import Path

from bench.database import bench_database_url, create_database, drop_database, setup_django

CANDIDATES_PER_ELECTION = 8
RELEASES_PER_ELECTION = 10
HEADER = (
    "election,released_at,source,source_url,candidate,votes,percent,ballots_counted,ballots_left"
)
FIRST = dt.datetime(2022, 11, 8, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))


def make_races(prefix, count):
    """`count` elections with their candidacies; returns [(slug, [candidate names])]."""
    from candidates.models import Candidate
    from elections.models import Candidacy, Election

    per = CANDIDATES_PER_ELECTION
    elections = Election.objects.bulk_create(
        Election(
            office="Mayor",
            jurisdiction=f"Town {prefix}-{n}",
            date=dt.date(2022, 11, 8),
            stage=Election.Stage.GENERAL,
            slug=f"town-{prefix}-{n}-mayor-2022-11-08",
        )
        for n in range(count)
    )
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Person {prefix}-{n}-{c}", slug=f"person-{prefix}-{n}-{c}")
        for n in range(count)
        for c in range(per)
    )
    Candidacy.objects.bulk_create(
        Candidacy(election=e, candidate=candidates[n * per + c])
        for n, e in enumerate(elections)
        for c in range(per)
    )
    return [
        (e.slug, [c.name for c in candidates[n * per : (n + 1) * per]])
        for n, e in enumerate(elections)
    ]


def write_file(path, races, correction=0):
    """Every fifth release gives shares only, as a TV desk does; the rest give votes and
    ballots. Candidates are named by slug and by name, as files do. A correction is added
    to every count of votes, as a corrected file of the same releases would."""
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER.split(","))
        rows = 0
        for slug, names in races:
            for r in range(RELEASES_PER_ELECTION):
                at = (FIRST + dt.timedelta(minutes=30 * r)).isoformat()
                counted = 1000 * (r + 1)
                for c, name in enumerate(names):
                    who = name if c % 2 else name.lower().replace(" ", "-")
                    if r % 5 == 4:
                        share = f"{100 / len(names):.1f}"
                        out.writerow([slug, at, "TV desk", "", who, "", share, "", ""])
                    else:
                        votes = counted // len(names) + c + correction
                        url = f"https://registrar.example/{slug}/{r}"
                        left = 500_000 - counted
                        out.writerow([slug, at, "Registrar", url, who, votes, "", counted, left])
                    rows += 1
    return rows


def timed(path, *flags):
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_results", str(path), *flags, stdout=out)
    seconds = time.perf_counter() - started
    return seconds, out.getvalue().strip().splitlines()[0]


def run(sizes):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"{'rows':>7}  {'run':<10} {'seconds':>8} {'rows/s':>8}  report")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            per_election = CANDIDATES_PER_ELECTION * RELEASES_PER_ELECTION
            races = make_races(f"r{size}", max(1, size // per_election))
            path = Path(folder, f"results-{size}.csv")
            rows = write_file(path, races)
            corrected = Path(folder, f"corrected-{size}.csv")
            write_file(corrected, races, correction=1)
            for label, flags in (
                ("--dry-run", [path, "--dry-run"]),
                ("real", [path]),
                ("again", [path]),
                ("corrected", [corrected]),
            ):
                seconds, report = timed(*flags)
                report = report.split(": ", 1)[1]
                print(
                    f"{rows:>7,}  {label:<10} {seconds:>8.2f} {rows / seconds:>8,.0f}  {report}",
                    flush=True,
                )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[4_000, 40_000])
    parser.add_argument("--database", default="tally_bench_results")
    parser.add_argument("--keep", action="store_true", help="Leave the database for a look.")
    args = parser.parse_args()
    url = bench_database_url(args.database)
    create_database(url, force=True)
    setup_django(url)
    try:
        run(args.rows)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
