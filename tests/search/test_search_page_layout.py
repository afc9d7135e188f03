"""The search page as a reader meets it: one search box (the header's gives way to the
page's), facets beside the results, and a candidate card whose story count agrees with
the candidate's facet."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_search_page_has_one_search_box(client, demo):
    html = client.get("/search/?q=bass").content.decode()
    assert html.count('type="search"') == 1
    assert 'id="site-q"' not in html
    assert 'id="site-q"' in client.get("/").content.decode()


def test_facets_sit_in_the_layout_beside_the_results(client, demo):
    html = client.get("/search/?q=bass").content.decode()
    layout = html[html.index('<div class="search-layout">') :]
    assert layout.index('<section class="search-results"') < layout.index(
        '<aside class="search-facets"'
    )


def test_the_candidate_card_and_its_facet_count_the_same_stories(client, demo):
    html = client.get("/search/?q=caruso").content.decode()
    card = re.search(r"(\d+) stor(?:y|ies) names? Rick Caruso\.", html)
    facet = re.search(r'>Rick Caruso</a> <span class="count">(\d+)</span>', html)
    assert card and facet
    assert card.group(1) == facet.group(1)
