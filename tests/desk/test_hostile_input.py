"""The desk's doors given every hostile string: both importers and the admin's forms.

An importer may refuse a file, with its message; it never stops on a traceback, and
what it saves is shown escaped. An admin form may refuse a value; it never answers
5xx, and what it shows back or saves is escaped wherever it is shown.
"""

import contextlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from archive.models import Article
from tests import admin_users, factories, hostile
from tests.desk.test_admin_releases import release_form
from tests.desk.test_admin_stories import story_form

pytestmark = pytest.mark.django_db

BARE = hostile.BASE


def check(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"
    found = hostile.payload_in(response.content.decode("utf-8", "replace"))
    assert found is None, f"{what}: {found!r} came back unescaped"


def run(command, *args):
    """The command's output; a refusal (CommandError) is an answer, anything else fails."""
    out = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_stories_takes_hostile_headers_and_bodies(tmp_path, client):
    for number, text in enumerate(BARE):
        one_line = " ".join(text.split()) or "blank"
        (tmp_path / f"story-{number:03d}.txt").write_text(
            f"Title: {one_line}\nDate: {one_line}\nByline: {one_line}\nURL: {one_line}\n"
            f"Tags: {one_line}\n\nA story that says {text} and goes on.\n\nAnd ends.",
            encoding="utf-8",
            errors="surrogatepass",
        )
        (tmp_path / f"dated-{number:03d}.txt").write_text(
            f"Title: Story {number} {one_line}\nDate: 2022-11-10T09:00:00-08:00\n"
            f"Byline: {one_line}\nTags: {one_line}\n\n{text}\n\nSecond paragraph, {text}.",
            encoding="utf-8",
            errors="surrogatepass",
        )
    output = run("import_stories", str(tmp_path))
    assert "failed" in output or "created" in output
    assert Article.objects.exists()
    client.force_login(admin_users.chief())
    for story in Article.objects.all():
        check(client.get(f"/stories/preview/{story.pk}/"), f"preview of {story.headline!r}")
    check(client.get("/admin/archive/article/"), "the story list")
    check(client.get("/"), "the home page")
    check(client.get("/feeds/latest/"), "the feed")


@pytest.mark.parametrize(
    "column",
    [
        "election",
        "released_at",
        "source",
        "source_url",
        "candidate",
        "votes",
        "percent",
        "ballots_counted",
        "ballots_left",
    ],
)
def test_import_results_takes_a_hostile_value_in_every_column(tmp_path, column):
    election = factories.election(slug="river-city-mayor")
    factories.candidacy(election=election, candidate=factories.candidate(slug="ada-okafor"))
    good = {
        "election": "river-city-mayor",
        "released_at": "2022-11-10T09:00:00-08:00",
        "source": "Clerk",
        "source_url": "",
        "candidate": "ada-okafor",
        "votes": "100",
        "percent": "",
        "ballots_counted": "",
        "ballots_left": "",
    }
    for number, text in enumerate(BARE):
        row = {**good, column: text}
        lines = [",".join(good), ",".join(_csv(row[name]) for name in good)]
        path = tmp_path / f"results-{number:03d}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        output = run("import_results", str(path))
        assert output, f"{column}={text!r}: no word from the importer"


def _csv(value):
    return '"' + value.replace('"', '""') + '"'


def test_story_form_takes_hostile_values(client, demo):
    client.force_login(admin_users.chief())
    story = Article.objects.order_by("pk").first()
    for text in BARE:
        everything = story_form(
            story,
            headline=text,
            slug=text,
            dek=text,
            byline=text,
            body=text,
            source_url=text,
            new_tags=text,
            published_at_0=text,
            published_at_1=text,
            review_note=text,
        )
        check(
            client.post(f"/admin/archive/article/{story.pk}/change/", everything),
            f"story form, every field {text!r}",
        )
        words = story_form(story, headline=f"Story {text}"[:300], dek=text, body=f"Body {text}")
        response = client.post(f"/admin/archive/article/{story.pk}/change/", words)
        check(response, f"story form, text fields {text!r}")
        story.refresh_from_db()
        check(client.get(f"/stories/preview/{story.pk}/"), f"story saved with {text!r}")
    check(client.get("/admin/archive/article/"), "the story list")
    check(client.get(f"/admin/archive/article/{story.pk}/history/"), "the story's history")


def test_admin_search_and_filters_take_hostile_strings(client, demo):
    client.force_login(admin_users.chief())
    for text in BARE:
        for url in ("/admin/archive/article/", "/admin/candidates/candidate/"):
            check(client.get(url, {"q": text}), f"{url}?q={text!r}")
        check(
            client.get("/admin/archive/article/", {"candidate": text, "published_at__gte": text}),
            f"story filters {text!r}",
        )
        check(
            client.get(
                "/admin/autocomplete/",
                {
                    "term": text,
                    "app_label": "candidates",
                    "model_name": "candidate",
                    "field_name": "candidate",
                },
            ),
            f"autocomplete {text!r}",
        )


def test_candidate_and_release_forms_take_hostile_values(client, demo):
    from elections.models import Election

    client.force_login(admin_users.chief())
    election = Election.objects.get(slug="los-angeles-mayor-2022-11-08")
    candidacies = list(election.candidacies.all())
    when = timezone.now() - timezone.timedelta(hours=1)
    for number, text in enumerate(BARE):
        check(
            client.post(
                "/admin/candidates/candidate/add/",
                {
                    "name": text,
                    "slug": text,
                    "press_names": text,
                    "bio": text,
                    "party_preference": text,
                    "occupation": text,
                },
            ),
            f"candidate form {text!r}",
        )
        check(
            client.post(
                "/admin/candidates/candidate/add/",
                {"name": f"Hostile {text}"[:200], "slug": f"hostile-{number}", "bio": text},
            ),
            f"candidate form, saved {text!r}",
        )
        rows = [(candidacy, text, text) for candidacy in candidacies]
        check(
            client.post(
                f"/admin/elections/release/add/?election={election.pk}",
                release_form(
                    election,
                    rows,
                    when,
                    source=text,
                    source_url=text,
                    ballots_counted=text,
                    released_at_0=text,
                    notes=text,
                ),
            ),
            f"release form {text!r}",
        )
    check(client.get("/admin/candidates/candidate/"), "the candidate list")
    check(client.get("/candidates/"), "the candidates page")
