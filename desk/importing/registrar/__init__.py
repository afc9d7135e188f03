"""Read the Los Angeles County Registrar's results feed into plain, checked Python data.

The feed (../shared/data/README.md) is JSON files: election_data.json, the election day with
every contest and choice and their IDs (election_day.py). Nothing here touches the database:
anything amiss raises FeedRefused, whose message names the file and the problem.
"""

from desk.importing.registrar.documents import FeedRefused
from desk.importing.registrar.election_day import (
    Choice,
    Contest,
    ContestGroup,
    ElectionDay,
    read_election_day,
)

__all__ = [
    "Choice",
    "Contest",
    "ContestGroup",
    "ElectionDay",
    "FeedRefused",
    "read_election_day",
]
