from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config import health, seo
from config.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("candidates/", include("candidates.urls")),
    path("elections/", include("elections.urls")),
    path("", include("archive.urls")),
]
