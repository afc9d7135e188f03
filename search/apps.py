from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Full-text search over stories, with filter counts and candidates' names."""

    name = "search"
    verbose_name = "Search"

    def ready(self):
        from candidates.events import names_changed
        from search.names import forget_names

        names_changed.connect(forget_names, dispatch_uid="search.names.forget_names")
