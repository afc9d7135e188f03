"""Every address a reader can visit; the desk's are under /admin/ (config/urls.py)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from public import health, seo
from public.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("candidates/", include("public.urls.candidates")),
    path("elections/", include("public.urls.elections")),
    path("", include("public.urls.stories")),
]
