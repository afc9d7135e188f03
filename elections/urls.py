from django.urls import path

from elections import views

app_name = "elections"

urlpatterns = [
    path("<slug:slug>/", views.election_detail, name="election_detail"),
    path("<slug:slug>/updates/<int:number>/", views.update_detail, name="update_detail"),
]
