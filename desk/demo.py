"""Load the demo content of desk.demo_data; running it again changes nothing."""

import datetime
from decimal import Decimal

from django.db import transaction

from archive.models import Article, Publication
from candidates.models import Candidate
from desk.demo_data import CANDIDATES, ELECTIONS, PUBLICATION, RELEASES, STORIES
from elections.models import Candidacy, Election, Release, VoteCount


@transaction.atomic
def load_demo():
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
                candidacy=Candidacy.objects.get(candidate=candidates[slug], election=election),
                defaults={
                    "votes": figures.get("votes"),
                    "reported_share": _decimal(figures.get("share")),
                },
            )
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
        created += is_new
    return {"candidates": len(candidates), "elections": len(elections), "stories_created": created}


def _decimal(value):
    return Decimal(value) if value is not None else None
