from django.shortcuts import get_object_or_404, render

from elections.models import Election


def election_detail(request, slug):
    election = get_object_or_404(Election, slug=slug)
    return render(request, "elections/election_detail.html", {"election": election})
