"""Election days and their contests, candidacies, releases of counts and the votes in them."""

from elections.models.contests import (
    Candidacy,
    CandidacyOutcome,
    ContestKind,
    Election,
    ElectionDay,
    ElectionStage,
    ElectionStatus,
)
from elections.models.releases import FeedRelease, Release, VoteCount

__all__ = [
    "Candidacy",
    "CandidacyOutcome",
    "ContestKind",
    "Election",
    "ElectionDay",
    "ElectionStage",
    "ElectionStatus",
    "FeedRelease",
    "Release",
    "VoteCount",
]
