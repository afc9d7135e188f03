import datetime

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from archive.models import Article


def home(request):
    stories = Article.objects.published().select_related("publication")[:20]
    return render(request, "archive/home.html", {"stories": stories})


def story_detail(request, year, month, day, slug):
    story = get_object_or_404(Article.objects.published().select_related("publication"), slug=slug)
    try:
        day_asked = datetime.date(year, month, day)
    except ValueError as exc:
        raise Http404("No such date.") from exc
    if timezone.localtime(story.published_at).date() != day_asked:
        raise Http404("No story of that name on that day.")
    return render(request, "archive/story_detail.html", {"story": story})


@staff_member_required
def story_preview(request, pk):
    story = get_object_or_404(Article.objects.select_related("publication"), pk=pk)
    return render(request, "archive/story_detail.html", {"story": story, "is_preview": True})
