from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "stories/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.story_detail,
        name="story_detail",
    ),
    path("stories/preview/<int:pk>/", views.story_preview, name="story_preview"),
]
