import pytest


@pytest.fixture
def demo(db):
    """The demo data as `load_demo` loads it, with only the mayor's race from the registrar's
    feed: the whole county takes seconds a test (tests/desk/test_demo.py loads it whole)."""
    from desk.demo import MAYOR_ONLY, load_demo

    load_demo(feed=MAYOR_ONLY)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Test databases roll back without committing, so nothing bumps the cache's
    generation: start every test with an empty cache instead."""
    from django.core.cache import cache

    cache.clear()
