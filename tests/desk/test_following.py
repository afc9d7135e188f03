"""The live feed followed through the night (issue 14, points 1 and 2): conditional polls,
each new release imported whole, and errors logged and retried, never stored; and an
archived night replayed as the registrar's URLs for a rehearsal."""

import io
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from desk.importing.registrar.following import Follower, Urls
from desk.importing.registrar.rehearsal import Night, serve, urls
from desk.importing.registrar.storing import (
    CREATED,
    FEED_UNCHANGED,
    NOTHING_COUNTED,
    OUT_OF_STEP,
    REFUSED,
)
from elections.models import FeedRelease, Release
from tests.desk.test_registrar_import import (  # noqa: F401 (feed is a fixture)
    ELECTION_DATA,
    FIRST,
    SECOND,
    THIRD,
    as_bytes,
    counter,
    feed,
    good,
    html,
    results,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def night(feed):  # noqa: F811
    """The small feed's three releases, one every 10 s of a clock the test moves."""
    for name in (FIRST, SECOND, THIRD):
        good(feed, name, votes={**VOTES_AT[name]})
    clock = [0.0]
    replay = Night(feed.path, every=10, clock=lambda: clock[0])
    replay.clock_at = clock
    server = serve(replay)
    replay.urls = urls(server)
    yield replay
    server.shutdown()


VOTES = {1001: 60, 1002: 30, 2001: 50, 2002: 40, 2003: 30, 3001: 70, 3002: 25}
VOTES_AT = {
    FIRST: VOTES,
    SECOND: {k: v + 1 for k, v in VOTES.items()},
    THIRD: {k: v + 2 for k, v in VOTES.items()},
}


def follower_of(found, **kw):
    kw.setdefault("every", 5)
    return Follower(
        Urls(found["results.json"], found["counter_data.json"], found["election_data.json"]),
        sleep=lambda seconds: None,
        **kw,
    )


def test_each_new_release_is_imported_once_and_an_unchanged_feed_costs_a_304(night):
    follower = follower_of(night.urls)
    first = follower.poll()
    assert (first.action, first.name) == (CREATED, "2030-11-05T20:30:00")
    assert follower.poll().action == FEED_UNCHANGED
    night.clock_at[0] = 10
    assert follower.poll().action == CREATED
    assert follower.poll().action == FEED_UNCHANGED
    night.clock_at[0] = 25
    assert [o.action for o in follower.run(polls=2)] == [CREATED, FEED_UNCHANGED]
    assert FeedRelease.objects.count() == 3
    assert Release.objects.count() == 9  # three contests, three releases each
    # The source is the URL the figures came from.
    assert set(FeedRelease.objects.values_list("source_url", flat=True)) == {
        night.urls["results.json"]
    }


class Registrar:
    """A registrar's site whose answers the test sets: {file: (status, body)}."""

    def __init__(self):
        self.answers = {}
        registrar = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, body = registrar.answers[self.path.lstrip("/")]
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        port = self.server.server_address[1]
        self.urls = {f: f"http://127.0.0.1:{port}/{f}" for f in self.files}

    files = ("election_data.json", "results.json", "counter_data.json")

    def publish(self, name):
        self.answers = {
            "election_data.json": (200, as_bytes(ELECTION_DATA)),
            "results.json": (200, as_bytes(results(name))),
            "counter_data.json": (200, as_bytes(counter(name))),
        }


@pytest.fixture
def registrar():
    site = Registrar()
    yield site
    site.server.shutdown()


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_403_an_html_page_or_no_answer_is_logged_and_retried_later_never_stored(
    registrar, caplog
):
    registrar.publish(FIRST)
    registrar.answers["results.json"] = (403, b"Forbidden")
    follower = follower_of(registrar.urls, every=5, longest=30)
    with caplog.at_level(logging.WARNING, logger="desk.importing.registrar.following"):
        refused = follower.poll()
    assert refused.action == REFUSED
    assert "results.json" in refused.problem and "HTTP 403" in refused.problem
    assert "403" in caplog.text and "1 in a row" in caplog.text
    assert follower.wait() == 10

    registrar.answers["results.json"] = (200, html(FIRST))
    refused = follower.poll()
    assert "is an HTML page, not JSON" in refused.problem
    assert follower.wait() == 20

    gone = follower_of({f: f"http://127.0.0.1:{closed_port()}/{f}" for f in registrar.files})
    gone.failures = follower.failures
    assert gone.poll().action == REFUSED
    assert "could not be fetched" in gone.poll().problem
    assert gone.wait() == 5 * 2**4 and follower.wait() == 20
    follower.failures = 5
    assert follower.wait() == 30  # never longer than the ceiling
    assert not FeedRelease.objects.exists() and not Release.objects.exists()

    registrar.publish(FIRST)
    assert follower.poll().action == CREATED
    assert follower.wait() == 5  # back to the usual interval


def test_files_out_of_step_are_asked_for_again_without_backing_off(registrar):
    registrar.publish(FIRST)
    registrar.answers["counter_data.json"] = (200, as_bytes(counter(SECOND)))
    follower = follower_of(registrar.urls)
    waiting = follower.poll()
    assert waiting.action == OUT_OF_STEP and "disagree on the time" in waiting.problem
    assert follower.wait() == 5
    assert not FeedRelease.objects.exists()
    registrar.publish(SECOND)
    assert follower.poll().action == CREATED


def test_before_the_polls_close_results_alone_are_read(registrar):
    zeros = {k: 0 for k in VOTES}
    registrar.publish(FIRST)
    registrar.answers["results.json"] = (200, as_bytes(results(FIRST, votes=zeros)))
    registrar.answers["counter_data.json"] = (404, b"Not Found")
    assert follower_of(registrar.urls).poll().action == NOTHING_COUNTED


def test_the_commands_follow_a_rehearsed_night_into_the_database(feed):  # noqa: F811
    for name in (FIRST, SECOND, THIRD):
        good(feed, name, votes=VOTES_AT[name])
    out = io.StringIO()
    call_command(
        "rehearse",
        str(feed.path),
        "--every=0.3",
        "--port=0",
        "--follow",
        "--poll-every=0.1",
        stdout=out,
    )
    said = out.getvalue()
    assert "Replaying 3 releases" in said and "The night is over." in said
    assert said.count("created 3 contest releases") == 3
    assert FeedRelease.objects.count() == 3

    out = io.StringIO()
    clock = [100.0]
    replay = Night(feed.path, every=10, clock=lambda: clock[0])
    server = serve(replay)
    try:
        found = urls(server)
        call_command(
            "follow_registrar",
            f"--results-url={found['results.json']}",
            f"--counter-data-url={found['counter_data.json']}",
            f"--election-data-url={found['election_data.json']}",
            "--every=0.01",
            "--polls=2",
            stdout=out,
        )
    finally:
        server.shutdown()
    assert "already stored with the same files: skipped" in out.getvalue()
    assert "have not changed since the last poll" in out.getvalue()
    assert FeedRelease.objects.count() == 3
