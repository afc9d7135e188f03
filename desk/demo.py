"""Load the demo content of desk.demo_data, and the 2022 general's counts from the registrar's
own feed shipped beside it; running it again changes nothing."""

import datetime
import tarfile
import tempfile
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction

from archive.models import Article, Correction, Publication
from candidates.models import Candidate
from desk.demo_data import (
    CANDIDATES,
    ELECTIONS,
    FEED,
    FEED_FOLDER,
    MAYOR_CONTEST,
    PUBLICATION,
    RELEASES,
    STORIES,
)
from desk.importing.registrar.importing import import_folder
from elections.models import Candidacy, Election, Release, VoteCount

WHOLE_COUNTY, MAYOR_ONLY, NO_FEED = "whole county", "mayor only", "no feed"


def load_demo(feed=WHOLE_COUNTY):
    """Load the demo. feed=MAYOR_ONLY stores only the mayor's race from the registrar's feed
    (the tests' quick demo: the feed's 430 contests take seconds each time); NO_FEED leaves
    the feed out, for tests of its importer."""
    elections = _load_races()
    feed = _load_feed(feed == MAYOR_ONLY) if feed != NO_FEED else None
    if feed is not None:
        # Thousands of rows just written: give the planner their statistics now rather than
        # when autovacuum comes round, so that the first pages are planned from them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _mark_certified_counts_final(elections.values())
    _load_releases(elections)
    created = _load_stories()
    return {
        "candidates": len(CANDIDATES),
        "elections": len(elections),
        "stories_created": created,
        "feed": feed,
    }


@transaction.atomic
def _load_races():
    candidates = {
        row["slug"]: Candidate.objects.update_or_create(
            slug=row["slug"], defaults={**row, "is_demo": True}
        )[0]
        for row in CANDIDATES
    }
    elections = {}
    for row in ELECTIONS:
        election, _ = Election.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "office": "Mayor",
                "jurisdiction": "Los Angeles",
                "date": datetime.date.fromisoformat(row["date"]),
                "stage": row["stage"],
                "status": row["status"],
                "follows": elections.get(row["follows"]),
                "ballot_size": row.get("ballot_size", 0),
                "is_demo": True,
            },
        )
        elections[row["slug"]] = election
        for slug, outcome in row["candidacies"].items():
            Candidacy.objects.update_or_create(
                candidate=candidates[slug],
                election=election,
                defaults={"outcome": outcome, "is_incumbent": row.get("incumbent") == slug},
            )
    return elections


def _load_feed(mayor_only):
    """The registrar's feed, unpacked and imported as import_registrar would: each release in
    its own transaction, the demo's mayor's race matched rather than made again."""
    archive = Path(__file__).parent / FEED
    with tempfile.TemporaryDirectory(prefix="tally-demo-") as folder:
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
        keep = (lambda contest: contest.title == MAYOR_CONTEST) if mayor_only else None
        return import_folder(Path(folder) / FEED_FOLDER, keep=keep)


@transaction.atomic
def _mark_certified_counts_final(elections):
    """The feed never says its count is certified. The demo knows the 2022 general was: the
    registrar certified the county's canvass with the feed's last release (Dec. 5, 2022), so
    every contest of that day is certified and its last release from the feed is final."""
    days = Election.objects.filter(
        pk__in=[e.pk for e in elections], status=Election.Status.CERTIFIED
    ).values("election_day")
    contests = Election.objects.filter(election_day__in=days)
    contests.exclude(status=Election.Status.CERTIFIED).update(status=Election.Status.CERTIFIED)
    # The ids in hand, not a subquery of a subquery: on a database that has just taken the
    # feed and has no statistics yet (the embedded one, a test run's), PostgreSQL planned
    # that nesting so badly it ran for many minutes.
    contest_ids = list(contests.values_list("pk", flat=True))
    last = (
        Release.objects.filter(election_id__in=contest_ids, feed_release__isnull=False)
        .order_by("election_id", "-released_at")
        .distinct("election_id")
        .values_list("pk", flat=True)
    )
    Release.objects.filter(pk__in=list(last), is_final=False).update(is_final=True)


@transaction.atomic
def _load_releases(elections):
    for row in RELEASES:
        election = elections[row["election"]]
        release, _ = Release.objects.update_or_create(
            election=election,
            released_at=datetime.datetime.fromisoformat(row["released_at"]),
            defaults={
                "source": row["source"],
                "notes": row["notes"],
                "ballots_counted": row.get("ballots_counted"),
                "ballots_remaining": row.get("ballots_remaining"),
                "expected_vote_pct": _decimal(row.get("expected_vote_pct")),
            },
        )
        for slug, figures in row["vote_counts"].items():
            VoteCount.objects.update_or_create(
                release=release,
                candidacy=Candidacy.objects.get(candidate__slug=slug, election=election),
                defaults={
                    "votes": figures.get("votes"),
                    "reported_share": _decimal(figures.get("share")),
                },
            )


@transaction.atomic
def _load_stories():
    publication, _ = Publication.objects.update_or_create(
        slug=PUBLICATION["slug"], defaults={"name": PUBLICATION["name"]}
    )
    created = 0
    for row in STORIES:
        story, is_new = Article.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "headline": row["headline"],
                "dek": row["dek"],
                "body": "\n\n".join(row["body"]),
                "published_at": datetime.datetime.fromisoformat(row["published_at"]),
                "status": Article.Status.PUBLISHED,
                "publication": publication,
                "byline": "Tally demo desk",
                "is_demo": True,
            },
        )
        story.tags.set(row["tags"])
        for correction in row.get("corrections", []):
            Correction.objects.update_or_create(
                article=story,
                published_at=datetime.datetime.fromisoformat(correction["published_at"]),
                defaults={"kind": correction["kind"], "text": correction["text"]},
            )
        created += is_new
    return created


def _decimal(value):
    return Decimal(value) if value is not None else None
