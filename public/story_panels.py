"""What sits beside a story: who it names, and the count then and now.

Reads the link rows the linker stored; nothing here parses the story. Five
queries whatever the story links to: candidates, elections, release links, the
current releases, and one batch of vote_counts for every release shown.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from archive.models import ArticleRelease, shown_through
from elections.models import Election, Release, VoteCount
from public.since import since


@dataclass
class CountPanel:
    election: object
    then: object  # the release that was the latest when the story was published
    now: object  # the certified result, or the latest release
    since: object = None  # public.since.Since: what changed after the story, if anything

    @property
    def is_same(self):
        return self.then is not None and self.now is not None and self.then.pk == self.now.pk


def story_sidebar(story):
    """Candidates, elections and count panels for one story, in a fixed number of queries."""
    candidate_links = list(
        story.candidate_links.shown()
        .select_related("candidate")
        .order_by("-mention_count", "candidate__name")
    )
    elections = list(
        Election.objects.filter(shown_through("article_links", article=story)).order_by("-date")
    )
    release_links = list(
        ArticleRelease.objects.shown()
        .filter(article=story)
        .select_related("release__election")
        .order_by("release__released_at")
    )
    then_by_election, reported = {}, {}
    for link in release_links:
        release = link.release
        if link.reason == ArticleRelease.Reason.AT_PUBLICATION:
            then_by_election[release.election_id] = release
        else:
            reported.setdefault(release.pk, release)
    linked_ids = {e.pk for e in elections}
    election_ids = [e.pk for e in elections] + [
        eid for eid in then_by_election if eid not in linked_ids
    ]
    now_by_election = {
        r.election_id: r
        for r in Release.objects.filter(election_id__in=election_ids)
        .current_per_election()
        .select_related("election")
    }
    shown = [*then_by_election.values(), *now_by_election.values()]
    prefetch_related_objects(
        shown,
        Prefetch("vote_counts", queryset=VoteCount.objects.select_related("candidacy__candidate")),
    )
    for release in shown:
        release.results_cached = release.results()
    panels = []
    for election_id in election_ids:
        then, now = then_by_election.get(election_id), now_by_election.get(election_id)
        if then is None and now is None:
            continue
        changed = since(then, now, story.published_at)
        panels.append(CountPanel((then or now).election, then, now, changed))
    return {
        "candidate_links": candidate_links,
        "linked_elections": elections,
        "reported_releases": list(reported.values()),
        "count_panels": panels,
        "since_notices": [panel.since for panel in panels if panel.since],
    }
