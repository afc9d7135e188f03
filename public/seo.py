"""What search engines are told: robots.txt here, the sitemap in config/sitemaps.py, and each
page's canonical and Open Graph tags in templates/includes/_meta.html."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Previews are staff-only and search pages are endless combinations of filters: neither belongs
# in an index.
DISALLOWED = ["/admin/", "/stories/preview/", "/search/"]


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
