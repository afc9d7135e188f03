from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Full-text search over stories, with filter counts and candidates' names."""

    name = "search"
    verbose_name = "Search"
