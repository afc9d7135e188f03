from django.urls import path

from public import feeds
from public.page_cache import STORIES, cached_page
from public.urls import converters
from public.views import embeds
from public.views import search as search_views
from public.views import stories as views

converters.register()

app_name = "archive"

urlpatterns = [
    path("", cached_page(views.home, reads=[]), name="home"),
    path("search/", search_views.search, name="search"),
    path(
        "stories/",
        cached_page(views.StoryIndex.as_view(), reads=["page"], tags=[STORIES]),
        name="story_index",
    ),
    path(
        "stories/<year:year>/",
        cached_page(views.StoryYear.as_view(), reads=["page"], tags=[STORIES]),
        name="story_year",
    ),
    path(
        "stories/<year:year>/<month:month>/",
        cached_page(views.StoryMonth.as_view(), reads=["page"], tags=[STORIES]),
        name="story_month",
    ),
    path(
        "stories/<year:year>/<month:month>/<day:day>/",
        cached_page(views.StoryDay.as_view(), reads=["page"], tags=[STORIES]),
        name="story_day",
    ),
    path(
        "stories/<year:year>/<month:month>/<day:day>/<slug:slug>/",
        cached_page(views.story_detail, reads=[]),
        name="story_detail",
    ),
    path(
        "corrections/",
        cached_page(views.corrections, reads=["page"], tags=[STORIES]),
        name="corrections",
    ),
    path("corrections/feed/", feeds.Corrections(), name="corrections_feed"),
    path("corrections/feed/atom/", feeds.atom(feeds.Corrections)(), name="corrections_feed_atom"),
    *embeds.embed_paths(
        "stories/<year:year>/<month:month>/<day:day>/<slug:slug>/",
        embeds.story_embed,
        "story_embed",
    ),
    path("stories/preview/<int:pk>/", views.story_preview, name="story_preview"),
    path(
        "tags/<tag:slug>/",
        cached_page(views.tag_detail, reads=["page"], tags=[STORIES]),
        name="tag_detail",
    ),
    path("feeds/latest/", feeds.LatestStories(), name="feed_latest"),
    path("feeds/latest/atom/", feeds.atom(feeds.LatestStories)(), name="feed_latest_atom"),
    path("candidates/<slug:slug>/feed/", feeds.CandidateStories(), name="candidate_feed"),
    path(
        "candidates/<slug:slug>/feed/atom/",
        feeds.atom(feeds.CandidateStories)(),
        name="candidate_feed_atom",
    ),
    path("elections/<slug:slug>/feed/", feeds.ElectionTimeline(), name="election_feed"),
    path(
        "elections/<slug:slug>/feed/atom/",
        feeds.atom(feeds.ElectionTimeline)(),
        name="election_feed_atom",
    ),
    path("tags/<tag:slug>/feed/", feeds.TagStories(), name="tag_feed"),
    path("tags/<tag:slug>/feed/atom/", feeds.atom(feeds.TagStories)(), name="tag_feed_atom"),
]
