from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from archive.models import Article
from elections.models import Election, Release
from public import timeline
from public.paging import paginate

ELECTIONS_PER_PAGE = 25
STORIES_PER_PAGE = 50
# Beyond any real count, and far below where a slice's offset would overflow bigint.
MAX_RELEASE_NUMBER = 1_000_000


def election_list(request):
    elections = Election.objects.with_winners().order_by("-date", "jurisdiction", "office")
    page = Paginator(elections, ELECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    current = {
        release.election_id: release
        for release in Release.objects.filter(election__in=list(page.object_list))
        .current_per_election()
        .with_results()
    }
    for election in page.object_list:
        release = current.get(election.pk)
        if release:
            release.election = election
        election.release_count = release.release_total if release else 0
    rows = [
        {"election": e, "release": current.get(e.pk), "results": _results(current.get(e.pk))}
        for e in page.object_list
    ]
    return render(
        request,
        "elections/election_list.html",
        {"page_obj": page, "rows": rows, "section": "elections"},
    )


def _results(release):
    return release.results() if release else None


def election_detail(request, slug):
    election = get_object_or_404(Election.objects.select_related("follows"), slug=slug)
    candidacies = list(election.candidacies.select_related("candidate").order_by("candidate__name"))
    steps = timeline.load_steps(election, candidacies)
    candidacies = timeline.candidacies_in_order(steps, candidacies)
    stories = (
        Article.objects.published().for_cards().covering(election).order_by("published_at", "id")
    )
    page = paginate(stories, request, STORIES_PER_PAGE)
    before_any = timeline.group_stories(steps, list(page.object_list))
    current = timeline.current_step(steps)
    return render(
        request,
        "elections/election_detail.html",
        {
            "section": "elections",
            "election": election,
            "followed_by": list(election.followed_by.all()),
            "candidacies": candidacies,
            "steps": steps,
            "current": current,
            "ballots_since": timeline.ballots_alone_since(steps, current),
            "gives_votes": any(step.gives_votes for step in steps),
            "share_table": timeline.share_table(steps, candidacies),
            "share_chart": timeline.share_chart(election, steps, candidacies),
            "ballots_chart": timeline.ballots_chart(election, steps),
            "page_obj": page,
            "stories_before_any": before_any,
            "steps_with_stories": [s for s in steps if s.stories],
        },
    )


def release_detail(request, slug, number):
    election = get_object_or_404(Election, slug=slug)
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
            "page_obj": page,
        },
    )
