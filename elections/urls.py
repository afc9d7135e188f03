from django.urls import path

from elections import exports, views

app_name = "elections"

urlpatterns = [
    path("", views.election_list, name="election_list"),
    path("<slug:slug>/", views.election_detail, name="election_detail"),
    path("<slug:slug>/updates/<int:number>/", views.update_detail, name="update_detail"),
    path("<slug:slug>/results.csv", exports.results_csv, name="results_csv"),
    path("<slug:slug>/results.json", exports.results_json, name="results_json"),
]
