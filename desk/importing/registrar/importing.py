"""Import the registrar's feed: an archived folder whole, in time order, or one live fetch.

The election day is stored first (contests.py), then each release in its own transaction
(storing.py), so an import stopped at any point leaves whole releases only, and a second run
takes up where the first stopped. A release the reader refuses, or one that would rewrite the
order of those stored, is reported and nothing is written for it; the releases after it are
still imported, each being the whole count at its time. Stories follow on their own: every
write announces its contests (elections.events) and they are linked again after each commit.
"""

from dataclasses import dataclass, field
from pathlib import Path

from desk.importing.registrar.contests import store_election_day
from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.election_day import ELECTION_DATA, read_election_day
from desk.importing.registrar.fetching import fetch
from desk.importing.registrar.folder import read_release_folder
from desk.importing.registrar.release import read_release_documents
from desk.importing.registrar.storing import CREATED, REFUSED, Outcome, store_release
from elections import events


@dataclass
class Report:
    day: object = None  # contests.DayReport
    outcomes: list = field(default_factory=list)

    @property
    def refused(self):
        return [o for o in self.outcomes if o.action == REFUSED]

    def __str__(self):
        created = [o for o in self.outcomes if o.action == CREATED]
        others = {
            action: sum(o.action == action for o in self.outcomes)
            for action in dict.fromkeys(o.action for o in self.outcomes)
            if action != CREATED
        }
        parts = [
            f"{len(created)} created ({sum(o.contest_releases for o in created):,} contest "
            f"releases, {sum(o.vote_counts for o in created):,} vote counts)",
            *(f"{n} {action}" for action, n in others.items()),
        ]
        return f"{len(self.outcomes)} releases: " + ", ".join(parts)


def import_folder(path, on_outcome=None, keep=None):
    """Import an archived feed: election_data.json and one folder per release, in the order of
    their names (times). Raises FeedRefused if election_data.json is refused; a release that is
    refused is reported in its Outcome. on_outcome hears of the election day's DayReport, then
    of each release's Outcome, as each is done.

    keep(contest), where given, chooses the contests stored (the tests' quick demo stores only
    the mayor's race); every file is still read and checked whole. A release once stored is
    skipped by later imports, so import a day whole or in part, not in part and then whole."""
    path = Path(path)
    if not path.is_dir():
        raise FeedRefused(None, str(path), "is not a folder")
    try:
        raw = (path / ELECTION_DATA).read_bytes()
    except OSError as exc:
        raise FeedRefused(
            None, ELECTION_DATA, f"cannot be read in {path}: {exc.strerror}"
        ) from None
    day = read_election_day(raw)
    stored = store_election_day(day.keeping(keep) if keep else day)
    report = Report(day=stored.report)
    if on_outcome:
        on_outcome(stored.report)
    # Each release is its own commit; the relinking and stored counts that follow them are
    # done once, for the night as it stands at the end.
    with events.held():
        for folder in sorted(p for p in path.iterdir() if p.is_dir()):
            outcome = _import(stored, folder.name, lambda f=folder: read_release_folder(f, day))
            report.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return report


def import_live(results_url, counter_data_url, election_data_url, timeout=30, on_outcome=None):
    """Fetch the three files from the registrar's live URLs and import the release they hold.
    A follower runs this every few minutes: the same release fetched again is skipped."""
    stored = store_election_day(read_election_day(fetch(election_data_url, ELECTION_DATA, timeout)))
    report = Report(day=stored.report)
    if on_outcome:
        on_outcome(stored.report)

    def read():
        results = fetch(results_url, "results.json", timeout)
        counter_data = fetch(counter_data_url, "counter_data.json", timeout)
        return read_release_documents(results, counter_data, stored.feed, name="live")

    report.outcomes.append(_import(stored, "live", read, source_url=results_url))
    if on_outcome:
        on_outcome(report.outcomes[-1])
    return report


def _import(stored, name, read, source_url=""):
    try:
        release = read()
        return store_release(stored, release, source_url)
    except FeedRefused as refused:
        return Outcome(name, REFUSED, problem=refused.in_file)
