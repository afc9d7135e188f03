"""The real seed stories in ../shared/seeds, for tests that skip when the folder is absent."""

import csv
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.text import slugify

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"

needs_seeds = pytest.mark.skipif(
    not (SEEDS / "manifest.csv").exists(), reason="../shared/seeds is not beside the project"
)


def manifest():
    with open(SEEDS / "manifest.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def save_seed_stories():
    """Save each seed file as a published story with its manifest metadata, as an
    editor pasting it into the admin would; returns {file name: story}."""
    from archive.models import Article

    stories = {}
    for row in manifest():
        body = (SEEDS / row["file"]).read_text(encoding="utf-8")
        story = Article(
            headline=row["headline"],
            slug=slugify(row["headline"])[:200],
            byline=row["byline"],
            body=body,
            status=Article.Status.PUBLISHED,
            published_at=datetime.datetime.fromisoformat(row["published_at"]),
        )
        story.save()
        stories[row["file"]] = story
    return stories
