from django.shortcuts import get_object_or_404, render

from candidates.models import Candidate


def candidate_detail(request, slug):
    candidate = get_object_or_404(Candidate, slug=slug)
    return render(request, "candidates/candidate_detail.html", {"candidate": candidate})
