from django.urls import path

from elections import views

app_name = "elections"

urlpatterns = [
    path("", views.election_list, name="election_list"),
    path("<slug:slug>/", views.election_detail, name="election_detail"),
    path("<slug:slug>/updates/<int:number>/", views.update_detail, name="update_detail"),
]
