from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from archive.models import Article
from candidates.models import Candidate
from elections.models import Candidacy
from public import page_cache, stored_counts
from public.models import StoredCount
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
    candidacies = list(
        candidate.candidacies.select_related("election__stored_count")
        .defer(*StoredCount.unread("election__stored_count", "races"))
        .order_by("-election__date")
    )
    page_cache.shows(
        request, page_cache.STORIES, *(page_cache.contest(c.election_id) for c in candidacies)
    )
    races = stored_counts.races_for(candidate, candidacies)
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
            "figures_updated": max(
                (race["updated"] for race in races if race["updated"]), default=None
            ),
            "page_obj": page,
            "section": "candidates",
        },
    )
