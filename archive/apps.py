from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Stories"

    def ready(self):
        from archive import changes

        changes.connect()
