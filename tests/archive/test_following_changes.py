"""Stories follow what they link to, whoever changes it: a script, an importer or the admin.

Each change is made the way a script in `manage.py shell` would make it, outside the
admin; the changes are committed (django_capture_on_commit_callbacks runs what waits
for the commit), and the story's stored links and linked text follow.
"""

import datetime

import pytest
from django.utils import timezone

from archive import changes, linking
from archive.models import Article, ArticleCandidate, ArticleRelease
from elections.models import Release, VoteCount
from tests import admin_users, factories

pytestmark = pytest.mark.django_db

TUESDAY = timezone.make_aware(datetime.datetime(2022, 11, 8, 22, 0))
THURSDAY = timezone.make_aware(datetime.datetime(2022, 11, 10, 16, 0))


@pytest.fixture
def race():
    election = factories.election(date=datetime.date(2022, 11, 8), slug="river-city-mayor")
    ada = factories.candidacy(
        election=election, candidate=factories.candidate(name="Ada Okafor", slug="ada-okafor")
    )
    ben = factories.candidacy(
        election=election, candidate=factories.candidate(name="Ben Lund", slug="ben-lund")
    )
    return election, ada, ben


def quoting_story(**kw):
    kw.setdefault("published_at", THURSDAY + datetime.timedelta(hours=2))
    kw.setdefault("body", "Ada Okafor led with 12,345 votes to 11,002 for Ben Lund.")
    return factories.article(**kw)


def quoted_releases(story):
    return set(
        ArticleRelease.objects.filter(article=story, reason="quoted").values_list(
            "release__number", flat=True
        )
    )


def test_votes_saved_by_a_script_link_the_story_that_quotes_them(
    race, django_capture_on_commit_callbacks
):
    election, ada, ben = race
    story = quoting_story()
    assert quoted_releases(story) == set()

    with django_capture_on_commit_callbacks(execute=True):
        release = Release.objects.create(election=election, released_at=THURSDAY, source="Clerk")
        VoteCount.objects.create(release=release, candidacy=ada, votes=12345)
        VoteCount.objects.create(release=release, candidacy=ben, votes=11002)

    story.refresh_from_db()
    assert quoted_releases(story) == {release.number}
    assert f'<a class="link-count" href="{release.get_absolute_url()}">12,345</a>' in (
        story.body_html
    )

    # A correction from the shell: the story no longer quotes that release's figure.
    with django_capture_on_commit_callbacks(execute=True):
        count = VoteCount.objects.get(candidacy=ada)
        count.votes = 12346
        count.save()
    story.refresh_from_db()
    assert ">12,345</a>" not in story.body_html
    assert "11,002</a>" in story.body_html


def test_votes_changed_in_bulk_and_deleted_are_followed(race, django_capture_on_commit_callbacks):
    election, ada, ben = race
    release = factories.release(election=election, released_at=THURSDAY)
    story = quoting_story()
    with django_capture_on_commit_callbacks(execute=True):
        VoteCount.objects.bulk_create(
            [
                VoteCount(release=release, candidacy=ada, votes=12345),
                VoteCount(release=release, candidacy=ben, votes=11000),
            ]
        )
    assert quoted_releases(story) == {release.number}

    with django_capture_on_commit_callbacks(execute=True):
        VoteCount.objects.filter(candidacy=ada).update(votes=1)
    assert quoted_releases(story) == set()

    with django_capture_on_commit_callbacks(execute=True):
        VoteCount.objects.filter(candidacy=ben).update(votes=11002)
    assert quoted_releases(story) == {release.number}

    with django_capture_on_commit_callbacks(execute=True):
        Release.objects.filter(pk=release.pk).delete()
    story.refresh_from_db()
    assert quoted_releases(story) == set()
    assert "link-count" not in story.body_html


def test_a_new_release_relinks_the_stories_published_since_it_and_no_others(
    race, django_capture_on_commit_callbacks
):
    """On election night a release must not relink the whole archive of its contest: a story
    published before it cannot quote it, so it is left as it is."""
    election, ada, ben = race
    before = quoting_story(published_at=TUESDAY, slug="before")
    after = quoting_story(slug="after")
    linked_at = dict(Article.objects.values_list("slug", "linked_at"))

    with django_capture_on_commit_callbacks(execute=True):
        release = Release.objects.create(election=election, released_at=THURSDAY, source="Clerk")
        VoteCount.objects.bulk_create(
            [
                VoteCount(release=release, candidacy=ada, votes=12345),
                VoteCount(release=release, candidacy=ben, votes=11002),
            ]
        )

    before.refresh_from_db()
    after.refresh_from_db()
    assert before.linked_at == linked_at["before"]
    assert after.linked_at > linked_at["after"]
    assert quoted_releases(after) == {release.number}


def test_a_release_moved_later_unlinks_the_story_it_no_longer_precedes(
    race, django_capture_on_commit_callbacks
):
    election, ada, ben = race
    release = factories.release(election=election, released_at=THURSDAY)
    factories.vote_count(release=release, candidacy=ada, votes=12345)
    story = quoting_story()  # two hours after the release
    assert quoted_releases(story) == {release.number}

    # The desk finds the release was timed wrong: it came out after the story.
    with django_capture_on_commit_callbacks(execute=True):
        release = Release.objects.get(pk=release.pk)
        release.released_at = THURSDAY + datetime.timedelta(hours=3)
        release.save()
    assert quoted_releases(story) == set()

    # And moved back, the story quotes it again.
    with django_capture_on_commit_callbacks(execute=True):
        release.released_at = THURSDAY
        release.save()
    assert quoted_releases(story) == {release.number}


def test_a_release_changed_in_a_rolled_back_transaction_relinks_nothing(
    race, django_capture_on_commit_callbacks
):
    election, ada, _ = race
    story = quoting_story()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release = factories.release(election=election, released_at=THURSDAY)
        factories.vote_count(release=release, candidacy=ada, votes=12345)
    # Nothing is linked before the commit: readers never see links to uncommitted counts.
    assert quoted_releases(story) == set()
    assert callbacks, "the change waits for the commit"


def test_renaming_a_candidate_from_the_shell_relinks_the_stories_naming_them(
    race, django_capture_on_commit_callbacks
):
    _, ada, _ = race
    story = factories.article(body="Councilmember Okafor-Reyes spoke first.")
    assert not ArticleCandidate.objects.filter(article=story).exists()

    candidate = ada.candidate
    with django_capture_on_commit_callbacks(execute=True):
        candidate.press_names = ["Councilmember Okafor-Reyes"]
        candidate.save()
    story.refresh_from_db()
    assert ArticleCandidate.objects.filter(article=story, candidate=candidate).exists()
    assert 'href="/candidates/ada-okafor/"' in story.body_html

    with django_capture_on_commit_callbacks(execute=True):
        candidate.slug = "ada-okafor-reyes"
        candidate.save()
    story.refresh_from_db()
    assert 'href="/candidates/ada-okafor-reyes/"' in story.body_html


def test_saving_a_candidate_without_changing_names_relinks_nothing(
    race, django_capture_on_commit_callbacks
):
    _, ada, _ = race
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ada.candidate.bio = "A longer biography."
        ada.candidate.save()
    assert changes.relink_noted not in callbacks


def test_an_earlier_release_added_later_leaves_every_address_where_it_was(race, client):
    election, ada, ben = race
    thursday = factories.release(election=election, released_at=THURSDAY)
    factories.vote_count(release=thursday, candidacy=ada, votes=12345)
    address = thursday.get_absolute_url()
    assert address.endswith("/updates/1/")

    tuesday = factories.release(election=election, released_at=TUESDAY)
    factories.vote_count(release=tuesday, candidacy=ada, votes=5000)
    thursday.refresh_from_db()
    assert thursday.get_absolute_url() == address
    assert tuesday.get_absolute_url().endswith("/updates/2/")
    # The page at the old address still shows Thursday's count, and the earlier one
    # is "before" it in time.
    page = client.get(address).content.decode()
    assert "12,345" in page
    assert 'rel="prev" href="/elections/river-city-mayor/updates/2/"' in page


def test_saving_a_story_in_the_admin_links_it_once(client, race, monkeypatch):
    calls = []
    real = linking.link_article
    monkeypatch.setattr(linking, "link_article", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    client.force_login(admin_users.chief())
    story = quoting_story(headline="Okafor ahead")
    calls.clear()
    response = client.post(
        f"/admin/archive/article/{story.pk}/change/",
        {
            "headline": "Okafor ahead",
            "slug": story.slug,
            "dek": "",
            "byline": "",
            "publication": "",
            "body": "Ada Okafor leads Ben Lund.",
            "status": "published",
            "published_at_0": "2022-11-10",
            "published_at_1": "10:00:00",
            "source_url": "",
            "new_tags": "",
            "review_note": "",
            **{
                f"{prefix}-{key}": value
                for prefix in ("candidate_links", "election_links", "release_links", "corrections")
                for key, value in {
                    "TOTAL_FORMS": "0",
                    "INITIAL_FORMS": "0",
                    "MIN_NUM_FORMS": "0",
                    "MAX_NUM_FORMS": "1000",
                }.items()
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert len(calls) == 1
    story = Article.objects.get(pk=story.pk)
    assert {link.candidate.slug for link in story.candidate_links.all()} == {
        "ada-okafor",
        "ben-lund",
    }
