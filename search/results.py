"""What a search found, in the shape the search templates read.

Plain data, filled in by search.query: the counts beside each filter, the cards
of the candidates the query named, and the page of stories as a Django Page.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page


@dataclass
class FacetValue:
    """A filter's value and how many matching stories have it; a year links by its dates."""

    key: str
    label: str
    count: int
    is_selected: bool = False

    @property
    def since(self):
        return f"{self.key}-01-01"

    @property
    def until(self):
        return f"{self.key}-12-31"


@dataclass
class CandidateCard:
    slug: str
    name: str
    url: str
    candidacies: list = field(default_factory=list)  # [(election label, url, outcome label)]
    story_count: int = 0
    match_count: int = 0  # among the stories matching the rest of the query


@dataclass
class SearchResults:
    params: dict
    text: str = ""  # what the full-text search looked for
    corrected_from: str = ""  # the query as typed, when a misspelt name was corrected
    rest: str = ""  # the query without the candidate's name
    sort: str = "newest"
    total: int = 0
    page_obj: Page | None = None  # the page's stories, as the pagination partial reads them
    facets: dict = field(default_factory=dict)
    cards: list = field(default_factory=list)
    selected: dict = field(default_factory=dict)  # filter -> label
    message: str = ""
    status: int = 200
    is_browsing: bool = False  # no words, no filters: counts by link are left out
