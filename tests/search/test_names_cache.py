"""Candidates' names are folded once and kept in the shared cache until something changes."""

import time
from unittest import mock

import pytest
from django.core.cache import cache

from search import names
from search.names import find_candidates
from tests import factories

pytestmark = pytest.mark.django_db


def test_new_candidate_is_found_once_the_change_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60
    assert find_candidates("Quillon").candidates == []  # caches the names as they are
    with django_capture_on_commit_callbacks(execute=True):
        factories.candidate(name="Marta Quillon", slug="marta-quillon", press_names=["Quillon"])
    assert find_candidates("Quillon").candidates == ["marta-quillon"]


def test_cached_names_cost_no_query(settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 60
    factories.candidate(name="Marta Quillon", slug="marta-quillon", press_names=["Quillon"])
    assert find_candidates("Quilon").candidates == ["marta-quillon"]
    with django_assert_num_queries(0):
        assert find_candidates("Marta Quillon").candidates == ["marta-quillon"]


def test_names_from_before_a_change_never_come_back_when_the_cache_loses_its_count(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    # The file cache, as on one machine without Redis; it may drop any entry, the
    # generation included (culling, a cleared folder, a timeout).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    settings.PAGE_CACHE_SECONDS = 60
    assert find_candidates("Quillon").candidates == []  # names cached without her
    with django_capture_on_commit_callbacks(execute=True):
        factories.candidate(name="Marta Quillon", slug="marta-quillon", press_names=["Quillon"])
    assert find_candidates("Quillon").candidates == ["marta-quillon"]

    cache.delete(names.GENERATION_KEY)
    assert find_candidates("Quillon").candidates == ["marta-quillon"]


def test_the_generation_outlives_the_caches_default_timeout(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
            "TIMEOUT": 60,
        }
    }
    settings.PAGE_CACHE_SECONDS = 60

    def generation():
        find_candidates("Quillon")  # reads the names under the current generation
        return cache.get(names.GENERATION_KEY)

    first = generation()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            names.forget_names()
    current = generation()
    assert current != first
    with mock.patch("time.time", return_value=time.time() + 3600):
        assert generation() == current
