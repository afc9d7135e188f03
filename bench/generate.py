"""Build a synthetic archive in its own database, for benchmarks.

    .venv/bin/python -m bench.generate --force                  # the full archive
    .venv/bin/python -m bench.generate --force --stories 2000   # a quick trial

Creates (with --force, recreates) the database `tally_bench` on the project's
server, migrates it, and fills it with COPY: candidates with press names
(surnames shared on purpose), elections over ten years with 3 to 8 candidacies,
releases with growing vote_counts, published stories of 400 to 900 words that name
candidates as the press does and quote exact figures of their election's
releases, and tags. Then it links every story with `manage.py relink`. One
seed gives one archive. Later benchmarks import bench_database_url,
setup_django and FREQUENCY_TERMS from here.
"""

import argparse
import bisect
import datetime as dt
import math
import random
import subprocess
import sys
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

from bench import names
from bench.database import (
    DEFAULT_NAME,
    bench_database_url,
    create_database,
    database_exists,
    django_env,
    setup_django,
)
from bench.prose import FREQUENCY_TERMS, Person, StoryWriter, paragraphs_html

__all__ = ["FREQUENCY_TERMS", "bench_database_url", "database_exists", "setup_django", "main"]

LOCAL = ZoneInfo("America/Los_Angeles")
# Fixed, so that a seed always gives the same archive; every story is published before it.
ANCHOR = dt.datetime(2026, 11, 20, 12, 0, tzinfo=LOCAL)
CYCLES = [
    ("2016-06-07", "2016-11-08", "general"),
    ("2017-03-07", "2017-05-16", "runoff"),
    ("2018-06-05", "2018-11-06", "general"),
    ("2020-03-03", "2020-11-03", "general"),
    ("2022-06-07", "2022-11-08", "general"),
    ("2024-03-05", "2024-11-05", "general"),
    ("2026-06-02", "2026-11-03", "general"),
]
COUNT_DAYS = 28


class Timer:
    def __init__(self):
        self.start = self.last = time.perf_counter()

    def lap(self, what):
        now = time.perf_counter()
        print(f"  {what:<44} {now - self.last:8.1f} s", flush=True)
        self.last = now


# --- the world: candidates, elections, candidacies, releases --------------------------------


def make_candidates(rng, count):
    from django.utils.text import slugify

    seen_names, slugs, candidates = set(), set(), []
    while len(candidates) < count:
        first = rng.choice(names.FIRST_NAMES)
        roll = rng.random()
        if roll < 0.15:
            surname = rng.choice(names.COMMON_SURNAMES)
        elif roll < 0.18:
            surname = rng.choice(names.COMPOUND_SURNAMES)
        else:
            surname = rng.choice(names.SURNAMES)
        accented = names.ACCENTED.get(surname)
        if accented and rng.random() < 0.6:
            surname, plain = accented, surname
        else:
            plain = None
        name = f"{first} {surname}"
        if name in seen_names:
            continue
        seen_names.add(name)
        slug = base = slugify(name)
        n = 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        occupation, title = rng.choice(names.OCCUPATIONS)
        title_form = f"{title} {name}" if title else None
        nick = names.NICKNAMES.get(first)
        nickname_form = f"{nick} {surname}" if nick and rng.random() < 0.7 else None
        press = [f for f in (title_form, nickname_form) if f]
        if plain:
            press.append(f"{first} {plain}")
        press.append(surname)
        candidates.append(
            {
                "id": len(candidates) + 1,
                "name": name,
                "slug": slug,
                "press_names": press,
                "bio": f"{occupation} who has run for office in California.",
                "party_preference": rng.choices(names.PARTIES, names.PARTY_WEIGHTS)[0],
                "occupation": occupation,
                "person": Person(name, surname, title_form, nickname_form),
            }
        )
    return candidates


def _electorate(rng, sizes, jurisdiction, office):
    base = sizes[jurisdiction]
    if "District" in office:
        base //= 12 if "Council" in office else 5
    return max(8_000, int(base * rng.uniform(0.85, 1.15)))


def make_elections(rng, count):
    """Primaries with their generals across seven cycles, and specials; sorted by date."""
    from django.utils.text import slugify

    sizes = {city: rng.randint(60_000, 900_000) for city in names.CITIES}
    sizes["Los Angeles"] = 1_300_000
    sizes.update({county: rng.randint(1_200_000, 3_500_000) for county in names.COUNTIES})
    contests = [(c, o) for c in names.CITIES for o in names.CITY_OFFICES] + [
        (c, o) for c in names.COUNTIES for o in names.COUNTY_OFFICES
    ]
    specials = max(1, count // 10)
    pairs = (count - specials) // 2
    specials = count - 2 * pairs
    taken, elections = set(), []

    def add(jurisdiction, office, date, stage, follows=None):
        taken.add((jurisdiction, office, date))
        turnout = 0.6 if stage in ("general", "runoff") else 0.38
        elections.append(
            {
                "jurisdiction": jurisdiction,
                "office": office,
                "date": date,
                "stage": stage,
                "slug": slugify(f"{jurisdiction} {office} {date.isoformat()}"),
                "follows": follows,
                "electorate": int(_electorate(rng, sizes, jurisdiction, office) * turnout),
            }
        )
        return elections[-1]

    for i in range(pairs):
        primary_day, general_day, stage = CYCLES[i % len(CYCLES)]
        primary_day = dt.date.fromisoformat(primary_day)
        general_day = dt.date.fromisoformat(general_day)
        while True:
            jurisdiction, office = rng.choice(contests)
            if (jurisdiction, office, primary_day) not in taken:
                break
        primary = add(jurisdiction, office, primary_day, "primary")
        add(jurisdiction, office, general_day, stage, follows=primary)
    first, last = dt.date(2016, 2, 2), dt.date(2027, 3, 2)
    while specials:
        day = first + dt.timedelta(days=rng.randrange((last - first).days))
        day += dt.timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday
        jurisdiction, office = rng.choice(contests)
        if (jurisdiction, office, day) in taken:
            continue
        add(jurisdiction, office, day, "special")
        specials -= 1
    elections.sort(key=lambda e: (e["date"], e["slug"]))
    for number, election in enumerate(elections, 1):
        election["id"] = number
        election["night"] = dt.datetime.combine(election["date"], dt.time(20, 30), LOCAL)
    return elections


def plan_releases(rng, elections, total):
    """How many releases each election gets: in proportion to its size, all of `total`."""
    counted = [e for e in elections if e["night"] < ANCHOR]
    weights = [math.sqrt(e["electorate"]) * rng.uniform(0.6, 1.4) for e in counted]
    scale = total / sum(weights)
    plan = [max(1, int(w * scale)) for w in weights]
    i = 0
    while sum(plan) != total:
        step = 1 if sum(plan) < total else -1
        if plan[i % len(plan)] + step >= 1:
            plan[i % len(plan)] += step
        i += 1
    for election in elections:
        election["release_count"] = 0
    for election, n in zip(counted, plan, strict=True):
        election["release_count"] = n


def cast(rng, elections, candidates, total_releases):
    """Candidacies, releases and vote_counts, election by election in date order."""
    plan_releases(rng, elections, total_releases)
    fresh = list(range(len(candidates)))
    rng.shuffle(fresh)
    # Sizes that use every candidate at least once where the numbers allow.
    sizes = {}
    for e in elections:
        sizes[e["id"]] = rng.randint(1, 3) if e["follows"] else rng.randint(3, 8)
    demand = sum(sizes.values())
    ids = [e["id"] for e in elections]
    while demand < len(candidates):
        eid = rng.choice(ids)
        limit = 6 if any(e["id"] == eid and e["follows"] for e in elections) else 8
        if sizes[eid] < limit:
            sizes[eid] += 1
            demand += 1
        if all(sizes[i] >= 6 for i in ids):
            break

    holders, by_place = {}, {}
    candidacies, releases, vote_counts = [], [], []
    for e in elections:
        place_key = (e["jurisdiction"], e["office"])
        chosen, incumbent = [], None
        if e["follows"]:
            chosen = [c["candidate"] for c in e["follows"]["advanced"]]
        elif place_key in holders and rng.random() < 0.7:
            incumbent = holders[place_key]
            chosen.append(incumbent)
        for _ in range(sizes[e["id"]] - (1 if incumbent is not None else 0)):
            if fresh:
                pick = fresh.pop()
            else:
                pool = [c for c in by_place.get(e["jurisdiction"], []) if c not in chosen]
                pick = rng.choice(pool) if pool else rng.randrange(len(candidates))
            if pick not in chosen:
                chosen.append(pick)
        while len(chosen) < 3:
            pick = rng.randrange(len(candidates))
            if pick not in chosen:
                chosen.append(pick)
        by_place.setdefault(e["jurisdiction"], []).extend(chosen)
        e["candidacies"] = []
        for index in chosen:
            candidacy = {
                "id": len(candidacies) + 1,
                "candidate_id": index + 1,
                "candidate": index,
                "election_id": e["id"],
                "ballot_designation": candidates[index]["occupation"],
                "is_incumbent": index == incumbent,
                "outcome": "pending",
                "share": rng.gammavariate(1.6, 1.0) * (1.6 if index == incumbent else 1.0),
                "drift": rng.gauss(0, 0.35),
            }
            candidacies.append(candidacy)
            e["candidacies"].append(candidacy)
        _count(rng, e, releases, vote_counts)
        _decide(e, holders, place_key)
    return candidacies, releases, vote_counts


def _count(rng, e, releases, vote_counts):
    """Releases of one election: ballots counted grow, each candidate's votes never fall."""
    n = e["release_count"]
    e["releases"] = []
    if not n:
        return
    counting = e["night"] + dt.timedelta(days=COUNT_DAYS) > ANCHOR
    end = min(e["night"] + dt.timedelta(days=COUNT_DAYS), ANCHOR - dt.timedelta(hours=2))
    span = (end - e["night"]).total_seconds()
    final_share = rng.uniform(0.72, 0.9) if counting else 1.0
    shares_only = rng.random() < 0.05
    total_share = sum(c["share"] for c in e["candidacies"])
    votes = {c["id"]: 0 for c in e["candidacies"]}
    previous_time, previous_valid = None, 0
    for i in range(n):
        t = i / (n - 1) if n > 1 else 1.0
        released = e["night"] + dt.timedelta(seconds=int(span * t**2.2) // 60 * 60)
        if previous_time and released <= previous_time:
            released = previous_time + dt.timedelta(minutes=7)
        previous_time = released
        counted = int(e["electorate"] * final_share * (0.35 + 0.65 * t**0.6))
        estimate = int(e["electorate"] * (1 + 0.06 * (1 - t) * rng.uniform(-1, 1)))
        is_final = not counting and i == n - 1
        remaining = 0 if is_final else max(0, estimate - counted)
        pct = Decimal(100) if is_final else Decimal(min(100.0, 100 * counted / estimate))
        valid = int(counted * 0.96)
        weights = {
            c["id"]: max(0.01, c["share"] / total_share * (1 + c["drift"] * t))
            for c in e["candidacies"]
        }
        weight_sum = sum(weights.values())
        for cid, w in weights.items():
            votes[cid] += round((valid - previous_valid) * w / weight_sum)
        previous_valid = valid
        only_share = shares_only and i == 0 and n > 1
        release = {
            "id": len(releases) + 1,
            "election_id": e["id"],
            "number": i + 1,  # releases come in time order, so in the numbers they keep
            "released_at": released,
            "source": f"{e['jurisdiction']} election officials",
            "source_url": f"https://results.example/{e['slug']}/{i + 1}",
            "ballots_counted": None if only_share else counted,
            "ballots_remaining": None if only_share else remaining,
            "expected_vote_pct": pct.quantize(Decimal("0.01")),
            "is_final": is_final,
            "notes": "Shares only, as first reported." if only_share else "",
            "votes": None if only_share else dict(votes),
        }
        releases.append(release)
        e["releases"].append(release)
        for cid, v in votes.items():
            share = Decimal(100 * v / max(1, sum(votes.values()))).quantize(Decimal("0.001"))
            vote_counts.append(
                {
                    "id": len(vote_counts) + 1,
                    "release_id": release["id"],
                    "candidacy_id": cid,
                    "votes": None if only_share else v,
                    "reported_share": share if only_share else None,
                }
            )
    e["release_times"] = [r["released_at"] for r in e["releases"]]
    e["final_votes"] = votes


def _decide(e, holders, place_key):
    e["advanced"] = []
    if not e["releases"]:
        e["status"] = "scheduled"
        return
    ranked = sorted(e["candidacies"], key=lambda c: -e["final_votes"][c["id"]])
    e["ranked"] = ranked
    if not e["releases"][-1]["is_final"]:
        e["status"] = "counting"
        e["advanced"] = ranked[:2]
        return
    e["status"] = "certified"
    if e["stage"] == "primary":
        e["advanced"] = ranked[:2]
        for c in ranked:
            c["outcome"] = "advanced" if c in e["advanced"] else "defeated"
    else:
        for c in ranked:
            c["outcome"] = "elected" if c is ranked[0] else "defeated"
        holders[place_key] = ranked[0]["candidate"]


# --- stories ----------------------------------------------------------------------------------


SHORT_OFFICES = {
    "Mayor": "mayor",
    "City Attorney": "city attorney",
    "City Controller": "controller",
    "City Council": "council",
    "Board of Supervisors": "supervisor",
    "Sheriff": "sheriff",
    "District Attorney": "district attorney",
    "Assessor": "assessor",
}


def _election_words(e):
    office = e["office"]
    short = SHORT_OFFICES[office.split(" District ")[0]]
    return {
        "place": e["jurisdiction"],
        "office": office if " District " in office else office.lower(),
        "short_office": short,
        "office_tag": short[0].upper() + short[1:],
        "stage_word": {"special": "special election"}.get(e["stage"], e["stage"]),
        "date_text": f"{e['date']:%B} {e['date'].day}, {e['date'].year}",
    }


def stories(rng, elections, candidates, count, drafts):
    """Yield (article row, tag names) for `count` published stories, then drafts."""
    from django.utils.text import slugify

    writer = StoryWriter(rng)
    eligible = [e for e in elections if e["night"] - dt.timedelta(days=100) < ANCHOR]
    weights = [math.sqrt(e["electorate"]) for e in eligible]
    for e in eligible:
        e["words"] = _election_words(e)
    reporters = [f"{f} {s}" for f in names.REPORTER_FIRST for s in names.REPORTER_LAST]
    created = ANCHOR - dt.timedelta(days=1)
    for number in range(1, count + drafts + 1):
        e = rng.choices(eligible, weights)[0]
        in_count = bool(e["releases"]) and rng.random() < 0.45
        if in_count:
            start = e["releases"][0]["released_at"]
            stop = min(e["releases"][-1]["released_at"] + dt.timedelta(days=2), ANCHOR)
        else:
            start = e["night"] - dt.timedelta(days=100)
            stop = min(e["night"] - dt.timedelta(hours=10), ANCHOR)
        published = start + (stop - start) * rng.random()
        published = published.replace(microsecond=0) - dt.timedelta(minutes=1)
        at = bisect.bisect_right(e.get("release_times", []), published) - 1
        latest = e["releases"][at] if in_count and at >= 0 else None

        if in_count and latest is not None:
            kind = rng.choices(["results", "analysis", "final"], [60, 25, 15])[0]
            if kind == "final" and not latest["is_final"]:
                kind = "results"
            order = sorted(e["candidacies"], key=lambda c: -(latest["votes"] or {}).get(c["id"], 0))
        else:
            kind = rng.choices(
                ["campaign", "debate", "endorsement", "fundraising", "poll"], [40, 15, 15, 15, 15]
            )[0]
            order = sorted(e["candidacies"], key=lambda c: -c["share"])
        # Front-runners in every story; any other candidate now and then, so all get stories.
        mentioned = order[:2] + [c for c in order[2:] if rng.random() < 0.3][:2]
        people = [candidates[c["candidate"]]["person"] for c in mentioned]

        release = None
        if latest is not None and kind != "analysis" or (kind == "analysis" and rng.random() < 0.3):
            quoted = latest
            if quoted is not None and rng.random() < 0.2 and at > 0:
                quoted = e["releases"][rng.randrange(at)]
            if quoted is not None and quoted["votes"]:
                figures = sorted(
                    (
                        (candidates[c["candidate"]]["person"], quoted["votes"][c["id"]])
                        for c in e["candidacies"]
                    ),
                    key=lambda pair: -pair[1],
                )
                release = {
                    "figures": figures,
                    "local_time": quoted["released_at"].astimezone(LOCAL),
                    "ballots_counted": quoted["ballots_counted"],
                    "ballots_remaining": quoted["ballots_remaining"],
                }
        terms = [t for t, share in FREQUENCY_TERMS.items() if rng.random() < share]
        headline, dek, body, tags = writer.write(
            kind, e["words"], people, release=release, terms=terms
        )
        is_draft = number > count
        slug = f"{slugify(headline)[:150].strip('-')}-{number}"
        publication = rng.randrange(len(names.PUBLICATIONS))
        domain = names.PUBLICATIONS[publication][1]
        local = published.astimezone(LOCAL)
        row = {
            "id": number,
            "headline": headline,
            "slug": slug,
            "dek": dek,
            "byline": rng.choice(reporters),
            "publication_id": publication + 1,
            "published_at": None if is_draft else published,
            "updated_at": published if not is_draft else created,
            "created_at": published - dt.timedelta(minutes=rng.randint(20, 600)),
            "body": body,
            "body_html": paragraphs_html(body),
            "linked_at": None,
            "source_url": f"https://{domain}/{local:%Y/%m/%d}/{slug}",
            "status": "draft" if is_draft else "published",
            "needs_review": False,
            "review_note": "",
            "is_demo": False,
        }
        yield row, tags


# --- loading -----------------------------------------------------------------------------------


def copy_rows(model, rows):
    """COPY dict rows into model's table; absent columns get the field's default."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
    columns = [f.column for f in fields]
    defaults = {f.column: f.get_default() for f in fields}
    names_sql = ", ".join(f'"{c}"' for c in columns)
    connection.ensure_connection()
    written = 0
    statement = f'COPY "{model._meta.db_table}" ({names_sql}) FROM STDIN'
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row.get(c, defaults[c]) for c in columns])
            written += 1
    return written


def without_indexes(table):
    """Drop table's plain indexes (not keys or unique ones) and return their definitions."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname "
            "JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.tablename = %s AND NOT x.indisunique",
            [table],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def load(args, timer):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils.text import slugify
    from taggit.models import Tag, TaggedItem

    from archive.models import Article, Publication
    from candidates.models import Candidate
    from elections.models import Candidacy, Election, Release, VoteCount

    rng = random.Random(args.seed)
    candidates = make_candidates(rng, args.candidates)
    elections = make_elections(rng, args.elections)
    candidacies, releases, vote_counts = cast(rng, elections, candidates, args.releases)
    timer.lap(f"planned {len(candidacies):,} candidacies, {len(vote_counts):,} vote_counts")

    with transaction.atomic():
        copy_rows(Candidate, candidates)
        copy_rows(
            Election,
            ({**e, "follows_id": e["follows"]["id"] if e["follows"] else None} for e in elections),
        )
        copy_rows(Candidacy, candidacies)
        copy_rows(Release, releases)
        copy_rows(VoteCount, vote_counts)
        copy_rows(
            Publication,
            (
                {"id": i, "name": name, "slug": slugify(name), "url": f"https://{domain}/"}
                for i, (name, domain) in enumerate(names.PUBLICATIONS, 1)
            ),
        )
    timer.lap(
        f"{len(candidates):,} candidates, {len(elections)} elections, {len(releases):,} releases"
    )

    dropped = without_indexes(Article._meta.db_table)
    tag_ids, tagged = {}, []

    def article_rows():
        for row, tags in stories(rng, elections, candidates, args.stories, args.drafts):
            for tag in tags:
                tagged.append((tag_ids.setdefault(tag, len(tag_ids) + 1), row["id"]))
            yield row

    with transaction.atomic():
        written = copy_rows(Article, article_rows())
    timer.lap(f"{args.stories:,} published stories and {args.drafts} drafts ({written:,} rows)")

    article_type = ContentType.objects.get_for_model(Article)
    with transaction.atomic():
        copy_rows(Tag, ({"id": i, "name": t, "slug": slugify(t)} for t, i in tag_ids.items()))
        copy_rows(
            TaggedItem,
            (
                {"id": n, "tag_id": t, "object_id": a, "content_type_id": article_type.id}
                for n, (t, a) in enumerate(tagged, 1)
            ),
        )
    timer.lap(f"{len(tag_ids)} tags, {len(tagged):,} taggings")

    with connection.cursor() as cursor:
        for definition in dropped:
            cursor.execute(definition)
        timer.lap(f"rebuilt {len(dropped)} story indexes")
        for model in (
            Candidate,
            Election,
            Candidacy,
            Release,
            VoteCount,
            Publication,
            Article,
            Tag,
            TaggedItem,
        ):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT max(id) FROM "{table}"), 1))'
            )
        cursor.execute("VACUUM ANALYZE")
    timer.lap("sequences set, VACUUM ANALYZE")


def relink(url, timer, jobs=1):
    """Link the stories with the project's own engine, in `jobs` processes over id ranges."""
    from django.core.management import get_commands

    from archive.models import Article

    if "relink" not in get_commands():
        print("  `manage.py relink` does not exist yet: stories keep plain escaped bodies,")
        print("  with no link rows. Run it later against this database:")
        print(f"    DATABASE_URL='{url}' DEBUG=true .venv/bin/python manage.py relink")
        return False
    base = [sys.executable, "manage.py", "relink"]
    if jobs <= 1:
        commands = [base]
    else:
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        size = math.ceil(len(ids) / jobs)
        commands = [base + [str(i) for i in ids[n : n + size]] for n in range(0, len(ids), size)]
    processes = [subprocess.Popen(command, env=django_env(url)) for command in commands]
    codes = [p.wait() for p in processes]
    if any(codes):
        raise SystemExit(f"bench: `manage.py relink` failed with codes {codes}")
    timer.lap(f"manage.py relink (all stories, {len(commands)} processes)")
    # Bulk loading announces nothing: the contests' counts are stored as a change would.
    subprocess.run([sys.executable, "manage.py", "store_counts"], env=django_env(url), check=True)
    timer.lap("manage.py store_counts (every contest)")
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default=DEFAULT_NAME, help="database name (default %(default)s)")
    parser.add_argument("--database-url", help="full URL of the database to build instead")
    parser.add_argument("--force", action="store_true", help="drop and recreate the database")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--elections", type=int, default=200)
    parser.add_argument("--releases", type=int, default=20_000)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--drafts", type=int, default=100, help="unpublished stories besides")
    parser.add_argument("--no-link", action="store_true", help="skip `manage.py relink`")
    parser.add_argument("--link-jobs", type=int, default=1, help="relink processes in parallel")
    args = parser.parse_args(argv)
    if args.elections < 4 or args.candidates < 8 or args.releases < args.elections:
        parser.error("need 4+ elections, 8+ candidates and at least one release per election")

    url = bench_database_url(args.name, args.database_url)
    print(f"bench: building {url}")
    timer = Timer()
    create_database(url, force=args.force)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    timer.lap("created and migrated")
    load(args, timer)
    if not args.no_link:
        relink(url, timer, jobs=args.link_jobs)
    print(f"bench: done in {time.perf_counter() - timer.start:.1f} s")


if __name__ == "__main__":
    main()
