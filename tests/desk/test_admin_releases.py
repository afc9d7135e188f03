"""The results desk's release form: a row per candidacy, and impossible figures refused."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from elections.models import Election, Release, VoteCount
from tests import admin_users, factories

pytestmark = pytest.mark.django_db

ADD = "/admin/elections/release/add/"


@pytest.fixture
def desk_client(client):
    client.force_login(admin_users.results_desk())
    return client


@pytest.fixture
def race():
    election = factories.election(status=Election.Status.COUNTING, date=timezone.localdate())
    ada = factories.candidacy(election=election, candidate=factories.candidate(name="Ada Ames"))
    bo = factories.candidacy(election=election, candidate=factories.candidate(name="Bo Burke"))
    first = factories.release(
        election=election,
        released_at=(timezone.now() - datetime.timedelta(days=2)).replace(microsecond=0),
        ballots_counted=1000,
    )
    factories.vote_count(release=first, candidacy=ada, votes=600)
    factories.vote_count(release=first, candidacy=bo, votes=400)
    return election, ada, bo


def release_form(election, rows, when=None, **fields):
    when = timezone.localtime(when or timezone.now() - datetime.timedelta(hours=1))
    data = {
        "election": election.pk,
        "released_at_0": when.strftime("%Y-%m-%d"),
        "released_at_1": when.strftime("%H:%M:%S"),
        "source": "County registrar",
        "source_url": "",
        "ballots_counted": "2000",
        "ballots_remaining": "",
        "expected_vote_pct": "",
        "notes": "",
        "vote_counts-TOTAL_FORMS": len(rows),
        "vote_counts-INITIAL_FORMS": 0,
    }
    for i, (candidacy, votes, share) in enumerate(rows):
        data[f"vote_counts-{i}-candidacy"] = candidacy.pk
        data[f"vote_counts-{i}-votes"] = "" if votes is None else votes
        data[f"vote_counts-{i}-reported_share"] = "" if share is None else share
    data.update(fields)
    return data


def test_add_asks_for_the_election_first(desk_client, race):
    election, _, _ = race
    page = desk_client.get(ADD).content.decode()
    assert "Which election is this release for?" in page
    assert f'href="?election={election.pk}"' in page
    for wrong in ("999999", "not-a-number"):
        page = desk_client.get(ADD, {"election": wrong}).content.decode()
        assert "Which election is this release for?" in page


def test_form_has_a_row_for_every_candidacy(desk_client, race):
    election, ada, bo = race
    other = factories.candidacy(candidate=factories.candidate(name="Cy Elsewhere"))
    page = desk_client.get(ADD, {"election": election.pk}).content.decode()
    assert 'name="vote_counts-TOTAL_FORMS" value="2"' in page
    assert f'<option value="{ada.pk}" selected>Ada Ames</option>' in page
    assert f'<option value="{bo.pk}" selected>Bo Burke</option>' in page
    assert "Cy Elsewhere" not in page
    assert other.pk not in (ada.pk, bo.pk)


def test_a_good_release_is_saved_with_its_rows(desk_client, race):
    election, ada, bo = race
    response = desk_client.post(
        ADD + f"?election={election.pk}",
        release_form(election, [(ada, 1100, None), (bo, 900, None)]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    release = election.releases.latest()
    assert release.ballots_counted == 2000
    assert {t.candidacy_id: t.votes for t in release.vote_counts.all()} == {
        ada.pk: 1100,
        bo.pk: 900,
    }
    assert release.history.first().history_user.username == "rita"


def test_a_percent_only_source_is_entered_as_shares(desk_client, race):
    election, ada, bo = race
    response = desk_client.post(
        ADD, release_form(election, [(ada, None, "51.2"), (bo, None, "48.8")], ballots_counted="")
    )
    assert response.status_code == 302
    shares = VoteCount.objects.filter(reported_share__isnull=False).values_list(
        "reported_share", flat=True
    )
    assert sorted(shares) == [Decimal("48.8"), Decimal("51.2")]


@pytest.mark.parametrize(
    "rows, when, message",
    [
        ("negative", None, "Votes cannot be negative."),
        ("overflow", None, "more votes than any count can hold"),
        ("share_over_100", None, "A share cannot be above 100%."),
        ("shares_over_total", None, "The shares add up to 101%, more than 100%"),
        ("fine", "future", "This time is still to come"),
        ("fine", "same_time", "already has a release at this time"),
        ("foreigner", None, "does not stand in this election"),
        ("empty_row", None, "Give the votes, or the share"),
    ],
)
def test_impossible_figures_are_refused(desk_client, race, rows, when, message):
    election, ada, bo = race
    foreign = factories.candidacy(candidate=factories.candidate(name="Cy Elsewhere"))
    table = {
        "negative": [(ada, -5, None), (bo, 900, None)],
        "overflow": [(ada, 9223372036854775808, None), (bo, 900, None)],
        "share_over_100": [(ada, None, "100.5"), (bo, None, "1")],
        "shares_over_total": [(ada, None, "60"), (bo, None, "41")],
        "fine": [(ada, 1100, None), (bo, 900, None)],
        "foreigner": [(ada, 1100, None), (foreign, 900, None)],
        "empty_row": [(ada, 1100, None), (foreign, None, None)],
    }[rows]
    moment = {
        None: None,
        "future": timezone.now() + datetime.timedelta(hours=1),
        "same_time": election.releases.get().released_at,
    }[when]
    before = Release.objects.count(), VoteCount.objects.count()
    response = desk_client.post(ADD, release_form(election, table, when=moment))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Release.objects.count(), VoteCount.objects.count()) == before


def test_counts_going_down_are_refused_unless_the_source_corrected_them(desk_client, race):
    election, ada, bo = race
    lower = release_form(election, [(ada, 500, None), (bo, 250, None)], ballots_counted="800")
    page = desk_client.post(ADD, lower).content.decode()
    assert "ballots counted from 1,000 to 800" in page
    assert "Ada Ames&#x27;s votes from 600 to 500" in page
    assert election.releases.count() == 1

    response = desk_client.post(ADD, {**lower, "is_correction": "on"})
    assert response.status_code == 302
    assert election.releases.count() == 2


def test_votes_beyond_the_ballots_counted_are_refused(desk_client, race):
    election, ada, bo = race
    form = release_form(election, [(ada, 790_000, None), (bo, 900, None)], ballots_counted="1000")
    page = desk_client.post(ADD, form).content.decode()
    assert "The votes add up to 790,900, more than the 1,000 ballots counted allow" in page
    assert election.releases.count() == 1


@pytest.mark.parametrize("unusual", ["certified", "far_from_election_day"])
def test_an_unusual_release_needs_the_desk_to_confirm_it(desk_client, race, unusual):
    election, ada, bo = race
    when = timezone.now() - datetime.timedelta(hours=1)
    if unusual == "certified":
        Election.objects.filter(pk=election.pk).update(status=Election.Status.CERTIFIED)
    else:
        Election.objects.filter(pk=election.pk).update(date=datetime.date(2022, 11, 8))
    form = release_form(election, [(ada, 1100, None), (bo, 900, None)], when=when)
    page = desk_client.post(ADD, form).content.decode()
    assert "Check this release:" in page and "Tick the box to enter it" in page
    assert election.releases.count() == 1
    assert desk_client.post(ADD, {**form, "confirmed": "on"}).status_code == 302
    assert election.releases.count() == 2


def test_change_form_adds_rows_for_candidacies_without_figures(desk_client, race):
    election, ada, bo = race
    release = election.releases.get()
    release.vote_counts.filter(candidacy=bo).delete()
    page = desk_client.get(f"/admin/elections/release/{release.pk}/change/").content.decode()
    assert 'name="vote_counts-TOTAL_FORMS" value="2"' in page
    assert 'name="vote_counts-INITIAL_FORMS" value="1"' in page
    assert f'<option value="{bo.pk}" selected>Bo Burke</option>' in page


def test_election_form_calls_the_race_and_records_outcomes(desk_client, race):
    election, ada, bo = race
    url = f"/admin/elections/election/{election.pk}/change/"
    assert desk_client.get(url).status_code == 200
    data = {
        "office": election.office,
        "jurisdiction": election.jurisdiction,
        "date": election.date.isoformat(),
        "stage": election.stage,
        "kind": "race",
        "seats": 1,
        "ballot_size": 2,
        "slug": election.slug,
        "status": "called",
        "follows": "",
        "candidacies-TOTAL_FORMS": 2,
        "candidacies-INITIAL_FORMS": 2,
    }
    for i, (candidacy, outcome) in enumerate([(ada, "elected"), (bo, "defeated")]):
        data.update(
            {
                f"candidacies-{i}-id": candidacy.pk,
                f"candidacies-{i}-election": election.pk,
                f"candidacies-{i}-candidate": candidacy.candidate_id,
                f"candidacies-{i}-ballot_designation": "",
                f"candidacies-{i}-outcome": outcome,
            }
        )
    # A call says who made it and when: refused, with the reason, and nothing saved.
    refused = desk_client.post(url, data)
    assert refused.status_code == 200
    assert "A called race says who called it." in refused.content.decode()
    assert "A called race says when it was called." in refused.content.decode()
    election.refresh_from_db()
    ada.refresh_from_db()
    assert election.status != "called" and ada.outcome != "elected"

    data.update({"called_by": "AP", "called_at_0": "2022-11-16", "called_at_1": "16:03:00"})
    response = desk_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    election.refresh_from_db()
    ada.refresh_from_db()
    bo.refresh_from_db()
    assert election.status == "called" and election.called_by == "AP"
    assert timezone.localtime(election.called_at).strftime("%Y-%m-%d %H:%M") == "2022-11-16 16:03"
    assert (ada.outcome, bo.outcome) == ("elected", "defeated")


def counting_race_and_story():
    """A race being counted, and a story quoting figures no release holds yet."""
    election = factories.election(date=timezone.localdate(), status=Election.Status.COUNTING)
    ada = factories.candidacy(election=election, candidate=factories.candidate(name="Ada Ames"))
    bo = factories.candidacy(election=election, candidate=factories.candidate(name="Bo Burke"))
    story = factories.article(
        body="Ada Ames had 1,100 votes to 900 for Bo Burke.",
        published_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    return election, ada, bo, story


def test_a_new_release_links_the_stories_that_quote_it(
    desk_client, django_capture_on_commit_callbacks
):
    election, ada, bo, story = counting_race_and_story()
    assert not story.release_links.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(
            ADD, release_form(election, [(ada, 1100, None), (bo, 900, None)])
        )
    assert response.status_code == 302
    release = election.releases.get()
    assert story.release_links.filter(release=release, reason="quoted").exists()
    story.refresh_from_db()
    assert f'href="{release.get_absolute_url()}">1,100</a>' in story.body_html

    with django_capture_on_commit_callbacks(execute=True):
        response = desk_client.post(
            f"/admin/elections/release/{release.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    story.refresh_from_db()
    assert ">1,100</a>" not in story.body_html and "1,100" in story.body_html
    assert not story.release_links.exists()


def empty_rows(*candidacies):
    """The rows as the desk's form posts them when no votes are typed: each candidacy
    chosen, its figures blank."""
    return [(candidacy, None, None) for candidacy in candidacies]


def test_a_release_of_ballots_alone_is_saved_without_votes(desk_client, race):
    election, ada, bo = race
    form = release_form(
        election, empty_rows(ada, bo), ballots_counted="", ballots_remaining="883000"
    )
    response = desk_client.post(ADD + f"?election={election.pk}", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    release = election.releases.latest()
    assert (release.number, release.ballots_counted, release.ballots_remaining) == (2, None, 883000)
    assert not release.vote_counts.exists()


def test_the_form_says_a_release_may_give_only_ballots(desk_client, race):
    election, _, _ = race
    page = desk_client.get(ADD, {"election": election.pk}).content.decode()
    assert "A release may give only this, or the ballots left" in page


def test_a_release_with_no_figures_at_all_is_refused(desk_client, race):
    election, ada, bo = race
    form = release_form(election, empty_rows(ada, bo), ballots_counted="")
    page = desk_client.post(ADD, form).content.decode()
    assert "This release gives no figures: no votes or shares, and neither ballots counted" in (
        page
    )
    assert election.releases.count() == 1 and VoteCount.objects.count() == 2


def test_a_typo_in_ballots_counted_is_not_called_no_figures(desk_client, race):
    election, ada, bo = race
    page = desk_client.post(
        ADD, release_form(election, empty_rows(ada, bo), ballots_counted="88three")
    ).content.decode()
    assert "Enter a whole number." in page
    assert "gives no figures" not in page
    assert election.releases.count() == 1


def test_ballots_alone_going_down_are_refused_unless_marked_a_correction(desk_client, race):
    election, ada, bo = race
    lower = release_form(election, empty_rows(ada, bo), ballots_counted="900")
    page = desk_client.post(ADD, lower).content.decode()
    assert "Since the releases before, ballots counted from 1,000 to 900. Counts only grow" in (
        page
    )
    assert election.releases.count() == 1

    response = desk_client.post(ADD, {**lower, "is_correction": "on"})
    assert response.status_code == 302
    assert election.releases.latest().ballots_counted == 900


def test_votes_after_a_release_of_ballots_alone_are_compared_with_the_last_votes(desk_client, race):
    election, ada, bo = race
    ballots_only = release_form(
        election,
        empty_rows(ada, bo),
        when=timezone.now() - datetime.timedelta(days=1),
        ballots_counted="",
        ballots_remaining="5000",
    )
    assert desk_client.post(ADD, ballots_only).status_code == 302
    # Ada had 600 in release 1; release 2 gave no votes and hides nothing.
    lower = release_form(election, [(ada, 550, None), (bo, 700, None)], ballots_counted="1500")
    page = desk_client.post(ADD, lower).content.decode()
    assert "Ada Ames&#x27;s votes from 600 to 550" in page
    assert election.releases.count() == 2


@pytest.mark.parametrize("unusual", ["certified", "far_from_election_day"])
def test_a_release_of_ballots_alone_in_an_unusual_place_needs_confirming(
    desk_client, race, unusual
):
    election, ada, bo = race
    if unusual == "certified":
        Election.objects.filter(pk=election.pk).update(status=Election.Status.CERTIFIED)
    else:
        Election.objects.filter(pk=election.pk).update(date=datetime.date(2022, 11, 8))
    form = release_form(election, empty_rows(ada, bo), ballots_counted="2500")
    page = desk_client.post(ADD, form).content.decode()
    assert "Check this release:" in page and "Tick the box to enter it" in page
    assert election.releases.count() == 1
    assert desk_client.post(ADD, {**form, "confirmed": "on"}).status_code == 302
    assert election.releases.count() == 2


def test_a_date_without_a_time_is_refused_asking_for_the_time(desk_client, race):
    election, ada, bo = race
    form = release_form(election, empty_rows(ada, bo), ballots_counted="2500")
    form["released_at_1"] = ""
    page = desk_client.post(ADD, form).content.decode()
    assert "Give the date and the time the figures came out: a date alone cannot" in page
    assert election.releases.count() == 1


def test_a_release_of_ballots_alone_opens_and_saves_again(desk_client, race):
    election, ada, bo = race
    form = release_form(election, empty_rows(ada, bo), ballots_counted="1500")
    assert desk_client.post(ADD, form).status_code == 302
    release = election.releases.latest()
    url = f"/admin/elections/release/{release.pk}/change/"
    page = desk_client.get(url).content.decode()
    assert 'name="vote_counts-INITIAL_FORMS" value="0"' in page
    again = {**form, "ballots_remaining": "883000"}
    again.pop("election")
    assert desk_client.post(url, again).status_code == 302
    release.refresh_from_db()
    assert (release.ballots_counted, release.ballots_remaining) == (1500, 883000)
    assert not release.vote_counts.exists()


@pytest.fixture
def queued_tasks(settings):
    """Tasks queued in the database, as in production, until a worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """`manage.py db_worker --batch` in a process of its own, on the test database."""
    import os
    import subprocess
    import sys
    from urllib.parse import quote

    from django.db import connection

    db = connection.settings_dict
    host = quote(db["HOST"] or "localhost", safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{quote(db['USER'] or '', safe='')}@{host}{port}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "TASKS_BACKEND": "database",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.django_db(transaction=True)
def test_the_desk_returns_before_relinking_and_the_worker_links_the_stories_within_seconds(
    desk_client, queued_tasks
):
    from django_tasks_db.models import DBTaskResult

    election, ada, bo, story = counting_race_and_story()
    # Each of those rows was its own commit here, and queued its own relinking.
    earlier = list(DBTaskResult.objects.values_list("pk", flat=True))
    response = desk_client.post(ADD, release_form(election, [(ada, 1100, None), (bo, 900, None)]))
    assert response.status_code == 302
    # Saved and answered; the story is as it was until the worker's turn.
    assert not story.release_links.exists()
    queued = {task.task_path: task for task in DBTaskResult.objects.exclude(pk__in=earlier)}
    # The relinking, and the storing of the contest's count for its pages.
    assert set(queued) == {"archive.tasks.relink_stories", "public.tasks.store_counts"}
    assert {task.status for task in queued.values()} == {"READY"}
    queued = queued["archive.tasks.relink_stories"]
    # A new release: only the stories published since its time are linked again.
    assert queued.args_kwargs["kwargs"]["counted_elections"] == [election.pk]

    run_worker()
    release = election.releases.get()
    assert story.release_links.filter(release=release, reason="quoted").exists()
    story.refresh_from_db()
    assert f'href="{release.get_absolute_url()}">1,100</a>' in story.body_html
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    # The worker stored the contest's count, as it stands, for its pages.
    from public.models import StoredCount

    election.refresh_from_db()
    stored = StoredCount.objects.get(election=election)
    assert stored.version == election.version and "1,100" in stored.html
