"""Candidates' names are folded once and kept in the shared cache until something changes."""

import pytest

from archive.search_names import find_candidates
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
