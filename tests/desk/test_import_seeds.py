"""The five seed stories of ../shared/seeds, imported as an editor would import them."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from archive.models import Article, ArticleRelease

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here"),
]

# Lines of site furniture in the seed files; none may reach a story.
BOILERPLATE = [
    "Share the Post:",
    "Related Posts",
    "Leave a comment",
    "Your email address will not be published",
    "Thanks for contacting us",
    "Share Selection",
    "Getty Images",
    "MediaPunch",
    "US News",
]


def run_import(*args):
    out = io.StringIO()
    call_command("import_stories", *args, stdout=out)
    return out.getvalue()


def manifest_rows():
    with (SEEDS / "manifest.csv").open(newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def imported():
    return Article.objects.filter(is_demo=False)


def test_seeds_import_with_the_manifest(demo):
    output = run_import(str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"))
    assert "5 created" in output and "0 failed" in output
    stories = {a.headline: a for a in imported()}
    rows = manifest_rows()
    assert set(stories) == {row["headline"] for row in rows.values()}
    for row in rows.values():
        story = stories[row["headline"]]
        assert story.byline == row["byline"]
        assert story.status == Article.Status.PUBLISHED and not story.needs_review
        assert story.published_at == datetime.datetime.fromisoformat(row["published_at"])
        assert sorted(story.tags.names()) == sorted(row["tags"].split(";"))
        for line in BOILERPLATE:
            assert line.lower() not in story.body.lower(), (row["file"], line)
        assert {"karen-bass", "rick-caruso"} <= set(
            story.candidates.values_list("slug", flat=True)
        ), row["file"]


def test_seeds_quoting_the_nov_10_count_link_to_that_release(demo):
    run_import(str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"))
    quoting = ArticleRelease.objects.filter(
        reason=ArticleRelease.Reason.QUOTED,
        release__election__slug="los-angeles-mayor-2022-11-08",
        release__ballots_counted=1452192,
        article__is_demo=False,
    )
    headlines = set(quoting.values_list("article__headline", flat=True))
    assert headlines == {
        "Bass trims Caruso's lead to under 2,700 votes in Thursday's count",
        "Bass Closes in on Caruso, Confident About Making History with Mayoral Victory",
    }


def test_importing_the_seeds_again_leaves_five(demo):
    run_import(str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"))
    output = run_import(str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"))
    assert imported().count() == 5
    assert "0 created, 0 updated" in output
    assert output.count("unchanged since the last import") == 5


def test_without_the_manifest_seeds_are_drafts_for_review_with_their_own_headlines(db):
    output = run_import(str(SEEDS))
    assert "5 created" in output
    stories = imported()
    assert stories.count() == 5
    assert all(s.status == Article.Status.DRAFT and s.published_at is None for s in stories)
    assert all(s.needs_review for s in stories)
    assert not Article.objects.published().exists()
    headlines = set(stories.values_list("headline", flat=True))
    assert "Karen Bass, Rick Caruso locked in tight LA mayor race" in headlines
    assert "Bass Closes in on Caruso, Confident About Making History with Mayoral Victory" in (
        headlines
    )
    assert stories.get(headline__startswith="Bass Closes").byline == "D.T. Carson"
    provisional = stories.filter(review_note__contains="provisional headline")
    assert provisional.count() == 3


def test_the_manifest_later_publishes_the_drafts_without_duplicating(db):
    run_import(str(SEEDS))
    output = run_import(str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"))
    assert "0 created, 5 updated" in output
    assert imported().count() == 5
    assert Article.objects.published().filter(is_demo=False).count() == 5
    assert not imported().filter(needs_review=True).exists()


def test_dry_run_writes_nothing(db):
    output = run_import(str(SEEDS), "--dry-run")
    assert "Dry run" in output and "5 created" in output
    assert not imported().exists()
