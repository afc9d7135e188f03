import datetime

from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Count, Exists, IntegerField, Max, Min, OuterRef, Value
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import dates
from taggit.models import Tag

from archive.models import Article, ArticleElection, Correction, shown_through
from candidates.models import Candidate
from elections.models import Election, Release
from public import page_cache, timeline
from public.paging import UncountedPaginator, paginate
from public.story_panels import story_sidebar

STORIES_PER_PAGE = 20
HOME_STORIES = 10
# "In the news" means named in this many of the latest stories.
IN_THE_NEWS_WINDOW = 50
HOME_ELECTIONS = 4


def home(request):
    stories = Article.objects.published().for_cards()[:HOME_STORIES]
    elections = list(
        _covered_first(Election.objects.filter(status=Election.Status.COUNTING))[:HOME_ELECTIONS]
    )
    heading = "Elections now counting"
    if not elections:
        # Between elections, the most recent result is what a reader looks for.
        released = Release.objects.filter(election=OuterRef("pk"))
        elections = list(_covered_first(Election.objects.filter(Exists(released)))[:1])
        heading = "Latest result"
    current = Release.objects.filter(election__in=elections).current_per_election().with_results()
    by_election = {r.election_id: r for r in current}
    for election in elections:
        if election.pk in by_election:
            by_election[election.pk].election = election
    counts = [
        {
            "election": e,
            "release": by_election.get(e.pk),
            "results": by_election[e.pk].results() if e.pk in by_election else None,
        }
        for e in elections
    ]
    recent = Article.objects.published().order_by("-published_at").values("pk")[:IN_THE_NEWS_WINDOW]
    in_the_news = (
        Candidate.objects.filter(shown_through("article_links", article__in=recent))
        .annotate(story_count=Count("article_links"))
        .order_by("-story_count", "name")[:8]
    )
    return render(
        request,
        "archive/home.html",
        {
            "stories": stories,
            "counts": counts,
            "counts_heading": heading,
            "figures_updated": timeline.last_updated(by_election.values()),
            "in_the_news": in_the_news,
            "section": "home",
        },
    )


def _covered_first(elections):
    """The contests stories cover first, latest first: a county's feed brings hundreds of
    contests at once, and the home page has room for a few."""
    covered = ArticleElection.objects.shown().filter(election=OuterRef("pk"))
    return (
        elections.alias(covered=Exists(covered))
        .with_winners()
        .order_by("-covered", "-date", "jurisdiction", "office")
    )


def published_story(year, month, day, slug):
    """The public story at this address, or 404."""
    story = get_object_or_404(
        Article.objects.published().select_related("publication").prefetch_related("tags"),
        slug=slug,
    )
    try:
        day_asked = datetime.date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise Http404("No such date.") from exc
    if timezone.localtime(story.published_at).date() != day_asked:
        raise Http404("No story of that name on that day.")
    return story


def story_detail(request, year, month, day, slug):
    story = published_story(year, month, day, slug)
    sidebar = story_sidebar(story)
    corrections = list(story.corrections.filter(published_at__lte=timezone.now()))
    page_cache.shows(
        request,
        page_cache.story(story.pk),
        *(page_cache.contest(panel.election.pk) for panel in sidebar["count_panels"]),
        *(page_cache.contest(release.election_id) for release in sidebar["reported_releases"]),
    )
    return render(
        request,
        "archive/story_detail.html",
        {"story": story, "section": "stories", "corrections": corrections, **sidebar},
    )


@staff_member_required
def story_preview(request, pk):
    story = get_object_or_404(
        Article.objects.select_related("publication").prefetch_related("tags"), pk=pk
    )
    return render(
        request,
        "archive/story_detail.html",
        {
            "story": story,
            "is_preview": True,
            "corrections": story.corrections.all(),
            **story_sidebar(story),
        },
    )


class StoryArchiveMixin:
    """Published stories by date: Django's date views give the 404s for empty or bad dates."""

    date_field = "published_at"
    paginate_by = STORIES_PER_PAGE
    allow_future = False
    month_format = "%m"
    day_format = "%d"
    template_name = "archive/story_archive.html"
    paginator_class = UncountedPaginator

    def get_queryset(self):
        return Article.objects.published().for_cards()


class StoryIndex(StoryArchiveMixin, dates.ArchiveIndexView):
    allow_empty = True
    extra_context = {"period": "all", "section": "stories"}

    def get_dated_items(self):
        # Django lists the years by truncating every story's date: a sort of the whole
        # archive on each view. The first and last dates come from the index instead.
        qs = self.get_dated_queryset()
        span = qs.order_by().aggregate(first=Min("published_at"), last=Max("published_at"))
        if span["first"] is None:
            return [], qs.none(), {}
        first, last = (timezone.localtime(span[k]).year for k in ("first", "last"))
        return _years_with_stories(qs, first, last), qs, {}


def _years_with_stories(stories, first, last):
    """The years from last back to first that hold a story, newest first. The first and
    last hold one by definition; the years between are asked in one statement whose
    branch for each year stops at its first story in the date index."""

    def start(year):
        return timezone.make_aware(datetime.datetime(year, 1, 1))

    found = {first, last}
    branches = [
        stories.filter(published_at__gte=start(year), published_at__lt=start(year + 1))
        .order_by()
        .values(year=Value(year, output_field=IntegerField()))[:1]
        for year in range(first + 1, last)
    ]
    if branches:
        # order_by(): the union would otherwise sort by the model's ordering, a column it
        # does not return; one branch alone is sliced, and a slice cannot be reordered.
        rows = (
            branches[0].union(*branches[1:], all=True).order_by() if branches[1:] else branches[0]
        )
        found |= {row["year"] for row in rows}
    return [datetime.date(year, 1, 1) for year in range(last, first - 1, -1) if year in found]


class StoryYear(StoryArchiveMixin, dates.YearArchiveView):
    make_object_list = True
    extra_context = {"period": "year", "section": "stories"}


class StoryMonth(StoryArchiveMixin, dates.MonthArchiveView):
    extra_context = {"period": "month", "section": "stories"}


class StoryDay(StoryArchiveMixin, dates.DayArchiveView):
    extra_context = {"period": "day", "section": "stories"}


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    stories = Article.objects.published().for_cards().filter(tags=tag)
    page = paginate(stories, request, STORIES_PER_PAGE)
    return render(
        request, "archive/tag_detail.html", {"tag": tag, "page_obj": page, "section": "stories"}
    )


def corrections(request):
    """Every correction and clarification readers can see, newest first."""
    found = Correction.objects.public().select_related("article__publication")
    page = paginate(found.order_by("-published_at", "-pk"), request, STORIES_PER_PAGE)
    return render(request, "archive/corrections.html", {"page_obj": page, "section": "stories"})
