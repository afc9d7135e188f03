from django.urls import path

from archive import search_views, views

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
]
