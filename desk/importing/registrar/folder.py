"""An archived feed on disk: election_data.json beside one folder per release, named for the
time it was captured ("2022-11-10T16-23-14"), so that names sort in the order of publication."""

from pathlib import Path

from desk.importing.registrar.counter_data import COUNTER_DATA
from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.release import Release, read_release_documents
from desk.importing.registrar.results_file import RESULTS


def read_release_folder(path, election_day) -> Release:
    path = Path(path)
    return read_release_documents(
        _read(path / RESULTS, path.name, missing_ok=True),
        _read(path / COUNTER_DATA, path.name, missing_ok=True),
        election_day,
        name=path.name,
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
