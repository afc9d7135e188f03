"""One address of each kind of page a reader can open, on the demo archive: what the
accessibility, markup and screenshot checks go through."""

from archive.models import Article
from elections.models import ElectionDay
from tests.demo_releases import THURSDAY, at

NOT_FOUND = "not-found"


def reader_pages():
    story = Article.objects.get(slug="bass-narrows-gap-thursday-count")
    since = Article.objects.get(slug="caruso-holds-early-edge-over-bass")
    day = ElectionDay.objects.order_by("date").last()
    return {
        "home": "/",
        "stories": "/stories/",
        "stories-year": "/stories/2022/",
        "stories-month": "/stories/2022/11/",
        "stories-day": "/stories/2022/11/10/",
        "story": story.get_absolute_url(),
        "story-since": since.get_absolute_url(),
        "candidates": "/candidates/",
        "candidate": "/candidates/karen-bass/",
        "elections": "/elections/",
        "election": "/elections/los-angeles-mayor-2022-11-08/",
        "election-primary": "/elections/los-angeles-mayor-2022-06-07/",
        "election-scheduled": "/elections/los-angeles-mayor-2026-06-02/",
        "election-day": day.get_absolute_url(),
        "release": at(THURSDAY).get_absolute_url(),
        "tag": "/tags/vote-count/",
        "search": "/search/?q=bass",
        "search-none": "/search/?q=zzzzqqq",
        "corrections": "/corrections/",
        NOT_FOUND: "/stories/1999/",
    }
