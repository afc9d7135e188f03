import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_candidate_and_election_pages_link_to_their_stories_in_search(client):
    person = factories.candidate(name="Ana Ruiz", slug="ana-ruiz")
    race = factories.election(slug="town-9-mayor-2022-11-08")
    factories.candidacy(candidate=person, election=race)
    page = client.get("/candidates/ana-ruiz/").content.decode()
    assert 'href="/search/?candidate=ana-ruiz"' in page
    page = client.get("/elections/town-9-mayor-2022-11-08/").content.decode()
    assert 'href="/search/?election=town-9-mayor-2022-11-08"' in page


def test_the_search_box_is_on_every_page(client):
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page
    assert 'name="q"' in page
