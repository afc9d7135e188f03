"""Benchmark: import_registrar on the registrar's archived 2022 feed, then one release more.

    .venv/bin/python -m bench.import_registrar [--feed DIR] [--no-demo] [--keep]

Runs against a throwaway database (tally_bench_registrar) on the project's own server, made
with the schema and the demo without its feed (so the mayor's race is matched and its stories
are linked again as counts arrive), then dropped. It imports all 28 releases of
../shared/data/lavote-2022-general, then one more on top, as a live follower would meet it
twenty minutes after the last: the last release's files with every vote one higher. It prints
the seconds each took, what was stored, and the relinking each caused (archive.changes, after
each release's commit).
Targets: the whole folder under 60 s, one release under 3 s. Not a test: no figure here can
fail a build.
"""

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.database import bench_database_url, create_database, drop_database, setup_django

PROJECT = Path(__file__).resolve().parent.parent
FEED = PROJECT.parent / "shared" / "data" / "lavote-2022-general"
LATER = datetime.timedelta(minutes=20)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feed", type=Path, default=FEED)
    parser.add_argument("--database", default="tally_bench_registrar")
    parser.add_argument("--no-demo", action="store_true", help="Start from the schema alone.")
    parser.add_argument("--keep", action="store_true", help="Leave the database for a look.")
    args = parser.parse_args()
    if not (args.feed / "election_data.json").exists():
        sys.exit(f"bench: no feed at {args.feed}")
    url = bench_database_url(args.database)
    create_database(url, force=True)
    # Relinking runs in this process, where it is timed, not in a worker.
    os.environ["TASKS_BACKEND"] = "immediate"
    setup_django(url)
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(url)


class Relinks:
    """Counts the stories archive.changes links again after each commit, and the time it takes."""

    def __init__(self):
        from archive import changes

        self.stories = self.commits = 0
        self.seconds = 0.0
        self._relink = changes.relink_noted
        changes.relink_noted = self  # archive.changes registers it by name on each write

    def __call__(self):
        started = time.perf_counter()
        linked = self._relink()
        self.seconds += time.perf_counter() - started
        self.stories += linked
        self.commits += bool(linked)
        return linked

    def take(self):
        said = f"{self.stories:,} stories linked again after {self.commits} commits, "
        said += f"{self.seconds:.2f} s of it"
        self.stories = self.commits = 0
        self.seconds = 0.0
        return said


def run(args):
    from django.core.management import call_command

    from desk.demo import NO_FEED, load_demo
    from desk.importing.registrar.importing import import_folder

    call_command("migrate", verbosity=0)
    if not args.no_demo:
        load_demo(feed=NO_FEED)  # the demo's races and stories; the feed is what is timed
    relinks = Relinks()
    before = stored()

    started = time.perf_counter()
    report = import_folder(args.feed)
    seconds = time.perf_counter() - started
    print(f"whole folder: {seconds:.1f} s (target 60 s): {report}")
    print(f"  {report.day}")
    print(f"  {relinks.take()}")
    after = stored()
    print("  stored: " + ", ".join(f"{after[k] - before[k]:,} {k}" for k in after))

    with tempfile.TemporaryDirectory() as folder:
        name = one_more_release(args.feed, Path(folder))
        started = time.perf_counter()
        report = import_folder(folder)
        seconds = time.perf_counter() - started
    print(f"one more release ({name}): {seconds:.2f} s (target 3 s): {report.outcomes[0]}")
    print(f"  {relinks.take()}")
    print(f"  on an archive of {', '.join(f'{n:,} {k}' for k, n in stored().items())}")


def stored():
    from candidates.models import Candidate
    from elections.models import Election, Release, VoteCount

    return {
        "contests": Election.objects.count(),
        "candidates": Candidate.objects.count(),
        "releases": Release.objects.count(),
        "vote counts": VoteCount.objects.count(),
    }


def one_more_release(feed, folder):
    """The feed's last release, twenty minutes later with every vote one higher (and each
    contest's ballots cast up by as many), written beside a copy of election_data.json;
    returns its folder's name."""
    from desk.importing.registrar import read_election_day
    from desk.importing.registrar.documents import parse_counter_time

    last = sorted(p for p in feed.iterdir() if p.is_dir())[-1]
    day = read_election_day((feed / "election_data.json").read_bytes())
    contest_of = {choice_id: c.registrar_id for choice_id, (c, _) in day.choices.items()}
    shutil.copy(feed / "election_data.json", folder)
    results = json.loads((last / "results.json").read_bytes())
    results["Timestamp"] = (
        datetime.datetime.fromisoformat(results["Timestamp"]) + LATER
    ).isoformat()
    for group in results["Election"]["ContestGroups"]:
        for contest in group["Contests"]:
            for choice in contest["Candidates"]:
                choice["Votes"] += 1
    counter = json.loads((last / "counter_data.json").read_bytes())
    moment = parse_counter_time(counter["TimeStamp"]) + LATER
    counter["TimeStamp"] = f"{moment.month}/{moment.day}/{moment.year} {moment:%-I:%M:%S %p}"
    votes = [row for row in counter["Data"] if row["ReferenceType"] == "CAND"]
    for row in votes:
        row["Value"] += 1
    # Each contest's ballots cast grow with its votes, so no vote goes beyond them.
    more = {cid: 0 for cid in contest_of.values()}
    for row in votes:
        more[contest_of[row["ReferenceID"]]] += 1
    for row in counter["Data"]:
        if row["ReferenceType"] == "CBLT" and row["ReferenceID"] in more:
            row["Value"] += more[row["ReferenceID"]]
    name = f"{moment:%Y-%m-%dT%H-%M-%S}"
    (folder / name).mkdir()
    (folder / name / "results.json").write_text(json.dumps(results))
    (folder / name / "counter_data.json").write_text(json.dumps(counter))
    return name


if __name__ == "__main__":
    main()
