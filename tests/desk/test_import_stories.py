"""import_stories on files of every shape: a clear outcome for each, nothing half-saved."""

import io

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Publication
from desk.importing.cleaning import is_photo_caption

pytestmark = pytest.mark.django_db

HEADER_STORY = """Title: Council delays the vote on the budget
Date: 2022-11-10T16:30:00-08:00
Byline: Ana Ruiz
Publication: The Daily Ledger
URL: https://ledger.example/budget-vote
Tags: budget; city council

The council put off its budget vote until next week, members said on
Thursday after a long session that ended without agreement.

Share this:

A second paragraph says what happens next.
"""

SCRIPTED_PAGE = """<!doctype html><html><head><title>Ignored title</title>
<meta property="og:title" content="Turnout climbs in the last week of voting">
<meta property="article:published_time" content="2022-11-07T09:15:00-08:00">
<meta name="author" content="Lee Park">
<link rel="canonical" href="https://ledger.example/turnout">
<script>window.tracker = function () { document.write('TRACKER-CODE'); };</script>
<style>body { color: red } .TRACKER-STYLE {}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">NAVIGATION-LINK Politics</a></nav>
<script>alert("SCRIPT-IN-BODY")</script>
<article><h1>Turnout climbs in the last week of voting</h1>
<p>More voters returned their ballots in the final week than in any week before it, the
registrar said on Monday, and lines at vote centers stayed long into the evening.</p>
<script>var x = "SCRIPT-IN-ARTICLE";</script>
<p>Officials expect the count to take several weeks because mail ballots postmarked by
election day can still arrive, and each one must be checked before it is counted.</p>
<p>Campaigns urged supporters who had not yet voted to drop off their ballots in person
rather than mail them, to be sure they are counted on time.</p>
</article>
<footer>Copyright FOOTER-TEXT</footer>
<script src="/app.js"></script><script>console.log("SCRIPT-AT-END")</script>
</body></html>
"""


def run_import(*args):
    """Runs the command; returns (output, failed) where failed is the CommandError, if any."""
    out = io.StringIO()
    try:
        call_command("import_stories", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_header_block_sets_the_metadata(tmp_path):
    (tmp_path / "budget.txt").write_text(HEADER_STORY)
    output, failed = run_import(str(tmp_path))
    assert failed is None, output
    story = Article.objects.get()
    assert story.headline == "Council delays the vote on the budget"
    assert story.byline == "Ana Ruiz"
    assert story.publication.name == "The Daily Ledger"
    assert story.source_url == "https://ledger.example/budget-vote"
    assert sorted(story.tags.names()) == ["budget", "city council"]
    assert story.status == Article.Status.PUBLISHED and not story.needs_review
    assert story.body.startswith("The council put off its budget vote until next week, members")
    assert "Share this" not in story.body
    assert story.body.count("\n\n") == 1


def test_same_url_updates_instead_of_duplicating(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(HEADER_STORY)
    run_import(str(path))
    path.write_text(HEADER_STORY.replace("A second paragraph", "A corrected paragraph"))
    output, _ = run_import(str(path))
    assert "1 updated" in output
    assert Article.objects.get().body.endswith("A corrected paragraph says what happens next.")


def test_same_text_without_url_is_recognised(tmp_path):
    text = "A quiet day at city hall ended with no news at all.\n\nThe end of it."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "copy-of-a.txt").write_text(text + "\n\n")
    output, _ = run_import(str(tmp_path))
    assert "1 created, 0 updated, 1 skipped" in output
    assert Article.objects.count() == 1


def test_html_page_keeps_the_story_and_drops_scripts_styles_and_navigation(tmp_path):
    (tmp_path / "turnout.html").write_text(SCRIPTED_PAGE)
    output, failed = run_import(str(tmp_path))
    assert failed is None, output
    story = Article.objects.get()
    assert story.headline == "Turnout climbs in the last week of voting"
    assert story.byline == "Lee Park"
    assert story.source_url == "https://ledger.example/turnout"
    assert story.published_at.isoformat() == "2022-11-07T17:15:00+00:00"
    assert "More voters returned their ballots" in story.body
    assert "Campaigns urged supporters" in story.body
    for leftover in ("SCRIPT", "TRACKER", "NAVIGATION", "FOOTER", "alert(", "<"):
        assert leftover not in story.body


def test_html_page_of_nothing_but_scripts_fails_cleanly(tmp_path):
    page = "<html><head></head><body>" + "<script>alert(1)</script>" * 500 + "</body></html>"
    (tmp_path / "scripts.html").write_text(page)
    output, failed = run_import(str(tmp_path))
    assert failed is not None
    assert "failed" in output and "no story text found in the HTML page" in output
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "action", "reason"),
    [
        ("empty.txt", b"", "skipped", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "skipped", "only whitespace"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "failed", "binary file"),
        ("latin1.txt", "Caf\u00e9 story\n\nMore.".encode("latin-1"), "failed", "not valid UTF-8"),
    ],
)
def test_bad_files_get_a_clear_outcome(tmp_path, name, content, action, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("A good story about the count.\n\nIt has two paragraphs.")
    output, failed = run_import(str(tmp_path))
    line = next(line for line in output.splitlines() if name in line)
    assert line.startswith(action) and reason in line
    assert (failed is not None) == (action == "failed")
    assert Article.objects.count() == 1  # the good file went on regardless


def test_a_50_mb_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    output, failed = run_import(str(big))
    assert failed is not None
    assert "huge.txt: file is 50.0 MB, over the 10 MB limit" in output
    assert not Article.objects.exists()


def test_a_file_failing_midway_leaves_nothing_behind(tmp_path, monkeypatch):
    (tmp_path / "budget.txt").write_text(HEADER_STORY)

    def broken_linker(story, context=None):
        raise RuntimeError("linker exploded")

    monkeypatch.setattr("archive.linking.link_article", broken_linker)
    output, failed = run_import(str(tmp_path))
    assert failed is not None and "RuntimeError: linker exploded" in output
    assert not Article.objects.exists()
    assert not Publication.objects.exists()


def test_missing_path_and_bad_manifest_date_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("A story with a date in the manifest.\n\nSecond paragraph.")
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,headline,published_at\na.txt,A headline,next Tuesday\n")
    output, failed = run_import(
        str(tmp_path / "a.txt"), str(tmp_path / "nope"), "--manifest", str(manifest)
    )
    assert failed is not None
    assert "cannot read the date 'next Tuesday'" in output
    assert "nope: no such file or folder" in output
    assert not Article.objects.exists()


def test_options_give_defaults_and_draft_holds_back(tmp_path):
    (tmp_path / "a.txt").write_text("Title: A headline\nDate: 2022-11-10\n\nThe body text.")
    run_import(
        str(tmp_path), "--publication", "Wire", "--byline", "Staff", "--tags", "x;y", "--draft"
    )
    story = Article.objects.get()
    assert (story.publication.name, story.byline, story.status) == ("Wire", "Staff", "draft")
    assert sorted(story.tags.names()) == ["x", "y"]


@pytest.mark.parametrize(
    ("line", "is_caption"),
    [
        ("Getty Images", True),
        ("AP", True),
        ("Billionaire candidate has a slight edge in the race. AP", True),
        ("Supporters at a rally downtown. Pool via CNP /MediaPunch", True),
        ("Photo: Jane Doe/The Ledger", True),
        ("As of late Tuesday, the AP reported the race would go to a runoff.", False),
        ("Karen Bass, Rick Caruso locked in tight LA mayor race", False),
        ("He said he had spoken to the AP", False),
    ],
)
def test_photo_captions_are_recognised(line, is_caption):
    assert is_photo_caption(line) == is_caption


def test_progress_bar_on_request_goes_to_stderr(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Story {n} about the count.\n\nSecond paragraph {n}.")
    err = io.StringIO()
    call_command("import_stories", str(tmp_path), "--progress", stdout=io.StringIO(), stderr=err)
    assert "3/3 files" in err.getvalue()


def test_scraped_text_gives_its_headline_byline_and_printed_date(tmp_path):
    (tmp_path / "scraped.txt").write_text(
        "Politics\n\nCouncil backs new bus lanes on Venice Boulevard\n\nBy Jane Doe and Sam Lee\n\n"
        "Published: Nov. 10, 2022 4:30 PM\n\n"
        "The council voted 12 to 2 for the lanes on Thursday, after a debate that ran late.\n"
        "Riders crowded the council chamber.\n\nGetty Images\n\nRelated Posts\n\nOther story\n"
    )
    run_import(str(tmp_path))
    story = Article.objects.get()
    assert story.headline == "Council backs new bus lanes on Venice Boulevard"
    assert story.byline == "Jane Doe and Sam Lee"
    assert story.published_at.isoformat() == "2022-11-11T00:30:00+00:00"
    assert story.status == Article.Status.PUBLISHED and not story.needs_review
    assert story.body == (
        "The council voted 12 to 2 for the lanes on Thursday, after a debate that ran late.\n\n"
        "Riders crowded the council chamber."
    )


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav>menu</nav></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<p>Accept cookies</p></body></html>",
    ],
)
def test_html_page_without_a_story_is_refused_not_saved_as_a_draft(tmp_path, page):
    (tmp_path / "menu.html").write_text(page)
    output, failed = run_import(str(tmp_path))
    assert failed is not None
    assert "failed" in output and "no story text found in the HTML page" in output
    assert not Article.objects.exists()


def test_a_manifest_row_naming_a_file_not_given_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("A story with a date in the manifest.\n\nSecond paragraph.")
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "file,headline,published_at\n"
        "a.txt,A headline,2022-11-10T09:00:00-08:00\n"
        "missing.txt,Another,2022-11-10T09:00:00-08:00\n"
    )
    output, failed = run_import(str(tmp_path / "a.txt"), "--manifest", str(manifest))
    assert failed is not None
    assert "missing.txt: listed in the manifest, but no such file was given" in output
    assert Article.objects.get().headline == "A headline"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Title: A\x00B\n\nA story body.", "binary file, not text or HTML"),
        (
            b"Title: Far future\nDate: 9999-12-31T23:59:59-12:00\n\nA story body.",
            "out of range: the year must be between 1800 and 2999",
        ),
        (b"Title: Far past\nDate: 0001-01-01\n\nA story body.", "out of range"),
    ],
)
def test_a_file_the_database_cannot_hold_fails_with_a_message(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    output, failed = run_import(str(tmp_path))
    assert failed is not None
    assert reason in output
    assert not Article.objects.exists()
