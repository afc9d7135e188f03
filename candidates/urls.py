from django.urls import path

from candidates import views
from config.page_cache import cached_page

app_name = "candidates"

urlpatterns = [
    path("", cached_page(views.candidate_list), name="candidate_list"),
    path("<slug:slug>/", cached_page(views.candidate_detail), name="candidate_detail"),
]
