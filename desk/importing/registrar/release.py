"""One release: results.json and counter_data.json as published at one time, read together."""

import datetime
from dataclasses import dataclass, field

from desk.importing.registrar.counter_data import (
    COUNTER_DATA,
    ContestFigures,
    CountyFigures,
    read_counter_data,
)
from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.election_day import ElectionDay
from desk.importing.registrar.results_file import RESULTS, read_results_file


@dataclass(frozen=True, eq=False)
class Release:
    """A release's figures, and its files as published (None where the release lacked one).

    released_at is the time both files state, to the second: counter_data.json's TimeStamp
    has no fractions of a second and results.json's fractions are dropped, so a release reads
    the same whichever files it had. votes come from counter_data.json when there is one (it
    names choices by ID), else from results.json; contests, unlisted_contests and county come
    only from counter_data.json, and are empty or None without it.
    """

    name: str
    released_at: datetime.datetime
    votes: dict[int, int]
    contests: dict[int, ContestFigures]
    unlisted_contests: dict[int, ContestFigures]
    county: CountyFigures | None
    results_json: bytes | None = field(repr=False)
    counter_data_json: bytes | None = field(repr=False)

    @property
    def has_results_file(self):
        return self.results_json is not None

    @property
    def has_counter_data_file(self):
        return self.counter_data_json is not None

    @property
    def is_complete(self):
        return self.has_results_file and self.has_counter_data_file

    def has_same_figures_as(self, other):
        """True when every figure equals other's: the registrar published nothing new (on
        election night a new time stamp can come with the same counts). A release without
        counter_data.json has no ballot figures, so it matches only another such release."""
        return (self.votes, self.contests, self.unlisted_contests, self.county) == (
            other.votes,
            other.contests,
            other.unlisted_contests,
            other.county,
        )


def read_release_documents(
    results_json: bytes | None,
    counter_data_json: bytes | None,
    election_day: ElectionDay,
    name: str = "live",
) -> Release:
    """Read a release from the bytes of its files (None for a file it lacks), as a folder of
    the archive or the registrar's live URLs give them. name says which release it is in
    every refusal: the folder's name, or whatever the caller calls a live fetch."""
    if results_json is None and counter_data_json is None:
        raise FeedRefused(name, None, f"has neither {RESULTS} nor {COUNTER_DATA}")
    results = counters = None
    if results_json is not None:
        results = read_results_file(results_json, election_day, name)
    if counter_data_json is not None:
        counters = read_counter_data(counter_data_json, election_day, name)
    if results and counters:
        _check_agree(results, counters, election_day, name)
    released_at = (counters or results).published_at.replace(microsecond=0)
    return Release(
        name=name,
        released_at=released_at,
        votes=(counters or results).votes,
        contests=counters.contests if counters else {},
        unlisted_contests=counters.unlisted_contests if counters else {},
        county=counters.county if counters else None,
        results_json=results_json,
        counter_data_json=counter_data_json,
    )


class FilesOutOfStep(FeedRefused):
    """The two files state different times: one was fetched before the registrar's update and
    the other after. A follower asks again; an archived folder holding them is refused."""


def _check_agree(results, counters, election_day, name):
    """Both files of a release must say the same: a live follower fetching one file before
    the registrar's update and the other after it would otherwise mix two releases."""
    if results.published_at.replace(microsecond=0) != counters.published_at:
        raise FilesOutOfStep(
            name,
            f"{RESULTS} and {COUNTER_DATA}",
            f"disagree on the time: {results.published_at.isoformat()} against "
            f"{counters.published_at.isoformat()}",
        )
    for choice_id, votes in counters.votes.items():
        if results.votes[choice_id] != votes:
            contest, choice = election_day.choices[choice_id]
            raise FeedRefused(
                name,
                f"{RESULTS} and {COUNTER_DATA}",
                f"disagree on {choice.ballot_name} in {contest.title}: "
                f"{results.votes[choice_id]:,} against {votes:,} votes",
            )
