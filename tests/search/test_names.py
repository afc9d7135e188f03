import re

import pytest

from archive.models import ArticleCandidate
from search.names import find_candidates, replace_span, within
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    made = {
        "karen-bass": factories.candidate(
            name="Karen Bass",
            slug="karen-bass",
            press_names=["Rep. Karen Bass", "Mayor Karen Bass", "Bass"],
        ),
        "rick-caruso": factories.candidate(
            name="Rick Caruso", slug="rick-caruso", press_names=["Caruso"]
        ),
        "kevin-de-leon": factories.candidate(
            name="Kevin de León",
            slug="kevin-de-leon",
            press_names=["Kevin de Leon", "de León", "De León"],
        ),
        "rae-huang": factories.candidate(name="Rae Huang", slug="rae-huang", press_names=["Huang"]),
        "austin-beutner": factories.candidate(
            name="Austin Beutner", slug="austin-beutner", press_names=["Beutner"]
        ),
    }
    return made


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Karen Bas", "karen-bass"),
        ("karen bass police", "karen-bass"),
        ("Carusso", "rick-caruso"),
        ("caruso homelessness", "rick-caruso"),
        ("Rae Hwang", "rae-huang"),
        ("de leon", "kevin-de-leon"),
        ("De Leon budget", "kevin-de-leon"),
        ("kevin de leon", "kevin-de-leon"),
        ("Beutnr housing", "austin-beutner"),
        ("housing Rep. Karen Bass", "karen-bass"),
    ],
)
def test_each_spelling_finds_its_candidate(people, query, slug):
    assert find_candidates(query).candidates == [slug]


@pytest.mark.parametrize(
    "query",
    ["bas", "housing", "budget police", "-caruso homelessness", "leon", "bassett"],
)
def test_ordinary_words_and_exclusions_name_nobody(people, query):
    assert not find_candidates(query)


def test_the_longest_name_wins_and_the_rest_is_kept(people):
    match = find_candidates("Karen Bas police -fire")
    assert match.written == "Karen Bass"
    assert replace_span("Karen Bas police -fire", match.span, "") == "police -fire"


def test_within_counts_edits():
    assert within("caruso", "carusso", 1)
    assert within("rae huang", "rae hwang", 1)
    assert within("karen bass", "karne bass", 1)  # a swap
    assert not within("huang", "housing", 2)
    assert not within("bass", "bassett", 2)


def test_a_named_candidate_comes_first_with_a_card_and_an_offer_to_narrow(client, people):
    bass = people["karen-bass"]
    race = factories.election(jurisdiction="Los Angeles", slug="los-angeles-mayor-2022-11-08")
    factories.candidacy(candidate=bass, election=race, outcome="elected")
    story = factories.article(headline="Police budget plan", body="Karen Bass on police.")
    ArticleCandidate.objects.update_or_create(article=story, candidate=bass)
    factories.article(headline="Police union vote", body="Police officers voted.")

    page = client.get("/search/", {"q": "Karen Bas police"}).content.decode()
    main = page.split("<main", 1)[1]
    card = main.split('class="candidate-card"', 1)[1].split("</aside>", 1)[0]
    assert main.index('class="candidate-card"') < main.index('class="search-results"')
    assert '<a href="/candidates/karen-bass/">Karen Bass</a>' in card
    assert "Los Angeles Mayor, general, Nov. 8, 2022</a>: Elected" in card
    assert "1 story names Karen Bass" in card
    narrow = re.search(r'<a class="narrow" href="([^"]+)"', card).group(1)
    assert narrow == "?q=police&amp;candidate=karen-bass"
    assert "Showing stories for <strong>Karen Bass police</strong>" in main

    page = client.get("/search/", {"q": "police", "candidate": "karen-bass"}).content.decode()
    assert "Police budget plan" in page.replace("<mark>", "").replace("</mark>", "")
    assert "Police union vote" not in page.replace("<mark>", "").replace("</mark>", "")


def test_an_accented_name_is_found_without_its_accent(client, people):
    factories.article(headline="Council member de León speaks", body="Kevin de León spoke.")
    page = client.get("/search/", {"q": "de leon"}).content.decode()
    assert "/candidates/kevin-de-leon/" in page
    assert "speaks" in page
