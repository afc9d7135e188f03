"""Stories (Article), the outlets that publish them, and why each is linked to what."""

from archive.models.corrections import Correction
from archive.models.links import (
    ArticleCandidate,
    ArticleElection,
    ArticleRelease,
    Origin,
    shown_through,
)
from archive.models.questions import LinkQuestion
from archive.models.stories import Article, Publication
from archive.models.tags import story_taggings

__all__ = [
    "Article",
    "ArticleCandidate",
    "ArticleElection",
    "ArticleRelease",
    "Correction",
    "LinkQuestion",
    "Origin",
    "Publication",
    "shown_through",
    "story_taggings",
]
