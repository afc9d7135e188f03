from django.urls import path

from public import exports
from public.page_cache import COUNTS, cached_page
from public.views import elections as views
from public.views import embeds

app_name = "elections"

urlpatterns = [
    path("", cached_page(views.election_list, reads=["page"], tags=[COUNTS]), name="election_list"),
    path(
        "days/<slug:slug>/",
        cached_page(views.election_day_detail, reads=[], tags=[COUNTS]),
        name="election_day_detail",
    ),
    path(
        "<slug:slug>/", cached_page(views.election_detail, reads=["page"]), name="election_detail"
    ),
    path(
        "<slug:slug>/updates/<int:number>/",
        cached_page(views.release_detail, reads=["page"]),
        name="release_detail",
    ),
    *embeds.embed_paths("<slug:slug>/updates/<int:number>/", embeds.release_embed, "release_embed"),
    path("<slug:slug>/results.csv", cached_page(exports.results_csv, reads=[]), name="results_csv"),
    path(
        "<slug:slug>/results.json", cached_page(exports.results_json, reads=[]), name="results_json"
    ),
]
