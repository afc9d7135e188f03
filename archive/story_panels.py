"""What sits beside a story: who it names, and the count then and now.

Reads the link rows the linker stored; nothing here parses the story.
"""

from dataclasses import dataclass

from archive.models import ArticleVoteUpdate
from elections.models import Election, VoteUpdate


@dataclass
class CountPanel:
    election: object
    then: object  # the release that was the latest when the story was published
    now: object  # the certified result, or the latest release

    @property
    def is_same(self):
        return self.then is not None and self.now is not None and self.then.pk == self.now.pk


def _with_results(release):
    if release is not None:
        release.results_cached = release.results()
    return release


def story_sidebar(story):
    """Candidates, elections and count panels for one story, in a fixed number of queries."""
    candidate_links = list(
        story.candidate_links.filter(is_suppressed=False)
        .select_related("candidate")
        .order_by("-mention_count", "candidate__name")
    )
    elections = list(
        Election.objects.filter(
            article_links__article=story, article_links__is_suppressed=False
        ).order_by("-date")
    )
    links = VoteUpdate.objects.filter(
        article_links__article=story, article_links__is_suppressed=False
    )
    at_publication = list(
        links.filter(article_links__reason=ArticleVoteUpdate.Reason.AT_PUBLICATION)
        .select_related("election")
        .with_number()
        .with_results()
    )
    reported = list(
        links.filter(
            article_links__reason__in=[
                ArticleVoteUpdate.Reason.QUOTED,
                ArticleVoteUpdate.Reason.EDITOR,
            ]
        )
        .select_related("election")
        .with_number()
        .distinct()
        .order_by("released_at")
    )
    then_by_election = {r.election_id: r for r in at_publication}
    election_ids = [e.pk for e in elections] + [
        eid for eid in then_by_election if eid not in {e.pk for e in elections}
    ]
    now_by_election = {
        r.election_id: r
        for r in VoteUpdate.objects.filter(election_id__in=election_ids)
        .current_per_election()
        .select_related("election")
        .with_number()
        .with_results()
    }
    panels = []
    for election_id in election_ids:
        then = _with_results(then_by_election.get(election_id))
        now = _with_results(now_by_election.get(election_id))
        if then is None and now is None:
            continue
        election = (then or now).election
        panels.append(CountPanel(election, then, now))
    return {
        "candidate_links": candidate_links,
        "linked_elections": elections,
        "reported_releases": reported,
        "count_panels": panels,
    }
