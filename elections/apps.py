from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = "Elections and results"

    def ready(self):
        from elections import versions

        versions.connect()
