"""Hostile and broken input: a clear message, the right status, never a 500."""

import logging

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    bass = factories.candidate(name="Karen Bass", slug="karen-bass", press_names=["Bass"])
    factories.publication(name="Daily Ledger", slug="daily-ledger")
    factories.article(headline="Budget hearing", body="Karen Bass spoke about the budget.")
    return bass


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "budget & hearing",
        "budget | hearing",
        "!budget",
        "budg:*",
        "budget <-> hearing",
        "budget <2> hearing",
        "'; DROP TABLE archive_article; --",
        "budget') OR 1=1 --",
        "((budget",
        "budget\\",
        "or",
        "- - -budget",
        "Karen Bass -Bass",
    ],
)
def test_query_syntax_never_breaks_the_page(client, archive, caplog, query):
    with caplog.at_level(logging.WARNING):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert not [r for r in caplog.records if r.name.startswith("django.db")]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 10_000}, "Keep your search under 300 characters (this one has 10000)"),
        ({"q": "budget\x00hearing"}, "null character"),
        ({"q": "& | ! :* <->"}, "Type a word or a name to search for."),
        ({"q": '"" -'}, "Type a word or a name to search for."),
        ({"since": "2022-02-30"}, "“From” must be a real date"),
        ({"until": "2022-13-01"}, "“To” must be a real date"),
        ({"since": "yesterday"}, "“From” must be a real date"),
        ({"since": "2024-01-02", "until": "2024-01-01"}, "The “from” date is after the “to” date."),
        ({"q": "bass", "until": "9999-12-31"}, "“To”: the year must be between 1800 and 2999"),
        ({"since": "0001-01-01"}, "“From”: the year must be between 1800 and 2999"),
        ({"sort": "price"}, "Sort by best match or newest first."),
        ({"page": "two"}, "The page must be a number."),
        ({"page": "0"}, "Pages are numbered from 1."),
        ({"page": "99999999999999999999"}, "narrow the search instead"),
        ({"candidate": "karen bass'; --"}, "Enter a valid"),
        ({"candidate": "no-such-person"}, "We know no candidate “no-such-person”"),
        ({"election": "nowhere-2022"}, "no election “nowhere-2022”"),
        ({"tag": "missing", "q": "budget"}, "no tag “missing”"),
        ({"publication": "the-onion"}, "no publication “the-onion”"),
        ({"candidate": "x\x00y"}, "Enter a valid"),
    ],
)
def test_invalid_input_answers_400_with_a_message(client, archive, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")


def test_only_common_words_says_so(client, archive):
    response = client.get("/search/", {"q": "the of"})
    assert response.status_code == 200
    assert "only very common words" in response.content.decode()


def test_hostile_text_is_escaped_back_into_the_page(client, archive):
    response = client.get("/search/", {"q": '"><script>alert(1)</script>'})
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_a_known_filter_with_no_matches_is_not_an_error(client, archive):
    response = client.get("/search/", {"q": "zebra", "candidate": "karen-bass"})
    assert response.status_code == 200
    assert "No stories found" in response.content.decode()


def test_best_match_without_words_lists_newest(client, archive):
    response = client.get("/search/", {"sort": "relevance"})
    assert response.status_code == 200
    assert "Sorted by newest first" in response.content.decode()
