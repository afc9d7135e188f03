from itertools import groupby

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from archive.models import Article
from elections.models import Election, ElectionDay, Release
from public import page_cache, stored_counts, timeline
from public.models import StoredCount
from public.paging import paginate

ELECTIONS_PER_PAGE = 25
STORIES_PER_PAGE = 50
# Beyond any real count, and far below where a slice's offset would overflow bigint.
MAX_RELEASE_NUMBER = 1_000_000


def election_list(request):
    elections = Election.objects.with_winners().order_by("-date", "jurisdiction", "office")
    page = Paginator(elections, ELECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    days = ElectionDay.objects.order_by("-date", "title") if page.number == 1 else []
    rows = _with_current_release(page.object_list)
    return render(
        request,
        "elections/election_list.html",
        {
            "page_obj": page,
            "rows": rows,
            "figures_updated": timeline.last_updated(row["release"] for row in rows),
            "days": days,
            "section": "elections",
        },
    )


def election_day_detail(request, slug):
    """An authority's election day: its contests by group, in the authority's order, each
    with where it stands. Four queries, however many contests."""
    day = get_object_or_404(ElectionDay, slug=slug)
    contests = day.contests.with_winners().order_by("position", "pk")
    rows = _with_current_release(contests)
    groups = [
        {"name": name or "Contests", "rows": list(members)}
        for name, members in groupby(rows, key=lambda row: row["election"].group)
    ]
    return render(
        request,
        "elections/election_day_detail.html",
        {
            "section": "elections",
            "day": day,
            "groups": groups,
            "contest_count": len(rows),
            "figures_updated": timeline.last_updated(row["release"] for row in rows),
        },
    )


def _with_current_release(elections):
    """[{election, release, results}]: each election with the release a reader wants now
    (see current_per_election), in two queries for them all."""
    elections = list(elections)
    current = {
        release.election_id: release
        for release in Release.objects.filter(election__in=elections)
        .current_per_election()
        .with_results()
    }
    rows = []
    for election in elections:
        release = current.get(election.pk)
        if release:
            release.election = election
        election.release_count = release.release_total if release else 0
        results = _results(release)
        by_candidacy = {row.candidacy.pk: row for row in results.rows} if results else {}
        # Who won, with their figures from the count shown: outcome and count side by side.
        verdict = [(c, by_candidacy.get(c.pk)) for c in getattr(election, "winners", [])]
        rows.append(
            {"election": election, "release": release, "results": results, "verdict": verdict}
        )
    return rows


def _results(release):
    return release.results() if release else None


def election_detail(request, slug):
    election = get_object_or_404(
        Election.objects.select_related("follows", "election_day", "stored_count").defer(
            "election_day__election_data", *StoredCount.unread("stored_count", "html", "steps")
        ),
        slug=slug,
    )
    page_cache.shows(request, page_cache.STORIES, page_cache.contest(election.pk))
    count_html, steps = stored_counts.for_page(election)
    stories = (
        Article.objects.published().for_cards().covering(election).order_by("published_at", "id")
    )
    page = paginate(stories, request, STORIES_PER_PAGE)
    before_any = timeline.group_stories(steps, list(page.object_list))
    return render(
        request,
        "elections/election_detail.html",
        {
            "section": "elections",
            "election": election,
            "followed_by": list(election.followed_by.all()),
            "count_html": count_html,
            "page_obj": page,
            "stories_before_any": before_any,
            "steps_with_stories": [s for s in steps if s.stories],
        },
    )


def release_detail(request, slug, number):
    election = get_object_or_404(Election, slug=slug)
    page_cache.shows(request, page_cache.STORIES, page_cache.contest(election.pk))
    if not 1 <= number <= MAX_RELEASE_NUMBER:
        raise Http404("Releases are numbered from 1.")
    # The ones before give the link back and the change (from the latest that gave votes);
    # the one after, the link onward.
    around = list(election.releases.around(number).with_results())
    release = next((r for r in around if r.number == number), None)
    if release is None:
        raise Http404("No such release.")
    before = [timeline.Step(r, r.results()) for r in around if r.released_at < release.released_at]
    later = [r for r in around if r.released_at > release.released_at]
    step = timeline.Step(release, release.results())
    step.previous = before[-1] if before else None
    step.compared = next((s for s in reversed(before) if s.gives_votes), None)
    following = later[0] if later else None
    # A count since superseded by one that gave votes tells how the race stood, not stands.
    superseded = any(r.vote_counts.all() for r in later)
    reporting = Article.objects.published().for_cards().reporting(release)
    page = paginate(reporting, request, STORIES_PER_PAGE)
    return render(
        request,
        "elections/release_detail.html",
        {
            "section": "elections",
            "election": election,
            "release": release,
            "number": number,
            "step": step,
            "following": following,
            "superseded": superseded,
            "page_obj": page,
        },
    )
