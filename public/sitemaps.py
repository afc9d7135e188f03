"""/sitemap.xml: an index of one sitemap per section (public stories with their last revision,
candidates, and elections and election days with their latest release). A section past 50,000
addresses is split into pages (?p=2), each listed in the index, so an archive of any size is
fully listed."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from archive.models import Article
from candidates.models import Candidate
from elections.models import Election, ElectionDay


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
        # A stable order, so that page 2 of the section is the same list tomorrow.
        return Article.objects.published().only("slug", "published_at", "revised_at").order_by("pk")

    def lastmod(self, item):
        # A real edit or a correction, not a relink or the day the demo was loaded.
        return item.modified_at


class CandidateSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Candidate.objects.order_by("slug").only("slug")


class ElectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return Election.objects.annotate(last_release=Max("releases__released_at")).order_by(
            "-date", "slug"
        )

    def lastmod(self, item):
        return item.last_release


class ElectionDaySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return ElectionDay.objects.annotate(
            last_release=Max("contests__releases__released_at")
        ).order_by("-date", "slug")

    def lastmod(self, item):
        return item.last_release


SITEMAPS = {
    "home": HomeSitemap,
    "stories": StorySitemap,
    "candidates": CandidateSitemap,
    "elections": ElectionSitemap,
    "election-days": ElectionDaySitemap,
}
