import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo data, as `load_demo` loads it."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _empty_cache():
    """Test databases roll back without committing, so nothing bumps the cache's
    generation: start every test with an empty cache instead."""
    from django.core.cache import cache

    cache.clear()
