"""Benchmark: import_stories on 10,000 generated text files, and on the five seed stories.

    .venv/bin/python -m bench.import_stories [--count 10000] [--keep]

Runs against a throwaway database (tally_bench_import) on the project's own server, created with
the schema and the demo candidates and releases (so the linker has work to do), then dropped. It
prints stories per second; not a test, so no figure here can fail a build.
"""

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT.parent / "shared" / "seeds"

NAMES = ["Karen Bass", "Rick Caruso", "Austin Beutner", "Rae Huang", "Asaad Alnajjar"]
TOPICS = ["homelessness", "transit", "housing", "the budget", "policing", "wildfire recovery"]
PLACES = ["Van Nuys", "Boyle Heights", "Venice", "Koreatown", "San Pedro", "Highland Park"]


def server_url(name):
    """The bench database on the server the project uses (DATABASE_URL, else the embedded one)."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL")
    if url:
        db = dj_database_url.parse(url)
    else:
        from config.embedded_db import connection_settings

        db = connection_settings()
    user = quote(db.get("USER") or "", safe="")
    password = quote(str(db.get("PASSWORD") or ""), safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = quote(str(db.get("HOST") or "localhost"), safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return db, f"postgres://{auth}{host}{port}/{name}"


def admin(db, sql_text, name):
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql.SQL(sql_text).format(sql.Identifier(name)))


def story_text(n, rng):
    a, b = rng.sample(NAMES, 2)
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    votes = rng.randint(1000, 400000)
    paragraphs = [
        f"{a} spoke about {topic} in {place} on story day {n}, and said {b} had no plan for it.",
        f"The campaign said {votes:,} voters had been reached by volunteers so far this month.",
        *(
            f"{rng.choice(NAMES)} answered questions on {rng.choice(TOPICS)} for "
            f"{rng.randint(5, 90)} minutes in {rng.choice(PLACES)}."
            for _ in range(rng.randint(3, 8))
        ),
        "Share the Post:",
        "Related Posts",
    ]
    if n % 2:
        day = 1 + n % 28
        header = (
            f"Title: {a} talks {topic} in {place} ({n})\nDate: 2022-10-{day:02d}T10:00:00-07:00\n"
        )
        return header + "\n" + "\n\n".join(paragraphs[:-2]) + "\n"
    return f"{a} and {b} on {topic} ({n})\n\n" + "\n".join(paragraphs) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--database", default="tally_bench_import")
    parser.add_argument("--keep", action="store_true", help="Leave the database for a look.")
    args = parser.parse_args()
    if args.database in {"tally", "postgres", "template0", "template1"}:
        sys.exit(f"bench: refusing to use the database {args.database!r}")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    db, url = server_url(args.database)
    admin(db, "DROP DATABASE IF EXISTS {} WITH (FORCE)", args.database)
    admin(db, "CREATE DATABASE {}", args.database)
    os.environ.update(
        DATABASE_URL=url,
        DEBUG="false",
        SECRET_KEY="bench-" + secrets.token_hex(24),
        ALLOWED_HOSTS="127.0.0.1",
    )
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin(db, "DROP DATABASE IF EXISTS {} WITH (FORCE)", args.database)


def run(args):
    import django

    django.setup()
    from django.core.management import call_command

    from archive.models import Article
    from desk.importing.manifest import read_manifest
    from desk.importing.run import Options, import_paths

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    if SEEDS.is_dir():
        started = time.perf_counter()
        outcomes = import_paths([SEEDS], Options(manifest=read_manifest(SEEDS / "manifest.csv")))
        seconds = time.perf_counter() - started
        created = sum(o.action == "created" for o in outcomes)
        print(f"five seed stories: {created} created in {seconds:.2f} s")
    else:
        print(f"five seed stories: skipped, {SEEDS} is absent")

    rng = random.Random(2022)
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.count):
            Path(folder, f"{n:05d}.txt").write_text(story_text(n, rng))
        before = Article.objects.count()
        started = time.perf_counter()
        outcomes = import_paths([folder], Options())
        seconds = time.perf_counter() - started
    created = Article.objects.count() - before
    failed = [o for o in outcomes if o.action == "failed"]
    print(
        f"{args.count:,} generated files: {created:,} stories created in {seconds:.1f} s, "
        f"{created / seconds:.0f} stories/s ({len(failed)} failed)"
    )
    for outcome in failed[:5]:
        print(f"  failed {outcome.path.name}: {outcome.reason}")


if __name__ == "__main__":
    main()
