from django.http import Http404
from django.shortcuts import get_object_or_404, render

from elections.models import Election


def election_detail(request, slug):
    election = get_object_or_404(Election, slug=slug)
    return render(request, "elections/election_detail.html", {"election": election})


def update_detail(request, slug, number):
    election = get_object_or_404(Election, slug=slug)
    releases = election.vote_updates.order_by("released_at")
    if number < 1:
        raise Http404("Releases are numbered from 1.")
    release = releases[number - 1 : number].first()
    if release is None:
        raise Http404("No such release.")
    return render(
        request,
        "elections/update_detail.html",
        {"election": election, "release": release, "number": number},
    )
