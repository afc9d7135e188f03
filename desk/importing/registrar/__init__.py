"""Read the Los Angeles County Registrar's results feed into plain, checked Python data.

The feed (../shared/data/README.md) is three JSON files: election_data.json, the election day
with every contest and choice and their IDs (election_day.py), and for each release
results.json, votes per choice named but without IDs (results_file.py), and counter_data.json,
figures keyed by those IDs (counter_data.py, whose docstring says what each figure means).
release.py reads one release from the files' bytes, so the archive and a live follower share
it; folder.py reads an archived feed in order. The reader touches no database: anything amiss
raises FeedRefused, whose message names the release, the file and the problem.

The importer stores what the reader read (manage.py import_registrar): contests.py the election
day and its contests, choices.py each line of the ballot, people.py the candidates behind
ballot names, storing.py one release per transaction, and importing.py a folder or one fetch of
the live feed (fetching.py), in time order.
"""

from desk.importing.registrar.counter_data import ContestFigures, CountyFigures
from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.election_day import (
    Choice,
    Contest,
    ContestGroup,
    ElectionDay,
    read_election_day,
)
from desk.importing.registrar.folder import (
    Feed,
    check_follows,
    read_feed_folder,
    read_release_folder,
)
from desk.importing.registrar.release import Release, read_release_documents

__all__ = [
    "Choice",
    "Contest",
    "ContestFigures",
    "ContestGroup",
    "CountyFigures",
    "ElectionDay",
    "Feed",
    "FeedRefused",
    "Release",
    "check_follows",
    "read_election_day",
    "read_feed_folder",
    "read_release_documents",
    "read_release_folder",
]
