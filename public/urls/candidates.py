from django.urls import path

from public.page_cache import cached_page
from public.views import candidates as views

app_name = "candidates"

urlpatterns = [
    path("", cached_page(views.candidate_list, reads=["page"], tags=[]), name="candidate_list"),
    path(
        "<slug:slug>/", cached_page(views.candidate_detail, reads=["page"]), name="candidate_detail"
    ),
]
