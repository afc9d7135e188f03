from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from archive.models import Article
from candidates.models import Candidate
from elections.models import Candidacy
from public import page_cache, timeline
from public.paging import paginate

CANDIDATES_PER_PAGE = 50
STORIES_PER_PAGE = 20


def candidate_list(request):
    candidates = Candidate.objects.order_by("name").prefetch_related(
        Prefetch(
            "candidacies",
            queryset=Candidacy.objects.select_related("election").order_by("-election__date"),
        )
    )
    page = Paginator(candidates, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "candidates/candidate_list.html", {"page_obj": page, "section": "candidates"}
    )


def candidate_detail(request, slug):
    candidate = get_object_or_404(Candidate, slug=slug)
    candidacies = list(candidate.candidacies.select_related("election").order_by("-election__date"))
    page_cache.shows(
        request, page_cache.STORIES, *(page_cache.contest(c.election_id) for c in candidacies)
    )
    steps_by_election = timeline.load_steps_by_election(
        [c.election for c in candidacies], candidacies
    )
    races = []
    for candidacy in candidacies:
        steps = steps_by_election.get(candidacy.election_id, [])
        rows = [(s, s.share_of(candidacy.pk)) for s in steps]
        rows = [(s, row) for s, row in rows if row is not None]
        current = timeline.current_step(steps)
        races.append(
            {
                "candidacy": candidacy,
                # The count the race's page leads with, and the candidate's line of it.
                "current": current,
                "current_row": current.share_of(candidacy.pk) if current else None,
                "rows_html": timeline.candidate_rows_html(rows),
                "election": candidacy.election,
                "rows": rows,
                "chart": timeline.candidate_chart(
                    candidate,
                    candidacy.election,
                    steps,
                    candidacy.pk,
                    chart_id=f"share-{candidacy.election.slug}",
                )
                if len(rows) >= 2
                else "",
            }
        )
    stories = (
        Article.objects.published().for_cards().naming(candidate).order_by("-published_at", "-id")
    )
    page = paginate(stories, request, STORIES_PER_PAGE)
    return render(
        request,
        "candidates/candidate_detail.html",
        {
            "candidate": candidate,
            "races": races,
            "figures_updated": timeline.last_updated(
                step.release for steps in steps_by_election.values() for step in steps
            ),
            "page_obj": page,
            "section": "candidates",
        },
    )
