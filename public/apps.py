from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The reader's site: pages, feeds, exports, sitemaps and the page cache."""

    name = "public"
    verbose_name = "Reader's site"

    def ready(self):
        from public import page_cache, stored_counts

        page_cache.connect_signals()
        stored_counts.connect()
