from django.urls import path

from archive import feeds, search_views, views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search, name="search"),
    path("stories/", views.StoryIndex.as_view(), name="story_index"),
    path("stories/<int:year>/", views.StoryYear.as_view(), name="story_year"),
    path("stories/<int:year>/<int:month>/", views.StoryMonth.as_view(), name="story_month"),
    path(
        "stories/<int:year>/<int:month>/<int:day>/",
        views.StoryDay.as_view(),
        name="story_day",
    ),
    path(
        "stories/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.story_detail,
        name="story_detail",
    ),
    path("stories/preview/<int:pk>/", views.story_preview, name="story_preview"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
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
    path("tags/<slug:slug>/feed/", feeds.TagStories(), name="tag_feed"),
    path("tags/<slug:slug>/feed/atom/", feeds.atom(feeds.TagStories)(), name="tag_feed_atom"),
]
