from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Stories"

    def ready(self):
        from archive import facet_ids
        from config import page_cache

        page_cache.connect_signals()
        facet_ids.connect_signals()
