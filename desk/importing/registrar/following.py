"""Follow the registrar's live feed through election night: poll, import what is new, keep going.

Each poll asks for results.json and counter_data.json with the validators of the last answer
(If-None-Match, If-Modified-Since), so an unchanged feed costs the registrar a 304 and Tally
nothing. When either file changed, the release they make is read and stored by the same code
as an archived folder (storing.py): one transaction, refused whole or stored whole, and a
release already stored is skipped. election_data.json is asked for the same way, so a contest
the registrar adds during the night is stored before the release that counts it.

Nothing stops the follower but the operator: a refused answer (a 403, a host that does not
answer, an HTML error page, a file cut short, a time going backwards) is logged and the poll
tried again after a wait that doubles with each failure in a row, up to a ceiling, and falls
back to the usual interval after the next good poll. Nothing refused is ever stored.
"""

import logging
import time
from dataclasses import dataclass, field

from django.db import DatabaseError

from desk.importing.registrar.contests import store_election_day
from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.election_day import ELECTION_DATA, read_election_day
from desk.importing.registrar.fetching import Fetched, NotPublished, fetch_changed
from desk.importing.registrar.release import FilesOutOfStep, read_release_documents
from desk.importing.registrar.storing import (
    FEED_UNCHANGED,
    OUT_OF_STEP,
    REFUSED,
    Outcome,
    store_release,
)

log = logging.getLogger(__name__)


@dataclass
class Urls:
    results: str
    counter_data: str
    election_data: str


@dataclass
class _Answers:
    """The last good answer for each file: its bytes, and the validators to ask with."""

    by_file: dict = field(default_factory=dict)  # file -> fetching.Fetched

    def body(self, file):
        answer = self.by_file.get(file)
        return answer.body if answer else None


class Follower:
    """Polls the feed every `every` seconds; after failures, waits `every` doubled each time
    up to `longest`. sleep and the log's outcomes can be replaced (tests, the rehearsal)."""

    def __init__(self, urls, every=60.0, longest=600.0, timeout=30.0, sleep=time.sleep):
        self.urls = urls
        self.every = every
        self.longest = longest
        self.timeout = timeout
        self.sleep = sleep
        self.failures = 0  # in a row
        self.stored_day = None
        self.answers = _Answers()

    def run(self, polls=None, on_outcome=None):
        """Poll until stopped (KeyboardInterrupt), or `polls` times; returns the outcomes."""
        outcomes = []
        done = 0
        while polls is None or done < polls:
            outcome = self.poll()
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
            done += 1
            if polls is None or done < polls:
                self.sleep(self.wait())
        return outcomes

    def wait(self):
        """Seconds before the next poll: the interval, or a backoff after failures."""
        if not self.failures:
            return self.every
        return min(self.longest, self.every * 2**self.failures)

    def poll(self):
        """One poll: an Outcome (stored, skipped, unchanged or refused); never raises for what
        the registrar or the database answered."""
        try:
            outcome = self._poll()
        except FilesOutOfStep as refused:
            # The registrar is between its two files' updates: the next poll will find both.
            outcome = Outcome("live", OUT_OF_STEP, problem=refused.in_file)
        except FeedRefused as refused:
            outcome = Outcome(refused.release or "live", REFUSED, problem=refused.in_file)
        except DatabaseError as exc:
            # The database restarting mid-night: nothing was written (one transaction).
            outcome = Outcome("live", REFUSED, problem=f"database: {exc}".strip())
        if outcome.action == REFUSED:
            self.failures += 1
            log.warning("feed poll refused (%d in a row): %s", self.failures, outcome)
        else:
            self.failures = 0
            log.info("feed poll: %s", outcome)
        return outcome

    def _poll(self):
        day = self._fetch(self.urls.election_data, ELECTION_DATA)
        if day.body is not None or self.stored_day is None:
            raw = day.body if day.body is not None else self.answers.body(ELECTION_DATA)
            self.stored_day = store_election_day(read_election_day(raw))
        results = self._fetch(self.urls.results, "results.json")
        try:
            counter = self._fetch(self.urls.counter_data, "counter_data.json")
        except NotPublished:
            if self.answers.body("counter_data.json") is not None:
                raise
            # Before the polls close the registrar publishes results.json alone.
            counter = Fetched(None)
        if results.body is None and counter.body is None and day.body is None:
            return Outcome("live", FEED_UNCHANGED)
        release = read_release_documents(
            results.body if results.body is not None else self.answers.body("results.json"),
            counter.body if counter.body is not None else self.answers.body("counter_data.json"),
            self.stored_day.feed,
            name="live",
        )
        outcome = store_release(self.stored_day, release, self.urls.results)
        outcome.name = f"{release.released_at:%Y-%m-%dT%H:%M:%S}"
        # Only now are the answers good: a refused file is asked for again in full next time.
        for file, answer in (
            (ELECTION_DATA, day),
            ("results.json", results),
            ("counter_data.json", counter),
        ):
            if answer.body is not None:
                self.answers.by_file[file] = answer
        return outcome

    def _fetch(self, url, file):
        return fetch_changed(url, file, self.timeout, self.answers.by_file.get(file))
