"""Benchmark: relink every story of a large archive with the county's candidates loaded.

    .venv/bin/python -m bench.relink                    # 100,000 stories, built afresh
    .venv/bin/python -m bench.relink --reuse            # the archive a previous run kept
    .venv/bin/python -m bench.relink --stories 10000    # a quick trial

Builds the synthetic archive of bench.generate (1,000 candidates with shared surnames, their
elections, releases and stories) in its own database (tally_bench_relink) without linking
it, then imports the registrar's whole 2022 general from ../shared/data on top, so the
linker's name index holds the county's ~1,100 real people beside the synthetic ones. Then
it relinks every story in this process, as `manage.py relink` does, and prints the seconds,
the milliseconds per story and what the links came to. The database is kept for --reuse.
Target: under 2 ms a story. Not a test: no figure here can fail a build.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

from bench.database import bench_database_url, database_exists, setup_django

PROJECT = Path(__file__).resolve().parent.parent
FEED = PROJECT.parent / "shared" / "data" / "lavote-2022-general"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="tally_bench_relink")
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--feed", type=Path, default=FEED)
    parser.add_argument("--reuse", action="store_true", help="Keep the archive already built.")
    parser.add_argument(
        "--unlinked",
        action="store_true",
        help="Clear every story's links first, so that every story is written (as on a first "
        "link); without, a relink of the archive as linked before, which writes what changed.",
    )
    args = parser.parse_args()
    if not (args.feed / "election_data.json").exists():
        sys.exit(f"bench: no feed at {args.feed}")
    url = bench_database_url(args.name)
    if not (args.reuse and database_exists(url)):
        build(args, url)
    setup_django(url)
    measure(unlinked=args.unlinked)


def build(args, url):
    started = time.perf_counter()
    generate = [sys.executable, "-m", "bench.generate", "--name", args.name, "--force"]
    subprocess.run([*generate, "--stories", str(args.stories), "--no-link"], check=True)
    # The import runs in a process of its own: this one must set Django up only afterwards.
    code = f"from bench.relink import import_county; import_county({str(args.feed)!r})"
    subprocess.run([sys.executable, "-c", code], check=True, env=_env(url))
    print(f"built in {time.perf_counter() - started:.0f} s")


def _env(url):
    from bench.database import django_env

    return django_env(url)


def import_county(feed):
    """Import the whole feed without relinking after each commit: the benchmark relinks."""
    import django

    django.setup()
    from archive import changes
    from desk.importing.registrar.importing import import_folder

    changes.relink_noted = lambda: 0  # archive.changes looks it up by name on each commit
    started = time.perf_counter()
    report = import_folder(Path(feed))
    print(f"imported the county's feed in {time.perf_counter() - started:.0f} s: {report}")


def measure(unlinked=False):
    from django.db import connection

    from archive.models import Article, ArticleCandidate, ArticleElection, ArticleRelease
    from candidates.models import Candidate
    from elections.models import Election, Release

    if unlinked:
        for model in (ArticleCandidate, ArticleElection, ArticleRelease):
            model.objects.all().delete()
        Article.objects.update(body_html="", linked_at=None, candidate_ids=[], election_ids=[])
        print("cleared every story's links: every story is linked and written afresh")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    stories = Article.objects.all()
    count = stories.count()
    print(
        f"archive: {count:,} stories, {Candidate.objects.count():,} candidates, "
        f"{Election.objects.count():,} contests, {Release.objects.count():,} releases"
    )
    started = time.perf_counter()
    linked = stories.relink()
    seconds = time.perf_counter() - started
    print(
        f"relinked {linked:,} stories in {seconds:.1f} s: "
        f"{seconds * 1000 / max(linked, 1):.2f} ms a story (target 2 ms)"
    )
    print(
        f"  links: {ArticleCandidate.objects.count():,} to candidates, "
        f"{ArticleRelease.objects.count():,} to releases"
    )


if __name__ == "__main__":
    main()
