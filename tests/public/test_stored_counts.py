"""A contest page's count is built when the contest changes and stored; a page uses it only
while the contest is as it was built from, so a reader never sees a count older than the
database's (public.stored_counts, elections.versions)."""

import datetime

import pytest
from django.utils import timezone

from candidates.models import Candidate
from elections.models import Election, VoteCount
from public.models import StoredCount
from tests import factories

pytestmark = pytest.mark.django_db

NIGHT = timezone.make_aware(datetime.datetime(2022, 11, 8, 21, 0))


@pytest.fixture
def race():
    election = factories.election(slug="river-city-mayor-2022-11-08")
    ada = factories.candidate(name="Ada Okafor", slug="ada-okafor")
    ben = factories.candidate(name="Ben Lund", slug="ben-lund")
    factories.candidacy(election=election, candidate=ada)
    factories.candidacy(election=election, candidate=ben)
    return election, ada, ben


def counted(election, ada, ben, capture):
    """The race's first release, committed: its count is stored."""
    with capture(execute=True):
        factories.release(election=election, released_at=NIGHT, votes={ada: 1200, ben: 800})


def page(client, election):
    response = client.get(election.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_committed_release_is_stored_and_the_page_is_the_one_built_afresh(
    client, race, django_capture_on_commit_callbacks
):
    election, ada, ben = race
    counted(election, ada, ben, django_capture_on_commit_callbacks)
    factories.article(
        slug="okafor-leads",
        published_at=NIGHT + datetime.timedelta(minutes=30),
        body="Ada Okafor leads Ben Lund with 1,200 votes to 800.",
    )

    stored = StoredCount.objects.get(election=election)
    assert stored.version == Election.objects.get(pk=election.pk).version
    from_store = page(client, election)
    assert "1,200" in from_store and "60%" in from_store
    assert "Ada Okafor" in stored.html
    # The coverage under its release's heading, a link and not its markup in words.
    assert 'After <a href="/elections/river-city-mayor-2022-11-08/updates/1/">' in from_store

    StoredCount.objects.all().delete()
    assert page(client, election) == from_store


def test_a_count_changed_before_its_task_runs_shows_at_once(
    client, race, django_capture_on_commit_callbacks
):
    election, ada, ben = race
    counted(election, ada, ben, django_capture_on_commit_callbacks)
    # A correction from the shell, committed; its task has not run yet.
    with django_capture_on_commit_callbacks(execute=False):
        VoteCount.objects.filter(candidacy__candidate=ada).update(votes=1500)

    assert "1,200" in StoredCount.objects.get(election=election).html
    shown = page(client, election)
    assert "1,500" in shown and "1,200" not in shown


def test_renaming_a_candidate_is_shown_on_the_pages_of_their_contests(
    client, race, django_capture_on_commit_callbacks
):
    election, ada, ben = race
    counted(election, ada, ben, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        Candidate.objects.filter(pk=ada.pk).update(name="Ada Okafor-Reyes")
    assert "Okafor-Reyes" not in StoredCount.objects.get(election=election).html
    assert "Ada Okafor-Reyes" in page(client, election)

    # Renamed again as the admin would, the task stores the count with the new name.
    with django_capture_on_commit_callbacks(execute=True):
        ada = Candidate.objects.get(pk=ada.pk)
        ada.name = "Ada Reyes"
        ada.save()
    stored = StoredCount.objects.get(election=election)
    assert "Ada Reyes" in stored.html
    assert stored.version == Election.objects.get(pk=election.pk).version


def test_a_candidates_page_shows_their_stored_races_as_built_afresh(
    client, race, django_capture_on_commit_callbacks
):
    election, ada, ben = race
    counted(election, ada, ben, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        factories.release(
            election=election,
            released_at=NIGHT + datetime.timedelta(hours=1),
            votes={ada: 1300, ben: 1700},
        )
    stored = StoredCount.objects.get(election=election)
    candidacy = election.candidacies.get(candidate=ada)
    assert "Ada Okafor's votes and share by release" in stored.races[str(candidacy.pk)][1]

    from_store = client.get(ada.get_absolute_url()).content.decode()
    assert "43.33%" in from_store and "1,300 votes" in from_store
    assert "Ada Okafor's votes and share by release" in from_store
    assert "&lt;" not in from_store  # stored HTML is not escaped a second time

    StoredCount.objects.all().delete()
    assert client.get(ada.get_absolute_url()).content.decode() == from_store


def test_an_archived_night_is_stored_once_at_its_end_not_after_each_release(
    race, django_capture_on_commit_callbacks, monkeypatch
):
    from elections import events
    from public import stored_counts

    election, ada, ben = race
    stores = []
    real_store = stored_counts.store
    monkeypatch.setattr(
        stored_counts, "store", lambda ids: stores.append(sorted(ids)) or real_store(ids)
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks, events.held():
        for hour, (a, b) in enumerate([(100, 90), (200, 150), (300, 320)]):
            at = NIGHT + datetime.timedelta(hours=hour)
            factories.release(election=election, released_at=at, votes={ada: a, ben: b})
        assert callbacks == []  # nothing waits on each commit while the night is held
    assert stores == [[election.pk]]
    assert "320" in StoredCount.objects.get(election=election).html


def test_a_deleted_release_is_stored_away(client, race, django_capture_on_commit_callbacks):
    election, ada, ben = race
    counted(election, ada, ben, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        election.releases.get().delete()
    stored = StoredCount.objects.get(election=election)
    assert stored.version == Election.objects.get(pk=election.pk).version
    assert "1,200" not in stored.html and "No results have been released yet." in stored.html
