"""An archived feed on disk: election_data.json beside one folder per release, named for the
time it was captured ("2022-11-10T16-23-14"), so that names sort in the order of publication."""

from dataclasses import dataclass
from pathlib import Path

from desk.importing.registrar.counter_data import COUNTER_DATA
from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.election_day import ELECTION_DATA, ElectionDay, read_election_day
from desk.importing.registrar.release import Release, read_release_documents
from desk.importing.registrar.results_file import RESULTS


@dataclass(frozen=True)
class Feed:
    election_day: ElectionDay
    releases: tuple[Release, ...]


def read_feed_folder(path) -> Feed:
    """Every release of an archived feed, in order, each after the one before."""
    path = Path(path)
    if not path.is_dir():
        raise FeedRefused(None, str(path), "is not a folder")
    election_day = read_election_day(_read(path / ELECTION_DATA, None))
    releases = []
    for folder in sorted(p for p in path.iterdir() if p.is_dir()):
        release = read_release_folder(folder, election_day)
        if releases:
            check_follows(releases[-1], release)
        releases.append(release)
    return Feed(election_day, tuple(releases))


def read_release_folder(path, election_day) -> Release:
    path = Path(path)
    return read_release_documents(
        _read(path / RESULTS, path.name, missing_ok=True),
        _read(path / COUNTER_DATA, path.name, missing_ok=True),
        election_day,
        name=path.name,
    )


def check_follows(previous: Release, release: Release):
    """A release must be timed after the one before it. One timed earlier or at the same second
    is a stale copy, a clock gone wrong or a folder misnamed; importing it would rewrite the
    race's history out of order."""
    if release.released_at <= previous.released_at:
        went = "repeats" if release.released_at == previous.released_at else "goes back before"
        raise FeedRefused(
            release.name,
            None,
            f"is timed {release.released_at.isoformat()}, which {went} the release before it "
            f"({previous.name}, timed {previous.released_at.isoformat()})",
        )


def _read(path, release, missing_ok=False):
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return None
        raise FeedRefused(release, path.name, f"is missing from {path.parent}") from None
    except OSError as exc:
        raise FeedRefused(release, path.name, f"cannot be read: {exc.strerror}") from None
