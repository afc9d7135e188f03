"""What sits beside a story: who it names, and the count then and now.

Reads the link rows the linker stored; nothing here parses the story. The count panels
come from what the store task built with each contest's count (public.stored_counts):
the table of every release as a story published after it saw it, the count now, and the
Standing of each, which the "since" notice is worded from. So a story page loads no vote
and builds no table. A contest whose stored count is older than the contest (a release
not stored yet, or no worker running) has its panels built here from its votes, by the
same functions: a reader never sees a count older than the database's.

Four queries when every count is stored: candidates, elections with their stored count
now, and release links with the stored table of each; two more for a contest that is not.
"""

from dataclasses import dataclass

from django.db.models import F, Func, JSONField, Prefetch, TextField, prefetch_related_objects
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive.models import ArticleRelease, shown_through
from elections.models import Election, Release, VoteCount
from public.models import StoredCount
from public.since import Standing, since_standing
from public.templatetags.counts import results_table
from public.timeline import ballots_text, current_step

NOW_TEMPLATE = "archive/_count_now.html"


@dataclass
class CountPanel:
    election: object
    then_html: str  # the count the story saw and its link, or "" if it saw none
    then_gave_votes: bool  # False where the count it saw gave only ballots
    now_html: str  # the count now, or "" where there is none
    since: object = None  # public.since.Since: what changed after the story, if anything


def then_part(release, past=True, url=None):
    """The count `release` (carrying results_cached) gave, as a story published after it
    shows it: its table or its ballots, and a link to the release. past: a later count
    has superseded it. Python, not a template: the store task builds one for every
    release of every contest a release changes; `url` is the release's address, where the
    caller has it."""
    day = dateformat.format(timezone.localtime(release.released_at), "N j, P")
    if release.results_cached.rows:
        count = results_table(release.results_cached, release, "Count when published", past=past)
    else:
        count = (
            '<p class="ballots-alone">The latest release then gave no votes, only '
            f"{escape(ballots_text(release))}.</p>"
        )
    return mark_safe(
        f'{count}<p class="panel-link"><a href="{escape(url or release.get_absolute_url())}">'
        f"Release {release.number}, {day}</a> · "
        f'<a href="{escape(release.election.get_absolute_url())}#timeline">'
        "Election timeline</a></p>"
    )


def now_part(election, now, is_same):
    """The count now, under a story whose own count was `now` itself (is_same) or not."""
    if now is None:
        return ""
    return render_to_string(NOW_TEMPLATE, {"election": election, "now": now, "is_same": is_same})


def stored_parts(election, steps):
    """What the store task keeps for the story pages of a contest, from its timeline:
    ({"standing", "then", "panel", "same"} of its count now, {release id: [then_part,
    standing]} of every release)."""
    releases = {}
    for step in steps:
        step.release.results_cached = step.results
        releases[str(step.release.pk)] = [
            then_part(step.release, url=step.url),
            Standing.of(step.release).as_json(),
        ]
    current = current_step(steps)
    if current is None:
        return {"standing": None}, releases
    now = current.release
    return {
        "standing": Standing.of(now).as_json(),
        "then": then_part(now, past=False, url=current.url),
        "panel": now_part(election, now, is_same=False),
        "same": now_part(election, now, is_same=True),
    }, releases


def story_sidebar(story):
    """Candidates, elections and count panels for one story, in a fixed number of queries."""
    candidate_links = list(
        story.candidate_links.shown()
        .select_related("candidate")
        .order_by("-mention_count", "candidate__name")
    )
    elections = list(
        Election.objects.filter(shown_through("article_links", article=story))
        .select_related("stored_count")
        .defer(*StoredCount.unread("stored_count", "now"))
        .order_by("-date")
    )
    release_links = _release_links(story).annotate(
        # Only the stored part of the release this link is to, not the contest's every one.
        stored_then=Func(
            F("release__election__stored_count__releases"),
            Cast("release_id", TextField()),
            function="jsonb_extract_path",
            output_field=JSONField(),
        ),
        stored_version=F("release__election__stored_count__version"),
    )
    then_by_election, reported = _sort_links(release_links)
    election_ids = _panel_elections(elections, then_by_election)
    stored_now = {e.pk: e.stored_count.now for e in elections if _is_current(e)}
    by_pk = {e.pk: e for e in elections}
    panels, stale = {}, []
    for election_id in election_ids:
        then = then_by_election.get(election_id)
        now = stored_now.get(election_id)
        stored_then = None
        if then is not None and then.stored_version == then.election.version:
            stored_then = then.stored_then
        if now is None or (then is not None and stored_then is None):
            stale.append(election_id)
            continue
        election = then.election if then is not None else by_pk[election_id]
        panel = _stored_panel(story, election, then, stored_then, now)
        if panel is not None:
            panels[election_id] = panel
    for election, then, now in _counts_from_votes(stale, then_by_election):
        panels[election.pk] = _panel(story, election, then, now)
    ordered = [panels[eid] for eid in election_ids if eid in panels]
    return {
        "candidate_links": candidate_links,
        "linked_elections": elections,
        "reported_releases": list(reported.values()),
        "count_panels": ordered,
        "since_notices": [panel.since for panel in ordered if panel.since],
    }


def counts_seen(story):
    """[(election, then, now)] for each contest in the story: the latest release when it
    was published and the latest now, as releases carrying results_cached (for embeds)."""
    elections = list(
        Election.objects.filter(shown_through("article_links", article=story)).order_by("-date")
    )
    then_by_election, _ = _sort_links(_release_links(story))
    return _counts_from_votes(_panel_elections(elections, then_by_election), then_by_election)


def _release_links(story):
    return (
        ArticleRelease.objects.shown()
        .filter(article=story)
        .select_related("release__election")
        .order_by("release__released_at")
    )


def _sort_links(release_links):
    """({election id: the release the story saw}, {release id: each release it reports})."""
    then_by_election, reported = {}, {}
    for link in release_links:
        release = link.release
        if link.reason == ArticleRelease.Reason.AT_PUBLICATION:
            release.stored_then = getattr(link, "stored_then", None)
            release.stored_version = getattr(link, "stored_version", None)
            then_by_election[release.election_id] = release
        else:
            reported.setdefault(release.pk, release)
    return then_by_election, reported


def _panel_elections(elections, then_by_election):
    """The contests with a panel: those the story names, then any whose count it saw."""
    linked = [e.pk for e in elections]
    return linked + [eid for eid in then_by_election if eid not in set(linked)]


def _is_current(election):
    stored = getattr(election, "stored_count", None)
    return stored is not None and stored.version == election.version


def _stored_panel(story, election, then, stored_then, now):
    now_standing = Standing.from_json(now["standing"]) if now["standing"] else None
    if then is None and now_standing is None:
        return None
    is_same = then is not None and now_standing is not None and now_standing.pk == then.pk
    if then is None:
        then_html, then_standing = "", None
    else:
        then_html = now["then"] if is_same else stored_then[0]
        then_standing = Standing.from_json(stored_then[1])
    now_html = "" if now_standing is None else (now["same"] if is_same else now["panel"])
    return CountPanel(
        election,
        # Built safe and stored; read back from the database as plain text.
        mark_safe(then_html),
        then_standing is not None and then_standing.leader is not None,
        mark_safe(now_html),
        since_standing(then_standing, now_standing, election, story.published_at),
    )


def _counts_from_votes(election_ids, then_by_election):
    """[(election, then, now)] built from the votes, in the order of election_ids."""
    if not election_ids:
        return []
    now_by_election = {
        r.election_id: r
        for r in Release.objects.filter(election_id__in=election_ids)
        .current_per_election()
        .select_related("election")
    }
    thens = [then_by_election[eid] for eid in election_ids if eid in then_by_election]
    shown = [*thens, *now_by_election.values()]
    prefetch_related_objects(
        shown,
        Prefetch("vote_counts", queryset=VoteCount.objects.select_related("candidacy__candidate")),
    )
    for release in shown:
        release.results_cached = release.results()
    counts = []
    for election_id in election_ids:
        then, now = then_by_election.get(election_id), now_by_election.get(election_id)
        if then is not None or now is not None:
            counts.append(((then or now).election, then, now))
    return counts


def _panel(story, election, then, now):
    is_same = then is not None and now is not None and then.pk == now.pk
    then_standing = Standing.of(then) if then is not None else None
    now_standing = Standing.of(now) if now is not None else None
    return CountPanel(
        election,
        then_part(then, past=not is_same) if then is not None else "",
        then_standing is not None and then_standing.leader is not None,
        now_part(election, now, is_same),
        since_standing(then_standing, now_standing, election, story.published_at),
    )
