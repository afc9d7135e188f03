"""/sitemap.xml: public stories with their last change, candidates, and elections with their
latest release. One file holds up to 50,000 addresses; past that, Django's sitemap index is the
next step."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from archive.models import Article
from candidates.models import Candidate
from elections.models import Election


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["archive:home"]

    def location(self, item):
        return reverse(item)


class StorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class CandidateSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Candidate.objects.order_by("slug").only("slug")


class ElectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return Election.objects.annotate(last_release=Max("vote_updates__released_at")).order_by(
            "-date", "slug"
        )

    def lastmod(self, item):
        return item.last_release


SITEMAPS = {
    "home": HomeSitemap,
    "stories": StorySitemap,
    "candidates": CandidateSitemap,
    "elections": ElectionSitemap,
}
