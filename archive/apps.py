from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Stories"

    def ready(self):
        from archive import facet_ids

        facet_ids.connect_signals()
